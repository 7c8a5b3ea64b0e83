/**
 * Migration 0010_webhooks: outgoing webhooks and their queue of deliveries (issue 10).
 *
 * A delivery is queued in the transaction of the change it tells of, with the exact body
 * it sends, so that every attempt carries the same bytes and the same signature. `seq`
 * orders a webhook's deliveries (they go out strictly in that order); `id` is the
 * X-Claimdesk-Delivery header. `lease_until`/`lease_owner`: the process sending it, until
 * then; a lease that runs out (a process that crashed) lets another take it.
 * Times are ISO 8601 text, as everywhere in this schema, so they compare as text.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema
      .createTable('webhooks')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('url', 'text', (c) => c.notNull())
      // JSON array of event names, or ["*"].
      .addColumn('events', 'text', (c) => c.notNull())
      .addColumn('secret', 'text', (c) => c.notNull())
      .addColumn('format', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.notNull())
      .addColumn('created_at', 'text', (c) => c.notNull())
      // 0 once deleted: its deliveries stay readable in the database, none is sent any more.
      .addColumn('active', 'integer', (c) => c.notNull().defaultTo(1))
      .execute();
    await db.schema
      .createTable('webhook_deliveries')
      .addColumn('seq', isPostgres(db) ? 'serial' : 'integer', (c) =>
        isPostgres(db) ? c.primaryKey() : c.primaryKey().autoIncrement(),
      )
      .addColumn('id', 'text', (c) => c.notNull().unique())
      .addColumn('webhook_id', 'text', (c) =>
        c.notNull().references('webhooks.id').onDelete('cascade'),
      )
      .addColumn('event', 'text', (c) => c.notNull())
      .addColumn('body', 'text', (c) => c.notNull())
      // pending, delivered or failed.
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('attempts', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('next_attempt_at', 'text', (c) => c.notNull())
      .addColumn('last_status_code', 'integer')
      .addColumn('last_error', 'text')
      .addColumn('created_at', 'text', (c) => c.notNull())
      .addColumn('delivered_at', 'text')
      .addColumn('lease_until', 'text')
      .addColumn('lease_owner', 'text')
      .execute();
    // The worker's question: each webhook's first pending delivery.
    await db.schema
      .createIndex('webhook_deliveries_pending')
      .on('webhook_deliveries')
      .columns(['webhook_id', 'seq'])
      .where(sql<boolean>`status = 'pending'`)
      .execute();
    // The admin screen's: a webhook's latest deliveries.
    await db.schema
      .createIndex('webhook_deliveries_by_webhook')
      .on('webhook_deliveries')
      .columns(['webhook_id', 'seq'])
      .execute();
  },
};
