/**
 * Migration 0001: the schema as first shipped (users, sessions, setup tokens, articles,
 * claims, evidence, notes, history, events). Append, never edit, a migration.
 */
import type { ColumnDefinitionBuilder, Kysely, Migration } from 'kysely';
import { isPostgres } from '../engine';

/**
 * The engines' own words for an auto-numbered key: SQLite's `integer primary key
 * autoincrement` (never reuses a number), PostgreSQL's `serial`.
 */
function serialType(db: Kysely<unknown>): 'integer' | 'serial' {
  return isPostgres(db) ? 'serial' : 'integer';
}

function autoIncrement(
  db: Kysely<unknown>,
  column: ColumnDefinitionBuilder,
): ColumnDefinitionBuilder {
  return isPostgres(db) ? column : column.autoIncrement();
}

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('users')
      .addColumn('id', serialType(db), (c) => autoIncrement(db, c.primaryKey()))
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
      .addColumn('id', serialType(db), (c) => autoIncrement(db, c.primaryKey()))
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
      .addColumn('id', serialType(db), (c) => autoIncrement(db, c.primaryKey()))
      .addColumn('at', 'text', (c) => c.notNull())
      .addColumn('type', 'text', (c) => c.notNull())
      .addColumn('article_id', 'text')
      .addColumn('claim_id', 'text')
      .addColumn('payload', 'text', (c) => c.notNull())
      .execute();
    await db.schema;
  },
};
