/**
 * Migration 0009_notifications (issue 10): notifications per recipient, article mutes,
 * the people a note mentions, and the reminders already sent.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('notifications')
      // Auto-numbered: the inbox's order (newest first) and its page cursor.
      .addColumn('id', isPostgres(db) ? 'serial' : 'integer', (c) =>
        isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('recipient', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      // Null for the clock's own reminders.
      .addColumn('actor', 'text')
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('article_id', 'text', (c) => c.notNull())
      .addColumn('text', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('read_at', 'text')
      .execute();
    // A person's inbox, newest first, and the part of it still unread (the badge).
    await db.schema
      .createIndex('notifications_recipient')
      .on('notifications')
      .columns(['recipient', 'id'])
      .execute();
    await db.schema
      .createIndex('notifications_recipient_unread')
      .on('notifications')
      .columns(['recipient', 'id'])
      .where(sql.ref('read_at'), 'is', null)
      .execute();

    // A person who muted an article is not told of its claims' submissions.
    await db.schema
      .createTable('article_mutes')
      .addColumn('username', 'text', (c) => c.notNull())
      .addColumn('article_id', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('article_mutes_pk', ['username', 'article_id'])
      .execute();

    // The active people a note mentions, as a JSON array of usernames.
    await db.schema
      .alterTable('notes')
      .addColumn('mentions', 'text', (c) => c.notNull().defaultTo('[]'))
      .execute();

    // Each due reminder (due_soon, overdue) sent for a claim's due time. The key makes
    // "once per claim per threshold" the database's rule: every process's timer inserts
    // with ON CONFLICT DO NOTHING, and only the one whose insert took the row notifies.
    // A changed due time is a new threshold, reminded of anew.
    await db.schema
      .createTable('due_reminders')
      .addColumn('claim_id', 'text', (c) => c.notNull())
      .addColumn('kind', 'text', (c) => c.notNull())
      .addColumn('due_at', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addPrimaryKeyConstraint('due_reminders_pk', ['claim_id', 'kind', 'due_at'])
      .execute();
  },
};
