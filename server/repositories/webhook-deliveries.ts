/**
 * The delivery worker's side of the webhook queue (server/webhooks/worker.ts): leasing
 * due deliveries, one webhook's in order, recording each attempt, handing one back when
 * the process stops, forgetting old ones. webhooks.ts fills the queue.
 */
import type { WebhookFormat } from '../../src/domain/webhooks';
import { deliveryBody } from '../webhooks/payload';
import type { Db } from './claims';

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
