/**
 * Write transactions on either engine. SQLite has one writer, so a transaction sees
 * no one else's concurrent work. PostgreSQL serves many processes at once: its write
 * transactions run SERIALIZABLE, so check-then-write steps (the next claim id, the
 * last admin, the first setup) stay correct without a single writer, and a
 * serialization failure or deadlock is retried, never answered as an error.
 *
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

export async function writeTransaction<T>(
  db: Kysely<Database>,
  work: (trx: Transaction<Database>) => Promise<T>,
): Promise<T> {
  if (!isPostgres(db)) {
    return db.transaction().execute(work);
  }
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await db.transaction().setIsolationLevel('serializable').execute(work);
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
