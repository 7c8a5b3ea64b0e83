import {
  afterNextRender,
  DestroyRef,
  effect,
  inject,
  Injector,
  PendingTasks,
  signal,
  Signal,
} from '@angular/core';

/** If the page is hidden (no frames), the part is drawn anyway after this long. */
const LONGEST_WAIT_MS = 250;

/**
 * A signal that turns true once `ready()` has turned true and the browser has painted what
 * was drawn then: a part of the page that can wait (off-screen on a phone, or beside the
 * text) is drawn in the task after that paint, not in the one before it. On a slow phone
 * the article's text then shows without waiting for the claims table (Lighthouse's largest
 * contentful paint). The wait counts as pending work, so tests and `whenStable()` see the
 * whole page.
 */
export function afterPaint(ready: () => boolean): Signal<boolean> {
  const injector = inject(Injector);
  const pendingTasks = inject(PendingTasks);
  const painted = signal(false);
  let done: (() => void) | null = null;
  const finish = () => {
    painted.set(true);
    done?.();
    done = null;
  };
  inject(DestroyRef).onDestroy(() => done?.());
  const watch = effect(() => {
    if (!ready()) {
      return;
    }
    watch.destroy();
    done = pendingTasks.add();
    afterNextRender(
      () => {
        // The frame's callback runs before its paint; the timer's task comes after it.
        requestAnimationFrame(() => setTimeout(finish));
        setTimeout(finish, LONGEST_WAIT_MS);
      },
      { injector },
    );
  });
  return painted.asReadonly();
}
