/**
 * Write transactions on either engine. SQLite has one writer, so a transaction sees
 * no one else's concurrent work. PostgreSQL serves many processes at once:
 *
 * - By default its write transactions run READ COMMITTED: every optimistic check sits
 *   in the write itself (`UPDATE … WHERE id = $1 AND version = $2`, a conditional
 *   `UPDATE … WHERE used_at IS NULL`), where PostgreSQL re-reads the row after a
 *   concurrent commit, and ids are guarded by their keys. SERIALIZABLE for every
 *   write made neighbouring claims' PATCHes abort each other (predicate locks are
 *   coarser than rows) until the retries ran out.
 * - A check-then-write whose check no constraint can hold (the last active admin,
 *   the first setup, the next claim number of an article, sign-in counts) asks for
 *   `{ serializable: true }`.
 *
 * Serialization failures and deadlocks are run again, never answered as errors; so is
 * a key taken meanwhile, a few times (the check before the insert then sees the row).
 * The rule of the group-commit driver holds on both: the callback awaits nothing but
 * its own `trx` queries, so running it again is safe.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely, Transaction } from 'kysely';
import { isPostgres, isUniqueViolation } from './engine';
import type { Database } from './schema';

/** Attempts before a conflict is reported: far beyond what real contention needs. */
const MAX_ATTEMPTS = 12;

/** Attempts when a unique key was taken meanwhile. */
const UNIQUE_VIOLATION_ATTEMPTS = 3;

/** serialization_failure and deadlock_detected: the transaction may simply run again. */
const RETRYABLE = new Set(['40001', '40P01']);

export function isRetryableConflict(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && RETRYABLE.has(code);
}

export interface WriteOptions {
  /** PostgreSQL: SERIALIZABLE, for a check no constraint or conditional write can hold. */
  readonly serializable?: boolean;
}

export async function writeTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
  options: WriteOptions = {},
): Promise<T> {
  if (!isPostgres(db)) {
    return db.transaction().execute(work);
  }
  return withRetries(() =>
    db
      .transaction()
      .setIsolationLevel(options.serializable ? 'serializable' : 'read committed')
      .execute(work),
  );
}

/**
 * PostgreSQL: a change whose one write is a single statement, which is atomic on its own,
 * run without BEGIN and COMMIT around it (a round trip less). Its reads before the write
 * see what a READ COMMITTED transaction would (each statement has a snapshot of its
 * own there too); the write must hold its checks itself (`UPDATE … WHERE version = $n`).
 * Conflicts are run again as in `writeTransaction`. SQLite: a transaction, as ever.
 */
export async function writeStatement<T>(
  db: Kysely<Database>,
  work: (db: Kysely<Database> | Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (!isPostgres(db)) {
    return db.transaction().execute(work);
  }
  return withRetries(() => work(db));
}

async function withRetries<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await run();
    } catch (error) {
      // A unique key taken by a transaction that committed meanwhile: running again
      // lets the check before the insert see the row (two processes importing the same
      // article file at start). A few times only: a real duplicate fails the same way.
      const retry =
        isRetryableConflict(error) ||
        (isUniqueViolation(error) && attempt < UNIQUE_VIOLATION_ATTEMPTS);
      if (attempt >= MAX_ATTEMPTS || !retry) {
        throw error;
      }
      // Jittered, growing pauses, so that the transactions that collided do not collide again.
      await sleep(Math.random() * Math.min(2 ** attempt, 100));
    }
  }
}
