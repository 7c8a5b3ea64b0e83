/** Chromium's `scheduler.yield()`: the rest runs in a task of its own, ahead of other tasks. */
interface YieldingScheduler {
  yield(): Promise<void>;
}

/** Ends the current task: the browser may paint and answer input before the rest runs. */
export function nextTask(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: Partial<YieldingScheduler> }).scheduler;
  return typeof scheduler?.yield === 'function'
    ? scheduler.yield()
    : new Promise((resolve) => setTimeout(resolve));
}
