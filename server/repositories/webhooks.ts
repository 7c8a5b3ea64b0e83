/**
 * Outgoing webhooks (issue 10): the webhooks admins set up, and the queue of their
 * deliveries. A hand-over queues one delivery per matching webhook inside the change's
 * own transaction (so a rolled-back change tells nobody); the worker (server/webhooks/)
 * takes deliveries from here with a lease and records how each attempt went.
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
import { deliveryBody, queuedPayload } from '../webhooks/payload';

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

/** Whether any webhook is active: without one, the worker has nothing to look for. */
export async function hasActiveWebhooks(db: Db): Promise<boolean> {
  const row = await db
    .selectFrom('webhooks')
    .select('id')
    .where('active', '=', 1)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** A delivery the worker holds the lease of. */
export interface ClaimedDelivery {
  readonly seq: number;
  readonly id: string;
  readonly webhookId: string;
  readonly url: string;
  readonly secret: string;
  readonly body: string;
  /** Attempts made before this one. */
  readonly attempts: number;
}

export interface ClaimRequest {
  readonly now: string;
  readonly leaseUntil: string;
  readonly owner: string;
  readonly limit: number;
  /** Webhooks this process is sending to already: their next delivery waits. */
  readonly busy: ReadonlySet<string>;
  /** This app's public address, put in front of a queued payload's `url` (links.ts). */
  readonly linkBase: string;
}

/**
 * Leases each active webhook's first pending delivery that is due and not leased by a
 * live process. Only a webhook's first pending delivery is ever taken, so its deliveries
 * go out in order. The lease is a conditional UPDATE: of two processes that read the same
 * delivery, one updates it and the other updates nothing (PostgreSQL re-checks the
 * condition after the first commits), so each delivery has one sender at a time.
 */
export async function claimDueDeliveries(
  db: Db,
  request: ClaimRequest,
): Promise<ClaimedDelivery[]> {
  const heads = await db
    .selectFrom('webhook_deliveries as d')
    .innerJoin('webhooks as w', 'w.id', 'd.webhook_id')
    .select([
      'd.seq',
      'd.id',
      'd.webhook_id',
      'd.body',
      'd.attempts',
      'w.url',
      'w.secret',
      'w.format',
    ])
    .where('w.active', '=', 1)
    .where('d.status', '=', 'pending')
    .where((eb) =>
      eb(
        'd.seq',
        '=',
        eb
          .selectFrom('webhook_deliveries as p')
          .select((p) => p.fn.min('p.seq').as('first'))
          .whereRef('p.webhook_id', '=', 'd.webhook_id')
          .where('p.status', '=', 'pending'),
      ),
    )
    .where('d.next_attempt_at', '<=', request.now)
    .where((eb) => eb.or([eb('d.lease_until', 'is', null), eb('d.lease_until', '<=', request.now)]))
    .orderBy('d.seq')
    .limit(request.limit + request.busy.size)
    .execute();
  const claimed: ClaimedDelivery[] = [];
  for (const head of heads) {
    if (claimed.length >= request.limit || request.busy.has(head.webhook_id)) {
      continue;
    }
    // Set with the lease, so the first sender's body is the one every later attempt sends.
    const body = deliveryBody(head.format as WebhookFormat, head.body, request.linkBase);
    const result = await db
      .updateTable('webhook_deliveries')
      .set({
        lease_until: request.leaseUntil,
        lease_owner: request.owner,
        ...(body === head.body ? {} : { body }),
      })
      .where('seq', '=', head.seq)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', request.now)]))
      .executeTakeFirst();
    if (Number(result.numUpdatedRows) === 1) {
      claimed.push({
        seq: head.seq,
        id: head.id,
        webhookId: head.webhook_id,
        url: head.url,
        secret: head.secret,
        body,
        attempts: head.attempts,
      });
    }
  }
  return claimed;
}

/** The receiver took it. Only the lease holder records it. */
export async function completeDelivery(
  db: Db,
  delivery: { seq: number; owner: string; statusCode: number; at: string },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: 'delivered',
      attempts: eb('attempts', '+', 1),
      last_status_code: delivery.statusCode,
      last_error: null,
      delivered_at: delivery.at,
      lease_until: null,
      lease_owner: null,
    }))
    .where('seq', '=', delivery.seq)
    .where('lease_owner', '=', delivery.owner)
    .execute();
}

/** An attempt failed: try again at `retryAt`, or give up (`failed`) when it is null. */
export async function failDelivery(
  db: Db,
  delivery: {
    seq: number;
    owner: string;
    statusCode: number | null;
    error: string;
    retryAt: string | null;
  },
): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set((eb) => ({
      status: delivery.retryAt === null ? 'failed' : 'pending',
      attempts: eb('attempts', '+', 1),
      last_status_code: delivery.statusCode,
      last_error: delivery.error.slice(0, 500),
      ...(delivery.retryAt === null ? {} : { next_attempt_at: delivery.retryAt }),
      lease_until: null,
      lease_owner: null,
    }))
    .where('seq', '=', delivery.seq)
    .where('lease_owner', '=', delivery.owner)
    .execute();
}

/**
 * Forgets deliveries queued before `before` that are settled (delivered or failed), or
 * that belong to a deleted webhook and will never be sent. Answers how many.
 */
export async function pruneDeliveries(db: Db, before: string): Promise<number> {
  const result = await db
    .deleteFrom('webhook_deliveries')
    .where('created_at', '<', before)
    .where((eb) =>
      eb.or([
        eb('status', '!=', 'pending'),
        eb('webhook_id', 'in', eb.selectFrom('webhooks').select('id').where('active', '=', 0)),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** Hands a delivery back untried (the process is stopping): the next process sends it at once. */
export async function releaseDelivery(db: Db, seq: number, owner: string): Promise<void> {
  await db
    .updateTable('webhook_deliveries')
    .set({ lease_until: null, lease_owner: null })
    .where('seq', '=', seq)
    .where('lease_owner', '=', owner)
    .execute();
}
