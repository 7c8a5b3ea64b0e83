/**
 * SQLite's WAL checkpoints on a thread of their own.
 *
 * By default SQLite copies the write-ahead log into the database file at the end of the
 * COMMIT that takes the log past 1,000 pages, on the connection that commits: with one
 * synchronous connection (better-sqlite3) that copy, and its fsync, held the event loop.
 * After a 20,000-claim import it was 21 MB, about 50-150 ms in which no request moved.
 * Here the app's connection never checkpoints (`wal_autocheckpoint = 0`); a worker thread
 * with a connection of its own runs a PASSIVE checkpoint (which waits for no one and
 * blocks no one) every CHECKPOINT_EVERY_MS. Durability is unchanged: a commit is durable
 * once its log frames are synced, as before; the checkpoint only moves them on. If the
 * thread fails or exits, the connection checkpoints again as SQLite does by default.
 */
import { createRequire } from 'node:module';
import type SQLite from 'better-sqlite3';
import { Worker } from 'node:worker_threads';

export const CHECKPOINT_EVERY_MS = 500;

/** Plain JavaScript, so that the thread needs no TypeScript loader. */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.file, { fileMustExist: true });
db.pragma('busy_timeout = 1000');
parentPort.on('message', (message) => {
  if (message === 'close') {
    db.close();
    parentPort.close();
    return;
  }
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
    parentPort.postMessage({ ok: true });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: String(error && error.message) });
  }
});
`;

/** SQLite's own threshold, in pages: what the connection checkpoints at when the thread is gone. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 1000;

/**
 * Starts checkpointing `file`'s log off the event loop; the connection stops doing it.
 * `workerSource` is for tests only: a thread that fails, to see the fallback.
 */
export function checkpointElsewhere(
  sqlite: SQLite.Database,
  file: string,
  workerSource = WORKER_SOURCE,
): void {
  const worker = new Worker(workerSource, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  let busy = false;
  let closing = false;
  let stopped = false;
  const restoreAutocheckpoint = () => {
    if (!sqlite.open) {
      return;
    }
    try {
      sqlite.pragma(`wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
    } catch {
      // The connection is busy streaming rows to someone: again once it is done.
      setTimeout(restoreAutocheckpoint, CHECKPOINT_EVERY_MS).unref();
    }
  };
  // Without the thread, the log would grow until the connection closes (the only
  // checkpoint left): the connection takes checkpointing back, as SQLite does by default,
  // at the cost of the stall at the end of the COMMIT that passes the threshold.
  const fallBack = (why: string) => {
    if (stopped || closing) {
      return;
    }
    stopped = true;
    clearInterval(timer);
    process.emitWarning(
      `WAL checkpoints on their thread stopped (${why}); the connection checkpoints again ` +
        `every ${FALLBACK_AUTOCHECKPOINT_PAGES} pages`,
    );
    restoreAutocheckpoint();
  };
  // A checkpoint that fails now and then (the file busy) is tried again next time;
  // only a thread that is gone leaves the log to grow.
  worker.on('message', () => {
    busy = false;
  });
  worker.on('error', (error) => fallBack(error.message));
  worker.on('exit', (code) => fallBack(`the thread exited with code ${code}`));
  const timer = setInterval(() => {
    if (!busy) {
      busy = true;
      worker.postMessage('checkpoint');
    }
  }, CHECKPOINT_EVERY_MS);
  timer.unref();
  sqlite.pragma('wal_autocheckpoint = 0');
  const close = sqlite.close.bind(sqlite);
  sqlite.close = () => {
    closing = true;
    clearInterval(timer);
    worker.postMessage('close');
    return close();
  };
}
