/**
 * A stopping webhook worker (a graceful shutdown) lets the attempt under way be answered
 * and recorded, so no other process sends that delivery again; a receiver that does not
 * answer holds the stop only for `stopGraceMs`, and its delivery is handed back untried.
 */
import assert from 'node:assert/strict';
import { createServer, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import type { Webhook } from '../../src/domain/webhooks';
import { linkBase } from '../webhooks/links';
import { DEFAULT_WEBHOOK_TIMINGS, WebhookWorker } from '../webhooks/worker';
import { Harness, startApp, withCast } from './harness';
import { addWebhook, deliveries, FAST_TIMINGS, handover, seedClaimIds } from './webhooks-receiver';
import { until } from './until';

const CSRF = { 'x-claimdesk-request': '1' };

/** A receiver that holds every answer until the test releases it. */
async function holdingReceiver() {
  const held: ServerResponse[] = [];
  let requests = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      requests += 1;
      held.push(response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`,
    requests: () => requests,
    /** Answers every request held so far with 200. */
    release() {
      for (const response of held.splice(0)) {
        response.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
      }
    },
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('webhook worker stop', () => {
  let h: Harness;
  let claimIds: string[];
  let hook: Webhook | undefined;
  before(async () => {
    // The app's own worker never looks (no poll before the end, no webhook active at its
    // first look): the worker each test starts is the only one sending.
    h = await startApp({ webhookTimings: { ...FAST_TIMINGS, pollMs: 3_600_000 } });
    await withCast(h);
    claimIds = await seedClaimIds(h);
  });
  after(() => h.close());

  async function queueOneDelivery(url: string, claimId: string): Promise<Webhook> {
    if (hook) {
      await h.as('ada', { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${hook.id}` });
    }
    hook = await addWebhook(h, url);
    await handover(h, 'approved', claimId, 'dana');
    return hook;
  }

  function worker(stopGraceMs: number): WebhookWorker {
    return new WebhookWorker(
      h.app.db,
      { ...DEFAULT_WEBHOOK_TIMINGS, ...FAST_TIMINGS, stopGraceMs },
      h.app.log,
      linkBase(undefined),
      true,
    );
  }

  it('waits for the attempt under way and records it delivered, not handed back', async () => {
    const receiver = await holdingReceiver();
    try {
      const queued = await queueOneDelivery(receiver.url, claimIds[0]);
      const sender = worker(60_000);
      sender.start();
      await until('the attempt is under way', () => receiver.requests() === 1);
      const stopped = sender.stop();
      receiver.release();
      await stopped;
      const [delivery] = await deliveries(h, queued.id);
      assert.equal(delivery?.status, 'delivered');
      assert.equal(delivery?.attempts, 1);
      assert.equal(receiver.requests(), 1);
    } finally {
      await receiver.close();
    }
  });

  it('cuts off an attempt still unanswered after stopGraceMs and hands it back untried', async () => {
    const receiver = await holdingReceiver();
    try {
      const queued = await queueOneDelivery(receiver.url, claimIds[1]);
      const sender = worker(200);
      sender.start();
      await until('the attempt is under way', () => receiver.requests() === 1);
      await sender.stop();
      const [delivery] = await deliveries(h, queued.id);
      assert.equal(delivery?.status, 'pending');
      assert.equal(delivery?.attempts, 0);
    } finally {
      await receiver.close();
    }
  });
});
