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
 * once its log frames are synced, as before; the checkpoint only moves them on.
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

/** Starts checkpointing `file`'s log off the event loop; the connection stops doing it. */
export function checkpointElsewhere(sqlite: SQLite.Database, file: string): void {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver: createRequire(import.meta.url).resolve('better-sqlite3') },
  });
  worker.unref();
  let busy = false;
  worker.on('message', () => {
    busy = false;
  });
  // A checkpoint that cannot run (the thread failed to start) leaves the log to grow until
  // the connection closes, which checkpoints it: nothing is lost, so say it and go on.
  worker.on('error', (error) => {
    clearInterval(timer);
    process.emitWarning(`WAL checkpoints stopped: ${error.message}`);
  });
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
    clearInterval(timer);
    worker.postMessage('close');
    return close();
  };
}
