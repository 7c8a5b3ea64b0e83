/**
 * Outgoing webhooks (issue 10): the webhooks admins set up, and the queue of their
 * deliveries. A hand-over queues one delivery per matching webhook inside the change's
 * own transaction (so a rolled-back change tells nobody); the worker (server/webhooks/)
 * takes them with a lease and records how each attempt went (webhook-deliveries.ts).
 */
import { randomUUID } from 'node:crypto';
import {
  ALL_WEBHOOK_EVENTS,
  type NewWebhook,
  type Webhook,
  type WebhookDelivery,
  type WebhookEvent,
  type WebhookEventChoice,
  type WebhookFormat,
  WEBHOOK_LIMITS,
  type DeliveryStatus,
} from '../../src/domain/webhooks';
import type { Db } from './claims';
import { NotFoundError } from './errors';
import type { Handover, HandoverKind } from './handovers';
import { queuedPayload } from '../webhooks/payload';

const EVENT_OF: Readonly<Record<HandoverKind, WebhookEvent>> = {
  assigned: 'claim.assigned',
  started: 'claim.started',
  submitted: 'claim.submitted',
  changes_requested: 'claim.changes_requested',
  approved: 'claim.approved',
  reopened: 'claim.reopened',
  dismissed: 'claim.dismissed',
  restored: 'claim.restored',
  note_added: 'note.added',
};

export function webhookEventOf(kind: HandoverKind): WebhookEvent {
  return EVENT_OF[kind];
}

function wants(events: readonly WebhookEventChoice[], event: WebhookEvent): boolean {
  return events.includes(ALL_WEBHOOK_EVENTS) || events.includes(event);
}

/** Call inside the transaction of the change (see handovers.ts); awaits nothing but `trx`. */
export async function queueWebhookDeliveries(trx: Db, handover: Handover): Promise<void> {
  const hooks = await trx
    .selectFrom('webhooks')
    .select(['id', 'events'])
    .where('active', '=', 1)
    .orderBy('created_at')
    .execute();
  const event = webhookEventOf(handover.kind);
  const matching = hooks.filter((hook) => wants(parseEvents(hook.events), event));
  if (matching.length === 0) {
    return;
  }
  const actor = await trx
    .selectFrom('users')
    .select('display_name')
    .where('username', '=', handover.actor.username)
    .executeTakeFirst();
  const rows = matching.map((hook) => {
    const id = randomUUID();
    return {
      id,
      webhook_id: hook.id,
      event,
      body: JSON.stringify(
        queuedPayload({
          id,
          event,
          handover,
          actorDisplayName: actor?.display_name ?? handover.actor.username,
        }),
      ),
      status: 'pending' satisfies DeliveryStatus,
      attempts: 0,
      next_attempt_at: handover.at,
      created_at: handover.at,
    };
  });
  await trx.insertInto('webhook_deliveries').values(rows).execute();
}

function parseEvents(text: string): WebhookEventChoice[] {
  return JSON.parse(text) as WebhookEventChoice[];
}

function toWebhook(row: {
  id: string;
  url: string;
  events: string;
  format: string;
  created_by: string;
  created_at: string;
}): Webhook {
  return {
    id: row.id,
    url: row.url,
    events: parseEvents(row.events),
    format: row.format as WebhookFormat,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}

export async function createWebhook(
  db: Db,
  input: NewWebhook,
  createdBy: string,
  at = new Date().toISOString(),
): Promise<Webhook> {
  // "*" alone stands for every event; a list keeps each event once, in the domain's order.
  const events: WebhookEventChoice[] = input.events.includes(ALL_WEBHOOK_EVENTS)
    ? [ALL_WEBHOOK_EVENTS]
    : [...new Set(input.events)];
  const row = {
    id: randomUUID(),
    url: input.url,
    events: JSON.stringify(events),
    secret: input.secret,
    format: input.format,
    created_by: createdBy,
    created_at: at,
  };
  await db.insertInto('webhooks').values(row).execute();
  return toWebhook(row);
}

/** Active webhooks, oldest first; never their secrets. */
export async function listWebhooks(db: Db): Promise<Webhook[]> {
  const rows = await db
    .selectFrom('webhooks')
    .select(['id', 'url', 'events', 'format', 'created_by', 'created_at'])
    .where('active', '=', 1)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toWebhook);
}

/** Stops the webhook: nothing more is queued or sent; its pending deliveries stay unsent. */
export async function deleteWebhook(db: Db, id: string): Promise<void> {
  const result = await db
    .updateTable('webhooks')
    .set({ active: 0 })
    .where('id', '=', id)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    throw new NotFoundError('Webhook', id);
  }
}

/** The webhook's latest deliveries, newest first. */
export async function listDeliveries(db: Db, webhookId: string): Promise<WebhookDelivery[]> {
  const hook = await db
    .selectFrom('webhooks')
    .select('id')
    .where('id', '=', webhookId)
    .where('active', '=', 1)
    .executeTakeFirst();
  if (!hook) {
    throw new NotFoundError('Webhook', webhookId);
  }
  const rows = await db
    .selectFrom('webhook_deliveries')
    .select([
      'id',
      'event',
      'status',
      'attempts',
      'last_status_code',
      'last_error',
      'created_at',
      'next_attempt_at',
      'delivered_at',
    ])
    .where('webhook_id', '=', webhookId)
    .orderBy('seq', 'desc')
    .limit(WEBHOOK_LIMITS.deliveriesListed)
    .execute();
  return rows.map((row) => ({
    id: row.id,
    event: row.event as WebhookEvent,
    status: row.status as DeliveryStatus,
    attempts: row.attempts,
    lastStatusCode: row.last_status_code,
    lastError: row.last_error,
    createdAt: row.created_at,
    nextAttemptAt: row.status === 'pending' ? row.next_attempt_at : null,
    deliveredAt: row.delivered_at,
  }));
}
