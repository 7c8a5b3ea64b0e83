/**
 * An async task that runs at most once at a time: a call while it runs asks for one
 * more run after it, however many calls there were. A burst of commits thus costs the
 * feed one or two sequencing rounds and reads, not one each.
 *
 * With a spacing, `soon()` also lets runs begin at most every `spacingMs`: a call within
 * that time of the last run's start waits for the rest of it, with every other such
 * call, so one run does the work of all of them (the feed's round numbers many commits
 * in one transaction). `run()` never waits for the spacing.
 */
export class Coalesced {
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;
  /** `performance.now()` when the last run began. */
  private lastStart = -Infinity;
  /** Callers of `soon()` waiting for the spacing, settled by the next run to begin. */
  private spaced: { promise: Promise<void>; begin: (run: Promise<void>) => void } | null = null;
  private timer: NodeJS.Timeout | undefined;

  /** `task` must not reject: it reports its own errors. */
  constructor(
    private readonly task: () => Promise<void>,
    private readonly spacingMs = 0,
  ) {}

  /** Settles when a run that began after this call has finished; begins one at once if idle. */
  run(): Promise<void> {
    if (!this.current) {
      this.lastStart = performance.now();
      this.current = this.task().finally(() => {
        this.current = null;
      });
      // This run began after every waiting `soon()`: it is theirs too.
      const spaced = this.spaced;
      this.spaced = null;
      clearTimeout(this.timer);
      spaced?.begin(this.current);
      return this.current;
    }
    this.next ??= this.current.then(() => {
      this.next = null;
      return this.run();
    });
    return this.next;
  }

  /** As `run()`, but the run begins no sooner than `spacingMs` after the last one began. */
  soon(): Promise<void> {
    if (this.next) {
      return this.next;
    }
    if (this.spaced) {
      return this.spaced.promise;
    }
    const wait = this.lastStart + this.spacingMs - performance.now();
    if (wait <= 0) {
      return this.run();
    }
    let begin!: (run: Promise<void>) => void;
    const promise = new Promise<void>((resolve) => {
      begin = resolve;
    });
    this.spaced = { promise, begin };
    this.timer = setTimeout(() => void this.run(), wait);
    return promise;
  }

  /** Settles when nothing is running, asked for or waiting for the spacing. */
  async idle(): Promise<void> {
    while (this.current || this.next || this.spaced) {
      await (this.next ?? this.current ?? this.spaced?.promise);
    }
  }
}
