/**
 * A write transaction that stores a lot at once (an import of 20,000 claims writes about
 * 20 MB of SQLite log) without one long stall at its COMMIT.
 *
 * better-sqlite3 keeps up to 16 MB of changed pages in its cache and writes them at
 * COMMIT, then syncs the log: one synchronous step of 100-250 ms in which no request
 * moved. Here, on SQLite, the cache is held to 2 MB while the work runs, so that SQLite
 * writes the pages out as it goes (in the work's own slices, between which other requests
 * run), and the log written so far is synced on the thread pool before the COMMIT; the
 * COMMIT then has at most 2 MB left to write and sync. Durability and atomicity are
 * SQLite's as before: nothing is visible or durable before the COMMIT. On PostgreSQL
 * this does nothing: its writes are I/O on other processes.
 *
 * The sync awaits a file, not a query of the transaction: it delays the other members of
 * the group commit's batch by a few milliseconds, next to the work of the large write.
 */
import { open } from 'node:fs/promises';
import { type Kysely, sql } from 'kysely';
import { isPostgres } from './engine';
import type { Database } from './schema';

/** The cache while a large write runs, in KiB: what SQLite's own default is. */
export const LARGE_WRITE_CACHE_KIB = 2000;

export async function writingMuch<T>(trx: Kysely<Database>, work: () => Promise<T>): Promise<T> {
  if (isPostgres(trx)) {
    return work();
  }
  const { rows } = await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(trx);
  const cacheSize = Number(rows[0]?.cache_size ?? -2000);
  await sql.raw(`PRAGMA cache_size = -${LARGE_WRITE_CACHE_KIB}`).execute(trx);
  try {
    const result = await work();
    await syncLogSoFar(trx);
    return result;
  } finally {
    await sql.raw(`PRAGMA cache_size = ${cacheSize}`).execute(trx);
  }
}

/** fdatasync of the log file on the thread pool; nothing to do for an in-memory database. */
async function syncLogSoFar(trx: Kysely<Database>): Promise<void> {
  const { rows } = await sql<{
    file: string;
  }>`select file from pragma_database_list where name = 'main'`.execute(trx);
  const file = rows[0]?.file;
  if (!file) {
    return;
  }
  const log = await open(`${file}-wal`, 'r').catch(() => null);
  if (log) {
    try {
      await log.datasync();
    } finally {
      await log.close();
    }
  }
}
