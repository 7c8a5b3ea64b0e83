/**
 * Sign-in attempt counts, in the database so that every server process on it counts
 * the same attempts (and a restart forgives nothing). Keys name what is counted: a
 * username at an address, a username, an address (auth/login-throttle.ts).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';

export interface LoginCount {
  readonly key: string;
  readonly count: number;
  /** When the last attempt was counted (ms since the epoch). */
  readonly lastMs: number;
  /** When the count is forgotten (ms since the epoch). */
  readonly untilMs: number;
}

export async function readLoginCounts(
  db: Kysely<Database>,
  keys: readonly string[],
): Promise<Map<string, LoginCount>> {
  const rows = await db.selectFrom('login_attempts').selectAll().where('key', 'in', keys).execute();
  return new Map(
    rows.map((row) => [
      row.key,
      {
        key: row.key,
        count: Number(row.count),
        lastMs: Number(row.last_ms),
        untilMs: Number(row.until_ms),
      },
    ]),
  );
}

export async function saveLoginCounts(
  db: Kysely<Database>,
  counts: readonly LoginCount[],
): Promise<void> {
  for (const count of counts) {
    const values = { count: count.count, last_ms: count.lastMs, until_ms: count.untilMs };
    await db
      .insertInto('login_attempts')
      .values({ key: count.key, ...values })
      .onConflict((conflict) => conflict.column('key').doUpdateSet(values))
      .execute();
  }
}

/** Forgets the counts whose window has passed. */
export async function pruneLoginCounts(db: Kysely<Database>, nowMs: number): Promise<void> {
  await db.deleteFrom('login_attempts').where('until_ms', '<=', nowMs).execute();
}
