/**
 * An async task that runs at most once at a time: a call while it runs asks for one
 * more run after it, however many calls there were. A burst of commits thus costs the
 * feed one or two sequencing rounds and reads, not one each.
 */
export class Coalesced {
  private current: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  /** `task` must not reject: it reports its own errors. */
  constructor(private readonly task: () => Promise<void>) {}

  /** Settles when a run that began after this call has finished. */
  run(): Promise<void> {
    if (!this.current) {
      this.current = this.task().finally(() => {
        this.current = null;
      });
      return this.current;
    }
    this.next ??= this.current.then(() => {
      this.next = null;
      return this.run();
    });
    return this.next;
  }

  /** Settles when nothing is running or asked for. */
  async idle(): Promise<void> {
    while (this.current || this.next) {
      await (this.next ?? this.current);
    }
  }
}
