/**
 * Database operations from the shell (see USAGE). `migrate` and `backup` work on the
 * database the server is configured with (DATABASE_URL, else CLAIMDESK_DB); `copy`
 * names both sides. Exit codes: 0 done, 1 failed, 2 refused (usage, a non-empty
 * target, an existing backup file, a missing source). Passwords in URLs are never
 * printed. `server/cli/db.ts` runs it; the tests call runDbCommand in-process.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import SQLite from 'better-sqlite3';
import { configFromEnv } from '../config';
import { type DatabaseTarget, describeTarget, openDatabase, parseTarget } from '../database/engine';
import { migrateToLatest } from '../database/migrations';
import { CopyRefused, copyDesk } from './db-copy';
import { type CommandIo, processIo } from './command-io';

const USAGE = `Usage:
  npm run db -- migrate        migrate the configured database to the latest schema
                               (the server also does this when it starts)
  npm run db -- backup FILE    back up the configured database to FILE, consistent while
                               the server runs: SQLite's online backup, or pg_dump's
                               custom format for PostgreSQL (restore with pg_restore)
  npm run db -- copy FROM TO [--from-schema NAME] [--to-schema NAME]
                               copy a whole desk; FROM and TO are each sqlite:PATH or a
                               postgres://user:password@host:port/database URL. TO must be
                               empty; both are migrated first; the row counts are checked.
The configured database is DATABASE_URL (with DATABASE_SCHEMA) when set, else CLAIMDESK_DB.`;

class UsageError extends Error {}

/** A path as the person typed it: relative to where they ran npm, not the project root. */
function userPath(path: string, io: CommandIo): string {
  return resolve(io.env['INIT_CWD'] ?? process.cwd(), path);
}

/** pg_dump of the newest installed PostgreSQL (it reads older servers too), else the one on PATH. */
function findPgDump(): string | null {
  const root = '/usr/lib/postgresql';
  if (existsSync(root)) {
    const versions = readdirSync(root)
      .filter((name) => existsSync(join(root, name, 'bin', 'pg_dump')))
      .sort((a, b) => Number(b) - Number(a));
    if (versions[0]) return join(root, versions[0], 'bin', 'pg_dump');
  }
  return spawnSync('pg_dump', ['--version']).status === 0 ? 'pg_dump' : null;
}

function shellQuote(text: string): string {
  return /^[\w@%+=:,./-]+$/.test(text) ? text : `'${text.replace(/'/g, `'\\''`)}'`;
}

async function backupSqlite(source: string, file: string, io: CommandIo): Promise<void> {
  if (!existsSync(source)) {
    throw new UsageError(`There is no database at ${source} (CLAIMDESK_DB) to back up.`);
  }
  const sqlite = new SQLite(source, { fileMustExist: true });
  try {
    sqlite.pragma('busy_timeout = 5000');
    // All remaining pages in one step: a step reads one snapshot (WAL lets the server go on
    // writing meanwhile), where small steps restart whenever the server writes between them.
    await sqlite.backup(file, { progress: () => 0x7fffffff });
  } finally {
    sqlite.close();
  }
  const copy = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const check = copy.pragma('quick_check', { simple: true });
    if (check !== 'ok') throw new Error(`The backup at ${file} fails SQLite's check: ${check}`);
    const claims = copy.prepare('select count(*) as n from claims').get() as { n: number };
    io.stdout.write(`Backed up SQLite ${source} to ${file} (${claims.n} claims).\n`);
  } finally {
    copy.close();
  }
}

function backupPostgres(
  target: Extract<DatabaseTarget, { engine: 'postgres' }>,
  file: string,
  io: CommandIo,
) {
  // The password goes to pg_dump in its environment, not on its command line (ps shows that).
  const url = new URL(target.url);
  const password = decodeURIComponent(url.password);
  url.password = '';
  const args = [
    '--format=custom',
    `--file=${file}`,
    ...(target.schema ? [`--schema=${target.schema}`] : []),
    `--dbname=${url.href}`,
  ];
  const pgDump = findPgDump();
  const command = [pgDump ?? 'pg_dump', ...args].map(shellQuote).join(' ');
  const shown = `${password ? 'PGPASSWORD=<the password> ' : ''}${command}`;
  if (!pgDump) {
    throw new Error(
      'pg_dump was not found (on PATH or in /usr/lib/postgresql/*/bin). Install the PostgreSQL ' +
        "client of the server's major version or newer (Debian: apt-get install postgresql-client), " +
        `then run:\n  ${shown}\nRestore it into an empty database with:\n  ` +
        `pg_restore --no-owner --dbname=<URL> ${shellQuote(file)}`,
    );
  }
  io.stdout.write(`Running ${shown}\n`);
  const result = spawnSync(pgDump, args, {
    stdio: ['inherit', 'pipe', 'pipe'],
    env: { ...io.env, ...(password ? { PGPASSWORD: password } : {}) },
  });
  io.stdout.write(result.stdout ?? '');
  io.stderr.write(result.stderr ?? '');
  if (result.status !== 0) {
    throw new Error(`pg_dump failed (${result.error?.message ?? `exit code ${result.status}`}).`);
  }
  io.stdout.write(`Backed up ${describeTarget(target)} to ${file}.\n`);
}

/** One side of a copy, with the schema its option names. */
function copySide(
  value: string | undefined,
  schema: string | undefined,
  io: CommandIo,
): DatabaseTarget {
  if (!value) throw new UsageError('copy needs FROM and TO.');
  const target = parseTarget(value);
  if (target.engine === 'sqlite') {
    if (schema !== undefined) throw new UsageError(`A schema is for PostgreSQL, not ${value}.`);
    return { engine: 'sqlite', file: userPath(target.file, io) };
  }
  return { ...target, schema, poolSize: 2 };
}

async function copy(from: DatabaseTarget, to: DatabaseTarget, io: CommandIo): Promise<void> {
  if (from.engine === 'sqlite' && !existsSync(from.file)) {
    throw new UsageError(`There is no database at ${from.file} to copy.`);
  }
  if (describeTarget(from) === describeTarget(to)) {
    throw new UsageError('FROM and TO are the same database.');
  }
  io.stdout.write(`Copying ${describeTarget(from)} to ${describeTarget(to)}\n`);
  const source = await openDatabase(from);
  try {
    const target = await openDatabase(to);
    try {
      const started = performance.now();
      const counts = await copyDesk(source, target);
      for (const { table, source: count } of counts) {
        io.stdout.write(`  ${table.padEnd(18)} ${String(count).padStart(9)} rows\n`);
      }
      const rows = counts.reduce((sum, count) => sum + count.target, 0);
      io.stdout.write(
        `Copied ${rows} rows in ${counts.length} tables in ` +
          `${((performance.now() - started) / 1000).toFixed(1)} s; ` +
          'every table holds as many rows as in the source.\n',
      );
    } finally {
      await target.destroy();
    }
  } finally {
    await source.destroy();
  }
}

async function main(argv: string[], io: CommandIo): Promise<void> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      'from-schema': { type: 'string' },
      'to-schema': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  const [command, ...rest] = positionals;
  if (values.help) {
    io.stdout.write(`${USAGE}\n`);
    return;
  }
  switch (command) {
    case 'migrate': {
      if (rest.length > 0) throw new UsageError('migrate takes no arguments.');
      const target = configFromEnv(io.env).database;
      const db = await openDatabase(target);
      try {
        await migrateToLatest(db);
      } finally {
        await db.destroy();
      }
      io.stdout.write(`${describeTarget(target)} is at the latest schema.\n`);
      return;
    }
    case 'backup': {
      const [file, ...extra] = rest;
      if (!file || extra.length > 0) throw new UsageError('backup needs one FILE.');
      const destination = userPath(file, io);
      if (existsSync(destination)) {
        throw new UsageError(`${destination} exists already: choose a new file name.`);
      }
      const target = configFromEnv(io.env).database;
      if (target.engine === 'sqlite') {
        await backupSqlite(target.file, destination, io);
      } else {
        backupPostgres(target, destination, io);
      }
      return;
    }
    case 'copy': {
      if (rest.length !== 2) throw new UsageError('copy needs FROM and TO.');
      await copy(
        copySide(rest[0], values['from-schema'], io),
        copySide(rest[1], values['to-schema'], io),
        io,
      );
      return;
    }
    default:
      throw new UsageError(command ? `Unknown command "${command}".` : 'Which command?');
  }
}

/** Runs `npm run db -- <argv>` and resolves with its exit code: 0 done, 2 refused, 1 failed. */
export async function runDbCommand(argv: string[], io: CommandIo = processIo()): Promise<number> {
  try {
    await main(argv, io);
    return 0;
  } catch (caught: unknown) {
    const usage =
      caught instanceof UsageError ||
      (caught as { code?: string } | null)?.code?.startsWith('ERR_PARSE_ARGS') === true;
    io.stderr.write(`${caught instanceof Error ? caught.message : String(caught)}\n`);
    if (usage) {
      io.stderr.write(`\n${USAGE}\n`);
    }
    return usage || caught instanceof CopyRefused ? 2 : 1;
  }
}
