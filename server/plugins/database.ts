/** The database: one SQLite file in WAL mode, reached through Kysely. */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import fp from 'fastify-plugin';
import { Kysely, SqliteDialect } from 'kysely';
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
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
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
