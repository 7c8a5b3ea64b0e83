/**
 * The database, migrated on start: SQLite (one file in WAL mode, group commit and
 * cached prepared statements; see database/group-commit.ts) or PostgreSQL
 * (DATABASE_URL); see database/engine.ts.
 */
import fp from 'fastify-plugin';
import type { Kysely } from 'kysely';
import { type DatabaseTarget, openDatabase } from '../database/engine';
import { migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';

declare module 'fastify' {
  interface FastifyInstance {
    db: Kysely<Database>;
  }
}

export default fp(
  async (app, options: { target: DatabaseTarget }) => {
    const db = await openDatabase(options.target);
    try {
      await migrateToLatest(db);
    } catch (error) {
      await db.destroy();
      throw error;
    }
    app.decorate('db', db);
    app.addHook('onClose', async () => {
      await db.destroy();
    });
  },
  { name: 'database' },
);
