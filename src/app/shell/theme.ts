import { DOCUMENT, Injectable, inject, signal } from '@angular/core';

export type ThemeMode = 'light' | 'dark';

const STORAGE_KEY = 'claimdesk.theme';

/**
 * The person's stored choice, if any. The page's first `localStorage` access waits for the
 * browser to hand over the site's storage (5-80 ms seen on a busy machine; later ones are
 * quick), so `main.ts` reads it once in a task of its own before the app starts, rather than
 * in the middle of the toolbar's first render.
 */
export function readStoredTheme(): ThemeMode | null {
  let stored: string | null = null;
  try {
    stored = localStorage.getItem(STORAGE_KEY);
  } catch {
    stored = null;
  }
  return stored === 'light' || stored === 'dark' ? stored : null;
}

/** Light or dark scheme: the person's choice, else their system's. */
@Injectable({ providedIn: 'root' })
export class Theme {
  private readonly document = inject(DOCUMENT);
  readonly mode = signal<ThemeMode>(this.initialMode());

  constructor() {
    this.apply(this.mode());
  }

  toggle(): void {
    const next: ThemeMode = this.mode() === 'dark' ? 'light' : 'dark';
    this.mode.set(next);
    this.apply(next);
    try {
      localStorage.setItem(STORAGE_KEY, next);
    } catch {
      // Private windows may refuse storage; the choice then lasts the session.
    }
  }

  private initialMode(): ThemeMode {
    const stored = readStoredTheme();
    if (stored) {
      return stored;
    }
    return this.document.defaultView?.matchMedia?.('(prefers-color-scheme: dark)').matches
      ? 'dark'
      : 'light';
  }

  private apply(mode: ThemeMode): void {
    this.document.documentElement.classList.toggle('cd-dark', mode === 'dark');
  }
}
