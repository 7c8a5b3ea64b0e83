/**
 * What runs inside the page. `instrument` is installed with addInitScript, so
 * its capturing keydown listener on window runs before any of the app's.
 *
 * For each measured key it records, in the page's own clock (performance.now()):
 * - `keydown`: the capturing keydown listener;
 * - `dom`: the MutationObserver callback after which the page shows the expected
 *   result (the status text, and the expected claim in the table's first row);
 * - `raf1`: the next requestAnimationFrame callback: the frame that will show it;
 * - `painted`: a MessageChannel task posted from that callback, which runs once
 *   that frame's style, layout and paint are done: the result is on screen;
 * - `raf2`: a second requestAnimationFrame (the "two rAFs" approximation).
 * Headless Chromium does not always run the posted task before the next frame
 * (it favours rendering after input), so the earlier of `painted` and `raf2` is
 * the tighter bound on "the frame with the result has been produced".
 *
 * These functions are serialised into the page: they must not use anything from
 * the enclosing module.
 */

export interface Expectation {
  /** The element typed into; other keys are not measured. */
  readonly inputSelector: string;
  readonly statusSelector: string;
  readonly status: string;
  /** Element id the first element matching `rowSelector` must have, or null for no check. */
  readonly firstRowId: string | null;
  readonly rowSelector: string;
}

export interface KeyRecord {
  readonly key: string;
  readonly keydown: number;
  /** event.timeStamp: when the browser created the event (queueing shows as keydown − eventStamp). */
  readonly eventStamp: number;
  dom?: number;
  raf1?: number;
  painted?: number;
  raf2?: number;
  timedOut?: boolean;
}

export interface LoadRecord {
  dom?: number;
  raf1?: number;
  painted?: number;
  raf2?: number;
}

export interface FrameStats {
  readonly intervals: number[];
  readonly reachedEnd: boolean;
  readonly blankFrames: number;
}

export interface JumpRecord {
  readonly dom: number;
  readonly painted: number;
}

/** A PerformanceEventTiming entry (Chrome reports those of 16 ms and more). */
export interface EventEntry {
  readonly name: string;
  readonly startTime: number;
  readonly duration: number;
  readonly interactionId: number;
}

export interface UiBench {
  expect: Expectation | null;
  readonly keys: KeyRecord[];
  readonly events: EventEntry[];
  readonly load: LoadRecord;
  whenKey(index: number, timeoutMs: number): Promise<KeyRecord | null>;
  whenLoaded(timeoutMs: number): Promise<LoadRecord | null>;
}

declare global {
  interface Window {
    __uiBench?: UiBench;
  }
}

export interface LoadExpectation {
  readonly statusSelector: string;
  readonly status: string;
  readonly rowSelector: string;
}

export function instrument(load: LoadExpectation | null): void {
  const keyWaiters: (() => void)[] = [];
  const loadWaiters: (() => void)[] = [];
  const wake = (waiters: (() => void)[]) => waiters.splice(0).forEach((wake) => wake());

  /** Calls `done` with timings once the next frame after now is on screen. */
  const afterPaint = (
    record: { raf1?: number; painted?: number; raf2?: number },
    done: () => void,
  ) => {
    requestAnimationFrame(() => {
      record.raf1 = performance.now();
      const channel = new MessageChannel();
      let second = false;
      channel.port1.onmessage = () => {
        record.painted = performance.now();
        if (second) done();
        second = true;
      };
      channel.port2.postMessage(null);
      requestAnimationFrame(() => {
        record.raf2 = performance.now();
        if (second) done();
        second = true;
      });
    });
  };

  const bench: UiBench = {
    expect: null,
    keys: [],
    events: [],
    load: {},
    whenKey(index, timeoutMs) {
      return new Promise((resolve) => {
        const check = () => {
          const record = bench.keys[index];
          if (record && (record.timedOut || record.raf2 !== undefined)) {
            resolve(record);
            return true;
          }
          return false;
        };
        if (check()) return;
        const timer = setTimeout(() => resolve(null), timeoutMs);
        const waiter = () => {
          if (check()) clearTimeout(timer);
          else keyWaiters.push(waiter);
        };
        keyWaiters.push(waiter);
      });
    },
    whenLoaded(timeoutMs) {
      return new Promise((resolve) => {
        if (bench.load.painted !== undefined) {
          resolve(bench.load);
          return;
        }
        const timer = setTimeout(() => resolve(null), timeoutMs);
        loadWaiters.push(() => {
          clearTimeout(timer);
          resolve(bench.load);
        });
      });
    },
  };
  window.__uiBench = bench;

  // Chrome's own input-to-next-paint timing. lib.dom does not know these fields yet.
  type EventTimingInit = PerformanceObserverInit & { durationThreshold: number };
  type EventTiming = PerformanceEntry & { interactionId?: number };
  try {
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries() as EventTiming[]) {
        bench.events.push({
          name: entry.name,
          startTime: entry.startTime,
          duration: entry.duration,
          interactionId: entry.interactionId ?? 0,
        });
      }
    }).observe({ type: 'event', durationThreshold: 16, buffered: true } as EventTimingInit);
  } catch {
    // No Event Timing in this browser: the figures stay empty.
  }

  window.addEventListener(
    'keydown',
    (event) => {
      const expect = bench.expect;
      if (
        !expect ||
        !(event.target instanceof Element) ||
        !event.target.matches(expect.inputSelector)
      ) {
        return;
      }
      bench.expect = null;
      const record: KeyRecord = {
        key: event.key,
        keydown: performance.now(),
        eventStamp: event.timeStamp,
      };
      bench.keys.push(record);
      const satisfied = () => {
        const status = document.querySelector(expect.statusSelector)?.textContent?.trim();
        if (status !== expect.status) return false;
        return (
          expect.firstRowId === null ||
          document.querySelector(expect.rowSelector)?.id === expect.firstRowId
        );
      };
      const timer = setTimeout(() => {
        observer.disconnect();
        record.timedOut = true;
        wake(keyWaiters);
      }, 10_000);
      const observer = new MutationObserver(() => {
        if (!satisfied()) return;
        record.dom = performance.now();
        observer.disconnect();
        clearTimeout(timer);
        afterPaint(record, () => wake(keyWaiters));
      });
      observer.observe(document.documentElement, {
        subtree: true,
        childList: true,
        characterData: true,
        attributes: true,
        attributeFilter: ['id'],
      });
    },
    { capture: true },
  );

  if (load) {
    const observer = new MutationObserver(() => {
      const status = document.querySelector(load.statusSelector)?.textContent?.trim();
      if (status !== load.status || !document.querySelector(load.rowSelector)) return;
      bench.load.dom = performance.now();
      observer.disconnect();
      afterPaint(bench.load, () => wake(loadWaiters));
    });
    observer.observe(document, { subtree: true, childList: true, characterData: true });
  }
}

/** requestAnimationFrame intervals while the page does nothing: the frame rate to expect. */
export function idleFrames(count: number): Promise<number[]> {
  return new Promise((resolve) => {
    const times: number[] = [];
    const tick = (time: number) => {
      times.push(time);
      if (times.length > count) {
        resolve(times.slice(1).map((t, i) => t - times[i]));
      } else {
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });
}

/**
 * Sets the viewport's scrollTop in one jump and times until the row with
 * aria-rowindex `rowIndex` is in the DOM and then on screen.
 */
export function scrollJump(args: {
  viewportSelector: string;
  rowSelector: string;
  toBottom: boolean;
}): Promise<JumpRecord | null> {
  return new Promise((resolve) => {
    const viewport = document.querySelector(args.viewportSelector);
    if (!viewport) {
      resolve(null);
      return;
    }
    const found = () => document.querySelector(args.rowSelector) !== null;
    const started = performance.now();
    const timer = setTimeout(() => {
      observer.disconnect();
      resolve(null);
    }, 10_000);
    const observer = new MutationObserver(() => {
      if (!found()) return;
      const dom = performance.now() - started;
      observer.disconnect();
      clearTimeout(timer);
      requestAnimationFrame(() => {
        const channel = new MessageChannel();
        channel.port1.onmessage = () => resolve({ dom, painted: performance.now() - started });
        channel.port2.postMessage(null);
      });
    });
    observer.observe(viewport, { subtree: true, childList: true, attributes: true });
    viewport.scrollTop = args.toBottom ? viewport.scrollHeight : 0;
  });
}

/**
 * Scrolls the viewport from top to bottom by `step` pixels per frame, as a
 * flick or a held-down scrollbar would, and records each frame's interval and
 * whether the rows in view were rendered (a blank frame shows no row in view).
 */
export function scrollFrames(args: {
  viewportSelector: string;
  rowsSelector: string;
  step: number;
}): Promise<FrameStats | null> {
  return new Promise((resolve) => {
    const viewport = document.querySelector(args.viewportSelector);
    if (!viewport) {
      resolve(null);
      return;
    }
    viewport.scrollTop = 0;
    const intervals: number[] = [];
    let blankFrames = 0;
    let last = -1;
    const bottom = () => viewport.scrollHeight - viewport.clientHeight;
    const tick = (time: number) => {
      if (last >= 0) {
        intervals.push(time - last);
        // Is any rendered row within the viewport's visible box?
        const box = viewport.getBoundingClientRect();
        const visible = Array.from(document.querySelectorAll(args.rowsSelector)).some((row) => {
          const rect = row.getBoundingClientRect();
          return rect.bottom > box.top + 40 && rect.top < box.bottom;
        });
        if (!visible) blankFrames += 1;
      }
      last = time;
      if (viewport.scrollTop >= bottom() - 1 || intervals.length > 2000) {
        resolve({ intervals, reachedEnd: viewport.scrollTop >= bottom() - 1, blankFrames });
        return;
      }
      viewport.scrollTop = Math.min(bottom(), viewport.scrollTop + args.step);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}
