/**
 * Migrations 0002 to 0008, written while they lived in migrations.ts: suggestions, the
 * desk and its indexes, sign-in attempts, event positions. Append, never edit, a migration.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { ACTIONS } from '../../../src/domain/workflow';
import { DUE_SORT_KEY_SQL } from '../due-sort-key';
import { isPostgres } from '../engine';

export const earlyMigrations: Record<string, Migration> = {
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
        .addColumn('score', isPostgres(db) ? 'double precision' : 'real', (c) => c.notNull())
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
  '0004_desk_indexes': {
    async up(db: Kysely<unknown>) {
      // The desk's lists (GET /api/claims) read in index order and stop after a page:
      // the "My work" queues filter by assignee and sort by due date, the overdue list
      // ranges over due dates, the review queue reads one stage by time in stage. The
      // due key puts claims without a due date last (DUE_SORT_KEY_SQL, due-sort-key.ts).
      await db.schema
        .createIndex('claims_desk_assignee_due')
        .on('claims')
        .expression(sql`assignee, ${DUE_SORT_KEY_SQL}, id`)
        .execute();
      await db.schema
        .createIndex('claims_desk_due')
        .on('claims')
        .expression(sql`${DUE_SORT_KEY_SQL}, id`)
        .execute();
      await db.schema
        .createIndex('claims_desk_assignee_updated')
        .on('claims')
        .columns(['assignee', 'updated_at', 'id'])
        .execute();
      await db.schema
        .createIndex('claims_desk_stage_since')
        .on('claims')
        .columns(['stage', 'stage_since', 'id'])
        .execute();
      // Bulk changes, kept so that their author can undo them: the operation, and per
      // claim changed the values it had before and the version the batch left it at.
      await db.schema
        .createTable('bulk_batches')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('author', 'text', (c) => c.notNull())
        .addColumn('created_at', 'text', (c) => c.notNull())
        .addColumn('op', 'text', (c) => c.notNull())
        .addColumn('undone_at', 'text')
        .execute();
      await db.schema
        .createTable('bulk_batch_claims')
        .addColumn('batch_id', 'text', (c) => c.notNull().references('bulk_batches.id'))
        .addColumn('claim_id', 'text', (c) => c.notNull().references('claims.id'))
        .addColumn('position', 'integer', (c) => c.notNull())
        .addColumn('before', 'text', (c) => c.notNull())
        .addColumn('version_after', 'integer', (c) => c.notNull())
        .addPrimaryKeyConstraint('bulk_batch_claims_pk', ['batch_id', 'claim_id'])
        .execute();
    },
  },
  '0005_suggestion_claimant': {
    async up(db: Kysely<unknown>) {
      // Who the sentence of a suggestion says made the claim, found when the suggester reads
      // the article: a guess the editor confirms on accepting. Earlier suggestions have none.
      await db.schema.alterTable('suggestions').addColumn('claimant', 'text').execute();
      await db.schema
        .alterTable('suggestions')
        .addColumn('claimant_type', 'text', (c) => c.notNull().defaultTo('Person'))
        .execute();
    },
  },
  '0006_desk_covering_indexes': {
    async up(db: Kysely<unknown>) {
      // The desk answers each page with its total: counting a queue of thousands of claims
      // must not read each claim's row and its article's (whose `archived` sits after the
      // whole text). So the queue indexes also carry what the filters and the join read
      // (stage, submitter, article), and one on articles carries `archived`: the count is
      // then read from indexes alone. A PATCH of a rationale rewrites only the index that
      // holds updated_at: the columns it changes otherwise stay out of these.
      const replace = async (name: string, columns: ReturnType<typeof sql>) => {
        await db.schema.dropIndex(name).execute();
        await db.schema.createIndex(name).on('claims').expression(columns).execute();
      };
      await replace(
        'claims_desk_assignee_due',
        sql`assignee, ${DUE_SORT_KEY_SQL}, id, stage, article_id`,
      );
      await replace('claims_desk_due', sql`${DUE_SORT_KEY_SQL}, id, stage, article_id`);
      await replace(
        'claims_desk_assignee_updated',
        sql`assignee, updated_at, id, stage, article_id`,
      );
      await replace(
        'claims_desk_stage_since',
        sql`stage, stage_since, id, submitted_by, article_id`,
      );
      await db.schema
        .createIndex('articles_desk_archived')
        .on('articles')
        .columns(['id', 'archived'])
        .execute();
    },
  },
  '0007_login_attempts': {
    async up(db: Kysely<unknown>) {
      // Sign-in attempt counts (auth/login-throttle.ts), shared by every server process on
      // the database. Times in ms since the epoch: past 2^31, so bigint on PostgreSQL.
      await db.schema
        .createTable('login_attempts')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('count', 'integer', (c) => c.notNull())
        .addColumn('last_ms', 'bigint', (c) => c.notNull())
        .addColumn('until_ms', 'bigint', (c) => c.notNull())
        .execute();
    },
  },
  '0008_event_positions': {
    async up(db: Kysely<unknown>) {
      // An event's place in the change feed, the cursor of Last-Event-ID. The id is taken
      // when a transaction inserts; on PostgreSQL transactions commit in another order
      // than they began, so a reader past id 11 could miss a 10 committed later. The
      // position is given in commit order instead (repositories/events.ts): NULL until
      // then, and an event without one is not yet in the feed. The events written so
      // far keep their ids as positions, so open streams resume where they were.
      await db.schema.alterTable('events').addColumn('position', 'integer').execute();
      await sql`update events set position = id`.execute(db);
      await db.schema
        .createIndex('events_position')
        .on('events')
        .column('position')
        .unique()
        .execute();
      // What the sequencer looks for after every commit: found without reading the feed.
      await db.schema
        .createIndex('events_unsequenced')
        .on('events')
        .column('id')
        .where(sql.ref('position'), 'is', null)
        .execute();
    },
  },
};
