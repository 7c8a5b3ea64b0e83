/**
 * Schema migrations, in the repository and applied on start, in migration-steps/. Kysely's
 * schema builder keeps them portable to PostgreSQL; append, never edit, a migration.
 */
import { Kysely, Migration, MigrationProvider, Migrator, sql } from 'kysely';
import { isPostgres } from './engine';
import type { Database } from './schema';
import { migration as initial } from './migration-steps/0001_initial';
import { earlyMigrations } from './migration-steps/0002_to_0008';
import { laterMigrations } from './migration-steps';

export const migrations: Record<string, Migration> = {
  '0001_initial': initial,
  ...earlyMigrations,
  ...laterMigrations,
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

/** PostgreSQL errors of a catalog read racing another process's schema changes. */
const CATALOG_RACES = new Set(['3F000', '42P01', '42703']);

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  // Kysely looks for its bookkeeping tables in every schema it can see; PostgreSQL's
  // must be the ones in the schema this database works in.
  const migrationTableSchema = isPostgres(db)
    ? (await sql<{ schema: string }>`select current_schema() as schema`.execute(db)).rows[0]?.schema
    : undefined;
  const migrator = new Migrator({ db, provider, migrationTableSchema });
  for (let attempt = 1; ; attempt += 1) {
    const { error, results } = await migrator.migrateToLatest();
    const failed = results?.find((result) => result.status === 'Error');
    if (!error && !failed) {
      return;
    }
    // Kysely reads the catalog of every schema to find its tables: a schema, table or
    // column another process drops or changes meanwhile fails that read, not ours
    // (3F000 invalid_schema_name, 42P01 undefined_table, 42703 undefined_column). No
    // migration ran (`failed` is unset), so reading again is safe.
    const code = (error as { code?: unknown } | undefined)?.code;
    if (attempt < 5 && !failed && CATALOG_RACES.has(String(code))) {
      continue;
    }
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
