/**
 * The first-run setup link: a one-time token (stored as its hash) that lets the first
 * admin create their account while no account exists.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { writeTransaction } from '../database/transaction';
import { countUsers, hashToken, insertUser, newToken, type User } from './users';
import { now } from './time';

/** The checks here (no account yet, one live setup link) hold no constraint. */
const SERIALIZABLE = { serializable: true } as const;

/** How long a printed setup link works. */
export const SETUP_TOKEN_HOURS = 24;

/** Replaces any earlier setup token: only the newest printed link works, for SETUP_TOKEN_HOURS. */
export async function createSetupToken(db: Kysely<Database>): Promise<string> {
  const token = newToken();
  await writeTransaction(
    db,
    async (trx) => {
      await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
      await trx
        .insertInto('setup_tokens')
        .values({ token_hash: hashToken(token), created_at: now(), used_at: null })
        .execute();
    },
    SERIALIZABLE,
  );
  return token;
}

/**
 * How recent a setup link must be for a starting server to leave it in place: several
 * processes that start together on one database print one link (the first one's), not
 * one each that replace each other.
 */
export const SETUP_LINK_SHARED_MS = 60_000;

/**
 * The setup link a starting server prints: a new token, unless an unused one was made
 * less than SETUP_LINK_SHARED_MS ago (by another process starting on the same
 * database); then null and when that one was made. Undefined once any account exists.
 */
export async function setupTokenOnStart(
  db: Kysely<Database>,
): Promise<{ token: string } | { printedAt: string } | undefined> {
  const token = newToken();
  return writeTransaction(
    db,
    async (trx) => {
      if ((await countUsers(trx)) > 0) {
        return undefined;
      }
      const recent = await trx
        .selectFrom('setup_tokens')
        .select('created_at')
        .where('used_at', 'is', null)
        .where('created_at', '>', new Date(Date.now() - SETUP_LINK_SHARED_MS).toISOString())
        .orderBy('created_at', 'desc')
        .executeTakeFirst();
      if (recent) {
        return { printedAt: recent.created_at };
      }
      await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
      await trx
        .insertInto('setup_tokens')
        .values({ token_hash: hashToken(token), created_at: now(), used_at: null })
        .execute();
      return { token };
    },
    SERIALIZABLE,
  );
}

/** Creates the first admin if the token is live (newest, unused, not expired) and no user exists yet; all or nothing. */
export async function completeSetup(
  db: Kysely<Database>,
  token: string,
  user: { username: string; passwordHash: string; displayName?: string },
): Promise<User | undefined> {
  return writeTransaction(
    db,
    async (trx) => {
      const live = await trx
        .selectFrom('setup_tokens')
        .select('token_hash')
        .where('token_hash', '=', hashToken(token))
        .where('used_at', 'is', null)
        .where(
          'created_at',
          '>',
          new Date(Date.now() - SETUP_TOKEN_HOURS * 3_600_000).toISOString(),
        )
        .executeTakeFirst();
      if (!live || (await countUsers(trx)) > 0) {
        return undefined;
      }
      await trx
        .updateTable('setup_tokens')
        .set({ used_at: now() })
        .where('token_hash', '=', live.token_hash)
        .execute();
      return insertUser(trx, { ...user, role: 'admin' });
    },
    SERIALIZABLE,
  );
}
