/**
 * The database: one SQLite file in WAL mode, reached through Kysely with group
 * commit (transactions that arrive together share one fsynced COMMIT) and
 * cached prepared statements; see database/group-commit.ts.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import fp from 'fastify-plugin';
import { Kysely } from 'kysely';
import { GroupCommitDialect } from '../database/group-commit';
import { migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
  }
}

export function openDatabase(file: string): Kysely<Database> {
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
  return new Kysely<Database>({ dialect: new GroupCommitDialect(sqlite) });
}

export default fp(
  async (app, options: { file: string }) => {
    const db = openDatabase(options.file);
    await migrateToLatest(db);
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.destroy();
    });
  },
  { name: 'database' },
);
