import { DestroyRef, inject, Signal, signal } from '@angular/core';

const MINUTE = 60_000;

/**
 * The time now, as a signal that ticks once a minute while its component
 * lives: enough for "Overdue by 2 days" and "5 min ago" without a check per
 * second. Call it in an injection context (a field initialiser).
 */
export function minuteClock(): Signal<number> {
  const now = signal(Date.now());
  const tick = setInterval(() => now.set(Date.now()), MINUTE);
  inject(DestroyRef).onDestroy(() => clearInterval(tick));
  return now.asReadonly();
}
