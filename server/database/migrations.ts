/**
 * Schema migrations, in the repository and applied on start. Kysely's schema
 * builder keeps them portable to PostgreSQL; append, never edit, a migration.
 */
import { Kysely, Migration, MigrationProvider, Migrator, sql } from 'kysely';
import { ACTIONS } from '../../src/domain/workflow';
import type { Database } from './schema';

const migrations: Record<string, Migration> = {
  '0001_initial': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('users')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('username', 'text', (c) => c.notNull().unique())
        .addColumn('display_name', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('disabled', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('sessions')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('user_id', 'integer', (c) =>
          c.notNull().references('users.id').onDelete('cascade'),
        )
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('expires_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createTable('setup_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('used_at', 'text')
        .execute();
      await db.schema
        .createTable('articles')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('headline', 'text', (c) => c.notNull())
        .addColumn('outlet', 'text')
        .addColumn('url', 'text')
        .addColumn('published_at', 'text')
        .addColumn('language', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('headings', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text')
        .execute();
      await db.schema
        .createTable('claims')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('start_offset', 'integer', (c) => c.notNull())
        .addColumn('end_offset', 'integer', (c) => c.notNull())
        .addColumn('statement', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('stage', 'text', (c) => c.notNull())
        .addColumn('verdict', 'text')
        .addColumn('rationale', 'text')
        .addColumn('assignee', 'text')
        .addColumn('submitted_by', 'text')
        .addColumn('dismiss_reason', 'text')
        .addColumn('approved_by', 'text')
        .addColumn('approved_at', 'text')
        .addColumn('version', 'integer', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('updated_at', 'text', (c) => c.notNull())
        .addColumn('updated_by', 'text')
        .execute();
      await db.schema
        .createIndex('claims_article')
        .on('claims')
        .columns(['article_id', 'start_offset'])
        .execute();
      await db.schema
        .createTable('evidence')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('publisher', 'text', (c) => c.notNull())
        .addColumn('stance', 'text', (c) => c.notNull())
        .addColumn('source_type', 'text', (c) => c.notNull())
        .addColumn('quote', 'text')
        .addColumn('archived_url', 'text')
        .addColumn('accessed_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('evidence_claim').on('evidence').column('claim_id').execute();
      await db.schema
        .createTable('notes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('author_role', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('deleted_at', 'text')
        .addColumn('deleted_by', 'text')
        .execute();
      await db.schema.createIndex('notes_claim').on('notes').column('claim_id').execute();
      await db.schema
        .createTable('history')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('claim_id', 'text', (c) => c.notNull())
        .addColumn('article_id', 'text', (c) => c.notNull())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('before', 'text')
        .addColumn('after', 'text')
        .addColumn('note', 'text')
        .addColumn('correction', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
      await db.schema
        .createIndex('history_claim')
        .on('history')
        .columns(['claim_id', 'id'])
        .execute();
      await db.schema
        .createTable('events')
        .addColumn('id', 'integer', (c) => c.primaryKey().autoIncrement())
        .addColumn('at', 'text', (c) => c.notNull())
        .addColumn('type', 'text', (c) => c.notNull())
        .addColumn('article_id', 'text')
        .addColumn('claim_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .execute();
      await db.schema;
    },
  },
  '0002_suggestions': {
    async up(db: Kysely<unknown>) {
      // Claim suggestions: spans of an article the suggester found check-worthy, until an
      // editor accepts one (it becomes `claim_id`) or rejects it.
      await db.schema
        .createTable('suggestions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('article_id', 'text', (c) => c.notNull().references('articles.id'))
        .addColumn('start_offset', 'integer', (c) => c.notNull())
        .addColumn('end_offset', 'integer', (c) => c.notNull())
        .addColumn('quote', 'text', (c) => c.notNull())
        .addColumn('score', 'real', (c) => c.notNull())
        .addColumn('reasons', 'text', (c) => c.notNull())
        .addColumn('suggested_kind', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('claim_id', 'text', (c) => c.references('claims.id'))
        .addColumn('decided_by', 'text')
        .addColumn('decided_at', 'text')
        .addColumn('created_at', 'text', (c) => c.notNull())
        .execute();
      await db.schema
        .createIndex('suggestions_article')
        .on('suggestions')
        .columns(['article_id', 'status', 'start_offset'])
        .execute();
      // One row per article the suggester has read, so that an article with no
      // suggestions is not read again, and one stored before suggestions existed is.
      await db.schema
        .createTable('suggestion_runs')
        .addColumn('article_id', 'text', (c) => c.primaryKey().references('articles.id'))
        .addColumn('generated_at', 'text', (c) => c.notNull())
        .execute();
    },
  },
  '0003_desk': {
    async up(db: Kysely<unknown>) {
      // Deadlines, time in stage, who made the claim and how it will be published.
      await db.schema.alterTable('claims').addColumn('due_at', 'text').execute();
      await db.schema
        .alterTable('claims')
        .addColumn('stage_since', 'text', (c) => c.notNull().defaultTo(''))
        .execute();
      await db.schema.alterTable('claims').addColumn('claimant', 'text').execute();
      await db.schema
        .alterTable('claims')
        .addColumn('claimant_type', 'text', (c) => c.notNull().defaultTo('Person'))
        .execute();
      await db.schema.alterTable('claims').addColumn('claim_date', 'text').execute();
      await db.schema.alterTable('claims').addColumn('summary', 'text').execute();
      // A claim's stage began with its last workflow action, else when it was created.
      await sql`update claims set stage_since = coalesce(
          (select max(h.at) from history h
            where h.claim_id = claims.id and h.action in (${sql.join(
              ACTIONS.map((action) => sql.lit(action)),
            )})),
          created_at)`.execute(db);
      await db.schema
        .alterTable('articles')
        .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
        .execute();
      await db.schema
        .alterTable('articles')
        .addColumn('archived', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  },
};

const provider: MigrationProvider = {
  getMigrations: () => Promise.resolve(migrations),
};

export async function migrateToLatest(db: Kysely<Database>): Promise<void> {
  const migrator = new Migrator({ db, provider });
  const { error, results } = await migrator.migrateToLatest();
  const failed = results?.find((result) => result.status === 'Error');
  if (error || failed) {
    throw new Error(`Database migration ${failed?.migrationName ?? ''} failed`, { cause: error });
  }
}
