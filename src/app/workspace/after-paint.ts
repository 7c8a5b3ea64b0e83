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

/**
 * How many of a page's parts, drawn top to bottom, are drawn so far: 0 until `ready()` turns
 * true, then 1 in that pass, then one more in each task after the pass that drew the one
 * before, up to `parts`. A first render that would be one long task (on Lighthouse's slow
 * phone every task's time beyond 50 ms blocks input) becomes a few short ones. Parts appear
 * in document order, below what is drawn, so nothing drawn moves. Until all are drawn the
 * page counts as having pending work, so tests and `whenStable()` see the whole page.
 */
export function drawnInSteps(ready: () => boolean, parts: number): Signal<number> {
  const injector = inject(Injector);
  const pendingTasks = inject(PendingTasks);
  const drawn = signal(0);
  let done: (() => void) | null = null;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const finish = () => {
    done?.();
    done = null;
  };
  inject(DestroyRef).onDestroy(() => {
    clearTimeout(timer);
    finish();
  });
  const drawNext = () => {
    drawn.update((count) => count + 1);
    if (drawn() >= parts) {
      finish();
      return;
    }
    // The next part in a task of its own, once this one has been rendered.
    afterNextRender(
      () => {
        timer = setTimeout(drawNext);
      },
      { injector },
    );
  };
  const watch = effect(() => {
    if (!ready()) {
      return;
    }
    watch.destroy();
    done = pendingTasks.add();
    drawNext();
  });
  return drawn.asReadonly();
}

/** Near the view: within one view's height above or below what is visible. */
const NEAR_MARGIN = '100% 0px';
/** The observer's first answer comes with the next frame; tests wait at most this long for it. */
const FIRST_ANSWER_WAIT_MS = 1000;

/**
 * A signal that turns true once `ready()` is true and the element `target()` comes within a
 * view's height of the visible part of the page, and stays true. A part of the page far below
 * the fold on a phone (the claims table, under the article's text) is then drawn as it is
 * scrolled to, not while the page loads. A hidden page (no frames, so no observer answers)
 * counts everything as near. Until the observer's first answer the wait counts as pending
 * work, so that tests and `whenStable()` see what it decided.
 */
export function nearView(target: () => Element | undefined, ready: () => boolean): Signal<boolean> {
  const injector = inject(Injector);
  const pendingTasks = inject(PendingTasks);
  const near = signal(false);
  let observer: IntersectionObserver | null = null;
  let done: (() => void) | null = null;
  const answered = () => {
    done?.();
    done = null;
  };
  inject(DestroyRef).onDestroy(() => {
    observer?.disconnect();
    answered();
  });
  const watch = effect(() => {
    const element = target();
    if (!ready() || !element) {
      return;
    }
    watch.destroy();
    if (typeof IntersectionObserver === 'undefined' || document.visibilityState === 'hidden') {
      near.set(true);
      return;
    }
    done = pendingTasks.add();
    observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          near.set(true);
          observer?.disconnect();
          observer = null;
          // Pending until what it draws has started (its own pending work by then).
          afterNextRender(answered, { injector });
        } else {
          answered();
        }
      },
      { rootMargin: NEAR_MARGIN },
    );
    observer.observe(element);
    setTimeout(answered, FIRST_ANSWER_WAIT_MS);
  });
  return near.asReadonly();
}

/**
 * While `busy()` is true the page counts as having pending work, so that tests and
 * `whenStable()` wait for it. For a `@defer` block: Angular ends its own pending work once the
 * block's code has loaded, before the block's content is drawn.
 */
export function pendingWhile(busy: () => boolean): void {
  const pendingTasks = inject(PendingTasks);
  let done: (() => void) | null = null;
  const finish = () => {
    done?.();
    done = null;
  };
  inject(DestroyRef).onDestroy(finish);
  effect(() => {
    if (busy()) {
      done ??= pendingTasks.add();
    } else {
      finish();
    }
  });
}
