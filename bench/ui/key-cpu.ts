/**
 * The main thread's CPU time on each key's way to the DOM, from a Chrome trace:
 * the thread time (`tdur`) of the renderer main thread's tasks from the key's
 * keydown until the result was in the DOM. Unlike the wall-clock figures it
 * leaves out the time the thread waited for a core, so on a shared machine it
 * tells builds apart where the wall clock cannot.
 */
import type { Browser, Page } from '@playwright/test';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly pid: number;
  readonly tid: number;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly type?: string } };
}

const TASKS = new Set(['ThreadControllerImpl::RunTask', 'RunTask']);

export async function startKeyTrace(browser: Browser, page: Page): Promise<void> {
  await browser.startTracing(page, {
    categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
  });
}

/**
 * Ends the trace and returns, for each keydown in it, the main thread's CPU ms
 * from that keydown to `domMs[i]` ms after it (the i-th key's DOM time).
 */
export async function stopKeyTrace(browser: Browser, domMs: readonly number[]): Promise<number[]> {
  const { traceEvents } = JSON.parse((await browser.stopTracing()).toString()) as {
    traceEvents: TraceEvent[];
  };
  const isKeydown = (e: TraceEvent) =>
    e.name === 'EventDispatch' && e.ph === 'X' && e.args?.data?.type === 'keydown';
  const first = traceEvents.find(isKeydown);
  if (!first) return [];
  const mine = traceEvents
    .filter((e) => e.pid === first.pid && e.tid === first.tid && e.ph === 'X')
    .sort((a, b) => a.ts - b.ts);
  // Top-level tasks only: a task's nested tasks are within its thread time.
  const tasks: TraceEvent[] = [];
  let end = -Infinity;
  for (const event of mine) {
    if (TASKS.has(event.name) && event.ts >= end) {
      tasks.push(event);
      end = event.ts + (event.dur ?? 0);
    }
  }
  return mine.filter(isKeydown).map((keydown, i) => {
    const until = keydown.ts + (domMs[i] ?? 0) * 1000;
    let cpu = 0;
    for (const task of tasks) {
      const taskEnd = task.ts + (task.dur ?? 0);
      if (taskEnd <= keydown.ts || task.ts >= until) continue;
      // The share of a task that lies in the window, by its wall-clock overlap.
      const overlap = Math.min(taskEnd, until) - Math.max(task.ts, keydown.ts);
      const share = task.dur ? Math.max(0, overlap) / task.dur : 1;
      cpu += ((task.tdur ?? task.dur ?? 0) * share) / 1000;
    }
    return cpu;
  });
}
