/** Accounts and sessions (the one-time setup token: setup.ts). */
import { createHash, randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { PublicUser } from '../../src/domain/people';
import type { Role } from '../../src/domain/workflow';
import type { Database, UserRow } from '../database/schema';
import { ChangeEvent, recordEvent } from './events';
import { now } from './time';
import { isUniqueViolation } from '../database/engine';
import { writeTransaction } from '../database/transaction';

/** The check that an active admin remains holds no constraint. */
const SERIALIZABLE = { serializable: true } as const;

export interface User {
  readonly id: number;
  readonly username: string;
  readonly displayName: string;
  readonly role: Role;
  readonly disabled: boolean;
  readonly createdAt: string;
}

/** What the API shows of an account: never the password hash. */
export function toPublicUser(user: User): PublicUser {
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

/** Refused: another account has the username (two admins adding the same one at once). */
export class UsernameTakenError extends Error {
  constructor(readonly username: string) {
    super(`The username ${username} is taken.`);
  }
}

export async function insertUser(
  db: Kysely<Database>,
  user: { username: string; role: Role; passwordHash: string; displayName?: string },
): Promise<User> {
  const at = now();
  try {
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
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new UsernameTakenError(user.username);
    }
    throw error;
  }
}

/** An account as it now stands, with the `user.changed` event written in the same transaction. */
export interface UserChange {
  readonly user: User;
  readonly event: ChangeEvent;
}

function recordUserEvent(db: Kysely<Database>, user: User): Promise<ChangeEvent> {
  return recordEvent(db, 'user.changed', null, null, { user: toPublicUser(user) });
}

/** Adds an account and its `user.changed` event, all or nothing (else UsernameTakenError). */
export async function createUser(
  db: Kysely<Database>,
  user: { username: string; role: Role; passwordHash: string; displayName?: string },
): Promise<UserChange> {
  return writeTransaction(db, async (trx) => {
    const created = await insertUser(trx, user);
    return { user: created, event: await recordUserEvent(trx, created) };
  });
}

/** Refused: the change would leave no active admin to manage the accounts. */
export class LastAdminError extends Error {
  constructor(readonly username: string) {
    super(
      `${username} is the last active admin; make another account an admin first, ` +
        'or no one could manage the accounts any more.',
    );
  }
}

/** What a change to an account may touch; `displayName` is stored as given (trim it first). */
export interface UserChanges {
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly displayName?: string;
}

/**
 * Changes a role, the display name, or disables/enables an account, with its
 * `user.changed` event, in one transaction with the check that an active admin
 * remains (else LastAdminError). Disabling ends the account's sessions.
 * Undefined when there is no such account.
 */
export async function updateUser(
  db: Kysely<Database>,
  username: string,
  changes: UserChanges,
): Promise<UserChange | undefined> {
  return writeTransaction(
    db,
    async (trx) => {
      const current = await trx
        .selectFrom('users')
        .selectAll()
        .where('username', '=', username)
        .executeTakeFirst();
      if (!current) {
        return undefined;
      }
      const activeAdmin = (role: string, disabled: boolean) => role === 'admin' && !disabled;
      const wasActiveAdmin = activeAdmin(current.role, current.disabled === 1);
      const staysActiveAdmin = activeAdmin(
        changes.role ?? current.role,
        changes.disabled ?? current.disabled === 1,
      );
      if (wasActiveAdmin && !staysActiveAdmin) {
        const others = await trx
          .selectFrom('users')
          .select(({ fn }) => fn.countAll<number>().as('n'))
          .where('role', '=', 'admin')
          .where('disabled', '=', 0)
          .where('id', '!=', current.id)
          .executeTakeFirstOrThrow();
        if (Number(others.n) === 0) {
          throw new LastAdminError(username);
        }
      }
      const row = await trx
        .updateTable('users')
        .set({
          ...(changes.role ? { role: changes.role } : {}),
          ...(changes.disabled === undefined ? {} : { disabled: changes.disabled ? 1 : 0 }),
          ...(changes.displayName === undefined ? {} : { display_name: changes.displayName }),
          updated_at: now(),
        })
        .where('id', '=', current.id)
        .returningAll()
        .executeTakeFirstOrThrow();
      if (changes.disabled) {
        await trx.deleteFrom('sessions').where('user_id', '=', row.id).execute();
      }
      const user = toUser(row);
      return { user, event: await recordUserEvent(trx, user) };
    },
    SERIALIZABLE,
  );
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

export interface SignedInSession {
  readonly user: User;
  /** ISO 8601: when the session ends, whatever happens before. */
  readonly expiresAt: string;
}

/** The live session of the token: not expired, of an account that is not disabled. */
export async function findSession(
  db: Kysely<Database>,
  token: string,
): Promise<SignedInSession | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('users', 'users.id', 'sessions.user_id')
    .selectAll('users')
    .select('sessions.expires_at as session_expires_at')
    .where('sessions.token_hash', '=', hashToken(token))
    .where('sessions.expires_at', '>', now())
    .where('users.disabled', '=', 0)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const { session_expires_at: expiresAt, ...user } = row;
  return { user: toUser(user), expiresAt };
}

export async function deleteSession(db: Kysely<Database>, token: string): Promise<void> {
  await db.deleteFrom('sessions').where('token_hash', '=', hashToken(token)).execute();
}
