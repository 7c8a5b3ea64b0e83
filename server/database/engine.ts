/**
 * The two database engines behind one Kysely<Database>: SQLite (one file, the default,
 * with the group-commit driver) and PostgreSQL (`DATABASE_URL`, any number of server
 * processes on one database). Repositories ask `isPostgres(db)` where the SQL differs.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresAdapter } from 'kysely';
import pg from 'pg';
import { checkpointElsewhere } from './wal-checkpointer';
import { GroupCommitDialect, groupCommitDefaults } from './group-commit';
import { PipelinedPostgresDialect } from './postgres-driver';
import { ReadConnection } from './read-connection';
import type { Database } from './schema';

export type DatabaseTarget =
  | { readonly engine: 'sqlite'; readonly file: string }
  | {
      readonly engine: 'postgres';
      readonly url: string;
      /** A schema of its own (created when missing): the tests give each app one. */
      readonly schema?: string;
      /** Connections in the pool; 10 by default. */
      readonly poolSize?: number;
    };

export type Engine = DatabaseTarget['engine'];

/** Either engine's database, or a transaction on it. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function isPostgres(db: Kysely<any>): boolean {
  return db.getExecutor().adapter instanceof PostgresAdapter;
}

/** A UNIQUE or PRIMARY KEY constraint refused the write, on either engine. */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    code === 'SQLITE_CONSTRAINT_UNIQUE' ||
    code === 'SQLITE_CONSTRAINT_PRIMARYKEY' ||
    code === '23505'
  );
}

/** `postgres://…` or `postgresql://…`: the URL selects PostgreSQL. */
export function isPostgresUrl(value: string): boolean {
  return /^postgres(?:ql)?:\/\//i.test(value);
}

/** `sqlite:PATH`, a `postgres://` URL, or a bare path (SQLite), as the `db` command takes them. */
export function parseTarget(value: string): DatabaseTarget {
  if (isPostgresUrl(value)) {
    return { engine: 'postgres', url: value };
  }
  return { engine: 'sqlite', file: value.replace(/^sqlite:/i, '') };
}

/** A URL with its password hidden, for logs and messages. */
export function describeTarget(target: DatabaseTarget): string {
  if (target.engine === 'sqlite') {
    return `SQLite ${target.file}`;
  }
  const url = new URL(target.url);
  if (url.password) url.password = '***';
  return `PostgreSQL ${url.href}${target.schema ? ` (schema ${target.schema})` : ''}`;
}

// PostgreSQL's bigint (count(*), sum) and numeric (avg) arrive as text by default; the
// repositories count in numbers far below 2^53.
const types = {
  getTypeParser: ((oid: number, format?: 'text' | 'binary') =>
    oid === pg.types.builtins.INT8 || oid === pg.types.builtins.NUMERIC
      ? (value: string) => Number(value)
      : pg.types.getTypeParser(oid, format)) as typeof pg.types.getTypeParser,
};

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

export function openSqlite(file: string): Kysely<Database> {
  if (file !== ':memory:') {
    mkdirSync(dirname(file), { recursive: true });
  }
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: an acknowledged write survives a crash of the machine, not only of the process.
  // Group commit keeps this affordable: one fsync per batch of transactions, each
  // acknowledged only once its batch's COMMIT has returned.
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  if (file === ':memory:') {
    return new Kysely<Database>({ dialect: new GroupCommitDialect(sqlite) });
  }
  // Copying the log into the file, off the event loop (wal-checkpointer.ts).
  checkpointElsewhere(sqlite, file);
  // Reads outside a transaction do not wait for a long write (read-connection.ts).
  const reader = new ReadConnection(
    () => new SQLite(file, { fileMustExist: true }),
    groupCommitDefaults.statementCacheSize,
  );
  return new Kysely<Database>({ dialect: new GroupCommitDialect(sqlite, { reader }) });
}

/** The pool hands out a new connection next time; the idle one's loss is no one's error. */
function ignoreIdleClientError(): void {
  return undefined;
}

/** Each PostgreSQL database's pool, for what Kysely cannot send (repositories/events.ts). */
const pools = new WeakMap<Kysely<Database>, pg.Pool>();

/**
 * The pg pool behind a database that `openPostgres` opened: for a simple query of several
 * statements, whose results Kysely does not return (only the change feed's round needs it).
 */
export function postgresPool(db: Kysely<Database>): pg.Pool {
  const pool = pools.get(db);
  if (!pool) {
    throw new Error('not a PostgreSQL database opened by openPostgres');
  }
  return pool;
}

/** A pool on the URL; with a schema, every connection works in it (created when missing). */
export async function openPostgres(
  url: string,
  options: { schema?: string; poolSize?: number } = {},
): Promise<Kysely<Database>> {
  const { schema } = options;
  if (schema !== undefined) {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      try {
        await client.query(`create schema if not exists ${quoteIdentifier(schema)}`);
      } catch (error) {
        // Another process created it between the check and the create: it exists, as wanted.
        if (!isUniqueViolation(error) && (error as { code?: unknown }).code !== '42P06') {
          throw error;
        }
      }
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    // A statement is sent without waiting for the one before (database/postgres-driver.ts).
    pipeline: true,
    types,
    ...(schema !== undefined ? { options: `-c search_path=${quoteIdentifier(schema)}` } : {}),
  });
  // An idle connection the server drops (a restart, a network blip) must not crash the process.
  pool.on('error', ignoreIdleClientError);
  const db = new Kysely<Database>({ dialect: new PipelinedPostgresDialect(pool) });
  pools.set(db, pool);
  return db;
}

export async function openDatabase(target: DatabaseTarget): Promise<Kysely<Database>> {
  return target.engine === 'sqlite'
    ? openSqlite(target.file)
    : openPostgres(target.url, { schema: target.schema, poolSize: target.poolSize });
}

/** Drops a schema and everything in it: the tests' clean-up. */
export async function dropPostgresSchema(url: string, schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`drop schema if exists ${quoteIdentifier(schema)} cascade`);
  } finally {
    await client.end();
  }
}
