import { DestroyRef, Injectable, inject, signal } from '@angular/core';

const MINUTE = 60_000;

/**
 * The time the desk's lists measure against ("Overdue by 2 days", "In review for
 * 3 d"): read once and again each minute, so the words age while a page is open.
 * Specs provide a fixed one.
 */
@Injectable({ providedIn: 'root' })
export class Clock {
  private readonly current = signal(Date.now());
  readonly now = this.current.asReadonly();

  constructor() {
    const tick = setInterval(() => this.current.set(Date.now()), MINUTE);
    inject(DestroyRef).onDestroy(() => clearInterval(tick));
  }
}
