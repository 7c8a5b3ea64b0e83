/** Someone in line for the lock. */
interface LockWaiter {
  grant(): void;
  refuse(error: Error): void;
}

/**
 * The lock on the single SQLite connection: first come, first served. Each release hands
 * it to the next in line, which wakes alone, so no one can overtake a waiting request.
 */
export class FifoLock {
  private locked = false;
  private readonly queue: LockWaiter[] = [];

  /**
   * Undefined when the lock is free and now taken: the caller goes on in the same turn of
   * the event loop. Otherwise a promise that resolves when the lock is handed over.
   */
  acquire(): Promise<void> | undefined {
    if (!this.locked) {
      this.locked = true;
      return undefined;
    }
    return new Promise((grant, refuse) => this.queue.push({ grant, refuse }));
  }

  /** Hands the lock to the next in line; false when no one waits and it is free now. */
  release(): boolean {
    const next = this.queue.shift();
    if (next) {
      next.grant();
      return true;
    }
    this.locked = false;
    return false;
  }

  get held(): boolean {
    return this.locked;
  }

  /** Refuses everyone in line with `error`; whoever holds the lock keeps it. */
  refuseWaiting(error: Error): void {
    for (const waiter of this.queue.splice(0)) {
      waiter.refuse(error);
    }
  }
}
