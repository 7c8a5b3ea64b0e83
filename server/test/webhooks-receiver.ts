/**
 * Helpers of the webhook tests: a local receiver that records every request and answers
 * as told, hand-overs recorded directly, webhooks added and their deliveries read.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { recordHandover, type Handover, type HandoverKind } from '../repositories/handovers';
import { findClaim } from '../repositories/claims';
import { writeTransaction } from '../database/transaction';
import type { Webhook, WebhookDelivery } from '../../src/domain/webhooks';
import { type Harness, json, seedClaims } from './harness';

export interface Received {
  readonly headers: IncomingHttpHeaders;
  /** The raw body, as the signature covers it. */
  readonly body: string;
  readonly deliveryId: string;
}

/** A status to answer with, or `hang` (never answer: the sender's timeout ends it). */
export type Answer = number | 'hang';

export interface Receiver {
  readonly url: string;
  readonly port: number;
  readonly received: Received[];
  close(): Promise<void>;
}

export async function startReceiver(
  answer: (request: Received, index: number) => Answer = () => 200,
  port = 0,
): Promise<Receiver> {
  const received: Received[] = [];
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry: Received = {
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        deliveryId: String(request.headers['x-claimdesk-delivery'] ?? ''),
      };
      received.push(entry);
      const status = answer(entry, received.length - 1);
      if (status !== 'hang') {
        response.writeHead(status, { 'content-type': 'text/plain' }).end('ok');
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}/hook`,
    port: bound,
    received,
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** A port nobody listens on (yet): connections to it are refused. */
export async function freePort(): Promise<number> {
  const probe = await startReceiver();
  await probe.close();
  return probe.port;
}

export function expectedSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

/** Records a hand-over on a seed claim directly, as the workflow's transactions do. */
export async function handover(
  h: Harness,
  kind: HandoverKind,
  claimId: string,
  actor = 'dana',
  note?: Handover['note'],
): Promise<void> {
  const claim = await findClaim(h.app.db, claimId);
  if (!claim) throw new Error(`no claim ${claimId}`);
  const article = await h.app.db
    .selectFrom('articles')
    .select('headline')
    .where('id', '=', claim.articleId)
    .executeTakeFirstOrThrow();
  await writeTransaction(h.app.db, (trx) =>
    recordHandover(trx, {
      kind,
      claim,
      articleHeadline: article.headline,
      actor: { username: actor, role: 'editor' },
      at: new Date().toISOString(),
      before: { assignee: null, submittedBy: null },
      note,
    }),
  );
}

/** Timings short enough for tests: retries after 100, 200, 400 ms; 5 attempts; 2 s timeout. */
export const FAST_TIMINGS = {
  pollMs: 50,
  retryBaseMs: 100,
  retryMaxMs: 400,
  maxAttempts: 5,
  // Long enough that a loaded test machine does not time out a receiver that answers at once.
  timeoutMs: 2000,
  leaseMs: 3000,
};

export const WEBHOOK_SECRET = 'webhook secret for the tests';

/** Ada (admin) adds a webhook for every event to `url`. */
export async function addWebhook(
  h: Harness,
  url: string,
  extra: Record<string, unknown> = {},
): Promise<Webhook> {
  const response = await h.as('ada', {
    method: 'POST',
    url: '/api/webhooks',
    payload: { url, events: ['*'], secret: WEBHOOK_SECRET, ...extra },
  });
  assert.equal(response.statusCode, 201, response.body);
  return json<Webhook>(response);
}

export async function deliveries(h: Harness, webhookId: string): Promise<WebhookDelivery[]> {
  return json<WebhookDelivery[]>(
    await h.as('ada', { method: 'GET', url: `/api/webhooks/${webhookId}/deliveries` }),
  );
}

/** The seed article's claim ids, in the article's order. */
export async function seedClaimIds(h: Harness): Promise<string[]> {
  return (await seedClaims(h)).map((claim) => claim.id);
}
