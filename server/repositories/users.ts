/** Accounts, sessions and the one-time setup token. */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Role } from '../../src/domain/workflow';
import type { Database, UserRow } from '../database/schema';
import { now } from './time';

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** What the API shows of an account: never the password hash. */
export function toPublicUser(user: User) {
  return {
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    disabled: user.disabled,
    createdAt: user.createdAt,
  };
}

function toUser(row: UserRow): User {
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    role: row.role as Role,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
  };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function newToken(): string {
  return randomBytes(32).toString('base64url');
}

export async function countUsers(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('users')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function listUsers(db: Kysely<Database>): Promise<User[]> {
  const rows = await db.selectFrom('users').selectAll().orderBy('username').execute();
  return rows.map(toUser);
}

export async function findUserByName(
  db: Kysely<Database>,
  username: string,
): Promise<(User & { passwordHash: string }) | undefined> {
  const row = await db
    .selectFrom('users')
    .selectAll()
    .where('username', '=', username)
    .executeTakeFirst();
  return row ? { ...toUser(row), passwordHash: row.password_hash } : undefined;
}

export async function insertUser(
  db: Kysely<Database>,
  user: { username: string; role: Role; passwordHash: string; displayName?: string },
): Promise<User> {
  const at = now();
  const row = await db
    .insertInto('users')
    .values({
      username: user.username,
      display_name: user.displayName ?? user.username,
      password_hash: user.passwordHash,
      role: user.role,
      disabled: 0,
      created_at: at,
      updated_at: at,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toUser(row);
}

export async function updateUser(
  db: Kysely<Database>,
  username: string,
  changes: { role?: Role; disabled?: boolean },
): Promise<User | undefined> {
  const row = await db
    .updateTable('users')
    .set({
      ...(changes.role ? { role: changes.role } : {}),
      ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
      updated_at: now(),
    })
    .where('username', '=', username)
    .returningAll()
    .executeTakeFirst();
  if (row && changes.disabled) {
    await db.deleteFrom('sessions').where('user_id', '=', row.id).execute();
  }
  return row ? toUser(row) : undefined;
}

export async function createSession(
  db: Kysely<Database>,
  userId: number,
  hours: number,
): Promise<{ token: string; expiresAt: Date }> {
  const token = newToken();
  const expiresAt = new Date(Date.now() + hours * 3_600_000);
  await db
    .insertInto('sessions')
    .values({
      token_hash: hashToken(token),
      user_id: userId,
      created_at: now(),
      expires_at: expiresAt.toISOString(),
    })
    .execute();
  return { token, expiresAt };
}

export async function findSessionUser(
  db: Kysely<Database>,
  token: string,
): Promise<User | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.expires_at', '>', now())
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  return row ? toUser(row) : undefined;
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}

/** Replaces any earlier setup token: only the newest printed link works. */
export async function createSetupToken(db: Kysely<Database>): Promise<string> {
  const token = newToken();
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('setup_tokens').where('used_at', 'is', null).execute();
    await trx
      .insertInto('setup_tokens')
      .values({ token_hash: hashToken(token), created_at: now(), used_at: null })
      .execute();
  });
  return token;
}

/** Creates the first admin if the token is live and no user exists yet; all or nothing. */
export async function completeSetup(
  db: Kysely<Database>,
  token: string,
  user: { username: string; passwordHash: string },
): Promise<User | undefined> {
  return db.transaction().execute(async (trx) => {
    const live = await trx
      .selectFrom('setup_tokens')
      .select('token_hash')
      .where('token_hash', '=', hashToken(token))
      .where('used_at', 'is', null)
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
  });
}
