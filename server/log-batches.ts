/**
 * The log's lines on their way to the file: kept in an array and written in batches (see
 * logging.ts for why), and written out when the process exits.
 */
import { writeSync } from 'node:fs';

/** Lines are written once this many bytes wait (about 300 requests' lines)… */
export const LOG_BATCH_BYTES = 64 * 1024;
/** …or after this long, whichever comes first. */
export const LOG_FLUSH_MS = 100;

/** Where LineBatches hand their lines: a sonic-boom stream. */
export interface LineSink {
  write(data: Buffer): boolean;
  flushSync(): void;
  readonly destroyed?: boolean;
}

/** Live batches, written out before the process exits (see `writeOutOnExit`). */
const liveBatches = new Set<WeakRef<LineBatches>>();

/**
 * Log lines kept in an array until LOG_BATCH_BYTES of them wait, or LOG_FLUSH_MS
 * passed, then joined once and handed to `sink` as bytes.
 */
export class LineBatches {
  private lines: string[] = [];
  private waiting = 0;
  private readonly timer: NodeJS.Timeout;
  private readonly ref = new WeakRef(this);

  constructor(
    private readonly sink: LineSink,
    /** The sink's file, for lines that come after the sink was closed on exit. */
    private readonly fd: number,
    private readonly batchBytes = LOG_BATCH_BYTES,
    flushMs = LOG_FLUSH_MS,
  ) {
    this.timer = setInterval(() => this.flush(), flushMs).unref();
    writeOutOnExit();
    liveBatches.add(this.ref);
  }

  /** pino's stream interface: one serialised line, newline included. */
  write(line: string): boolean {
    this.lines.push(line);
    // Characters, not bytes: a batch's size only needs to be about right.
    this.waiting += line.length;
    if (this.waiting >= this.batchBytes) {
      this.flush();
    }
    return true;
  }

  /**
   * Hands what waits to the sink, which writes it asynchronously (pino's `logger.flush`
   * calls it with a callback: sonic-boom, unbatched, answers that at once too).
   */
  flush(callback?: () => void): void {
    if (this.lines.length === 0) {
      callback?.();
      return;
    }
    // One UTF-8 copy per batch; in buffer mode sonic-boom keeps it as it is.
    const data = Buffer.from(this.lines.join(''));
    this.lines = [];
    this.waiting = 0;
    if (this.sink.destroyed) {
      writeSync(this.fd, data);
    } else {
      this.sink.write(data);
    }
    callback?.();
  }

  /** Writes everything out before returning (pino calls it on a fatal error, and on exit). */
  flushSync(): void {
    this.flush();
    if (!this.sink.destroyed) {
      this.sink.flushSync();
    }
  }

  /** Stops the timer; what waits is written out first. */
  end(): void {
    this.flush();
    clearInterval(this.timer);
    liveBatches.delete(this.ref);
  }
}

let exitHooked = false;

/**
 * Hands every batch's waiting lines to its sink when the process is about to exit, before
 * pino's own exit handler flushes (beforeExit) or closes (exit) the sink: hence prepended.
 */
function writeOutOnExit(): void {
  if (exitHooked) {
    return;
  }
  exitHooked = true;
  const writeOut = (sync: boolean) => {
    for (const ref of liveBatches) {
      const batches = ref.deref();
      if (!batches) {
        liveBatches.delete(ref);
      } else if (sync) {
        batches.flushSync();
      } else {
        batches.flush();
      }
    }
  };
  process.prependListener('beforeExit', () => writeOut(false));
  process.prependListener('exit', () => writeOut(true));
}
