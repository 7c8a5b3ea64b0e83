/**
 * Webhook deliveries to a local receiver: signed bodies, retries with the same delivery
 * id (500, timeout, refused connection), order per webhook, giving up, the Slack format,
 * a restart with a queued delivery, a crashed process's lease, two processes.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { Webhook, WebhookDelivery, WebhookPayload } from '../../src/domain/webhooks';
import { dropPostgresSchema } from '../database/engine';
import { Harness, json, SEED_ARTICLE, startApp, testDatabase, withCast } from './harness';
import {
  expectedSignature,
  FAST_TIMINGS,
  freePort,
  handover,
  startReceiver,
  waitFor,
} from './webhooks-receiver';

const SECRET = 'webhook secret for the tests';
const CSRF = { 'x-claimdesk-request': '1' };

async function addWebhook(
  h: Harness,
  url: string,
  extra: Record<string, unknown> = {},
): Promise<Webhook> {
  const response = await h.as('ada', {
    method: 'POST',
    url: '/api/webhooks',
    payload: { url, events: ['*'], secret: SECRET, ...extra },
  });
  assert.equal(response.statusCode, 201, response.body);
  return json<Webhook>(response);
}

async function deliveries(h: Harness, webhookId: string): Promise<WebhookDelivery[]> {
  return json<WebhookDelivery[]>(
    await h.as('ada', { method: 'GET', url: `/api/webhooks/${webhookId}/deliveries` }),
  );
}

async function seedClaims(h: Harness): Promise<string[]> {
  const claims = await h.as('casey', {
    method: 'GET',
    url: `/api/articles/${SEED_ARTICLE}/claims`,
  });
  return json<{ id: string }[]>(claims).map((c) => c.id);
}

describe('webhook deliveries', () => {
  let h: Harness;
  let claimIds: string[];
  const hooks: string[] = [];
  before(async () => {
    h = await startApp({ webhookTimings: FAST_TIMINGS });
    await withCast(h);
    claimIds = await seedClaims(h);
  });
  after(() => h.close());

  /** A webhook that is the only one active, removed again after the test. */
  async function only(url: string, extra: Record<string, unknown> = {}): Promise<Webhook> {
    for (const id of hooks.splice(0)) {
      await h.as('ada', { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${id}` });
    }
    const hook = await addWebhook(h, url, extra);
    hooks.push(hook.id);
    return hook;
  }

  it('POSTs a signed claim.approved the receiver can verify over the raw body', async () => {
    const receiver = await startReceiver();
    try {
      const hook = await only(receiver.url);
      await handover(h, 'approved', claimIds[0], 'dana');
      await waitFor('the delivery', () => receiver.received.length === 1);
      const [got] = receiver.received;
      assert.equal(got.headers['content-type'], 'application/json');
      assert.equal(got.headers['x-claimdesk-signature'], expectedSignature(SECRET, got.body));
      const payload = JSON.parse(got.body) as WebhookPayload;
      assert.equal(payload.id, got.deliveryId);
      assert.equal(payload.event, 'claim.approved');
      assert.equal(payload.claim.id, claimIds[0]);
      assert.equal(payload.article.id, SEED_ARTICLE);
      assert.ok(payload.article.headline.length > 0);
      assert.deepEqual(payload.actor, { username: 'dana', displayName: 'dana' });
      assert.equal(
        payload.url,
        `http://127.0.0.1:4200/articles/${SEED_ARTICLE}?claim=${encodeURIComponent(claimIds[0])}`,
      );
      assert.ok(Date.parse(payload.createdAt) > 0);
      await waitFor('recorded as delivered', async () =>
        (await deliveries(h, hook.id)).every((d) => d.status === 'delivered'),
      );
    } finally {
      await receiver.close();
    }
  });

  it('retries a 500 with the same delivery id and body, then records the success', async () => {
    const receiver = await startReceiver((_request, index) => (index === 0 ? 500 : 204));
    try {
      const hook = await only(receiver.url);
      await handover(h, 'submitted', claimIds[1], 'casey');
      await waitFor('the retry', () => receiver.received.length === 2);
      const [first, second] = receiver.received;
      assert.equal(second.deliveryId, first.deliveryId);
      assert.equal(second.body, first.body);
      assert.equal(second.headers['x-claimdesk-signature'], first.headers['x-claimdesk-signature']);
      await waitFor(
        'recorded',
        async () => (await deliveries(h, hook.id))[0]?.status === 'delivered',
      );
      const [row] = await deliveries(h, hook.id);
      assert.equal(row.id, first.deliveryId);
      assert.equal(row.attempts, 2);
      assert.equal(row.lastStatusCode, 204);
    } finally {
      await receiver.close();
    }
  });

  it('retries a receiver that does not answer in time', async () => {
    const receiver = await startReceiver((_request, index) => (index === 0 ? 'hang' : 200));
    try {
      const hook = await only(receiver.url);
      await handover(h, 'started', claimIds[2], 'casey');
      await waitFor(
        'a failed attempt',
        async () => (await deliveries(h, hook.id))[0]?.attempts === 1,
      );
      const [failed] = await deliveries(h, hook.id);
      assert.equal(failed.status, 'pending');
      assert.match(failed.lastError ?? '', /No answer within 2 s/);
      assert.equal(failed.lastStatusCode, null);
      await waitFor(
        'the retry delivered',
        async () => (await deliveries(h, hook.id))[0]?.status === 'delivered',
      );
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[1].deliveryId, receiver.received[0].deliveryId);
    } finally {
      await receiver.close();
    }
  });

  it('retries a refused connection until the receiver is up', async () => {
    const port = await freePort();
    const hook = await only(`http://127.0.0.1:${port}/hook`);
    await handover(h, 'reopened', claimIds[3], 'dana');
    await waitFor(
      'two refused attempts',
      async () => ((await deliveries(h, hook.id))[0]?.attempts ?? 0) >= 2,
    );
    const [refused] = await deliveries(h, hook.id);
    assert.equal(refused.status, 'pending');
    assert.equal(refused.lastError, 'Connection refused');
    const receiver = await startReceiver(() => 200, port);
    try {
      await waitFor(
        'delivered',
        async () => (await deliveries(h, hook.id))[0]?.status === 'delivered',
      );
      assert.equal(receiver.received.length, 1);
      assert.equal(receiver.received[0].deliveryId, refused.id);
    } finally {
      await receiver.close();
    }
  });

  it('delivers in order per webhook: a later event waits while an earlier one is retried', async () => {
    let failuresLeft = 2;
    const receiver = await startReceiver(() => (failuresLeft-- > 0 ? 503 : 200));
    try {
      const hook = await only(receiver.url);
      await handover(h, 'started', claimIds[4], 'casey');
      await handover(h, 'submitted', claimIds[4], 'casey');
      await handover(h, 'approved', claimIds[4], 'dana');
      await waitFor('all delivered', async () =>
        (await deliveries(h, hook.id)).every((d) => d.status === 'delivered'),
      );
      const events = receiver.received.map((r) => (JSON.parse(r.body) as WebhookPayload).event);
      assert.deepEqual(events, [
        'claim.started',
        'claim.started',
        'claim.started',
        'claim.submitted',
        'claim.approved',
      ]);
    } finally {
      await receiver.close();
    }
  });

  it('gives up after the last attempt (failed), and the next delivery goes out', async () => {
    const receiver = await startReceiver((request) =>
      (JSON.parse(request.body) as WebhookPayload).event === 'claim.dismissed' ? 500 : 200,
    );
    try {
      const hook = await only(receiver.url);
      await handover(h, 'dismissed', claimIds[5], 'dana');
      await handover(h, 'restored', claimIds[5], 'dana');
      await waitFor('both settled', async () =>
        (await deliveries(h, hook.id)).every((d) => d.status !== 'pending'),
      );
      const [restored, dismissed] = await deliveries(h, hook.id);
      assert.equal(dismissed.status, 'failed');
      assert.equal(dismissed.attempts, FAST_TIMINGS.maxAttempts);
      assert.equal(dismissed.lastStatusCode, 500);
      assert.equal(dismissed.lastError, 'HTTP 500 Internal Server Error');
      assert.equal(restored.status, 'delivered');
      assert.equal(receiver.received.length, FAST_TIMINGS.maxAttempts + 1);
    } finally {
      await receiver.close();
    }
  });

  it('sends Slack/Mattermost messages with user text escaped, signed like the rest', async () => {
    const receiver = await startReceiver();
    try {
      await only(receiver.url, { format: 'slack' });
      await h.app.db
        .updateTable('claims')
        .set({ statement: 'Taxes <b>rose</b> & fell, said @channel <!here>' })
        .where('id', '=', claimIds[6])
        .execute();
      await handover(h, 'approved', claimIds[6], 'dana');
      await waitFor('the message', () => receiver.received.length === 1);
      const [got] = receiver.received;
      assert.equal(got.headers['x-claimdesk-signature'], expectedSignature(SECRET, got.body));
      const message = JSON.parse(got.body) as Record<string, unknown>;
      assert.deepEqual(Object.keys(message), ['text']);
      const text = String(message['text']);
      assert.match(
        text,
        /^dana approved “Taxes &lt;b&gt;rose&lt;\/b&gt; &amp; fell, said @\u2060channel &lt;!here&gt;”/,
      );
      assert.match(
        text,
        /<http:\/\/127\.0\.0\.1:4200\/articles\/[^|>]+\?claim=[^|>]+\|Open in Claimdesk>$/,
      );
    } finally {
      await receiver.close();
    }
  });
});

describe('old deliveries', () => {
  it('are forgotten once settled and past keepDeliveriesMs; pending ones stay', async () => {
    const receiver = await startReceiver();
    const h = await startApp({ webhookTimings: { ...FAST_TIMINGS, keepDeliveriesMs: 300 } });
    try {
      await withCast(h);
      const [claimId] = await seedClaims(h);
      const hook = await addWebhook(h, receiver.url);
      const port = await freePort();
      const down = await addWebhook(h, `http://127.0.0.1:${port}/hook`);
      await handover(h, 'approved', claimId, 'dana');
      await waitFor('delivered', () => receiver.received.length === 1);
      await waitFor('forgotten', async () => (await deliveries(h, hook.id)).length === 0);
      // The one that still waits for its receiver is kept, however old.
      assert.equal((await deliveries(h, down.id)).length, 1);
    } finally {
      await h.close();
      await receiver.close();
    }
  });
});

describe('webhook deliveries across restarts and processes', () => {
  it('delivers a delivery queued before a restart once, after it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-webhooks-'));
    const receiver = await startReceiver();
    try {
      // A worker that does not look again before the app closes: the delivery stays queued.
      const first = await startApp({ dir, webhookTimings: { ...FAST_TIMINGS, pollMs: 3_600_000 } });
      await withCast(first);
      const [claimId] = await seedClaims(first);
      const hook = await addWebhook(first, receiver.url);
      await handover(first, 'approved', claimId, 'dana');
      assert.equal((await deliveries(first, hook.id))[0]?.status, 'pending');
      await first.close();
      assert.equal(receiver.received.length, 0);

      const second = await startApp({ dir, webhookTimings: FAST_TIMINGS });
      await waitFor(
        'delivered after the restart',
        async () => (await deliveries(second, hook.id))[0]?.status === 'delivered',
      );
      await second.close();
      assert.equal(receiver.received.length, 1);
    } finally {
      await receiver.close();
      await dropTestDatabase(dir);
    }
  });

  it("sends a crashed process's delivery once its lease has run out", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-webhooks-'));
    const receiver = await startReceiver();
    try {
      const h = await startApp({ dir, webhookTimings: { ...FAST_TIMINGS, pollMs: 3_600_000 } });
      await withCast(h);
      const [claimId] = await seedClaims(h);
      const hook = await addWebhook(h, receiver.url);
      await handover(h, 'submitted', claimId, 'casey');
      // As a process that took it and died would leave it.
      const leaseUntil = new Date(Date.now() + 400).toISOString();
      await h.app.db
        .updateTable('webhook_deliveries')
        .set({ lease_owner: 'crashed-process', lease_until: leaseUntil })
        .execute();
      await h.close();
      const again = await startApp({ dir, webhookTimings: FAST_TIMINGS });
      await waitFor(
        'delivered after the lease',
        async () => (await deliveries(again, hook.id))[0]?.status === 'delivered',
      );
      assert.ok(Date.now() >= Date.parse(leaseUntil), 'not before the lease ran out');
      await again.close();
      assert.equal(receiver.received.length, 1);
    } finally {
      await receiver.close();
      await dropTestDatabase(dir);
    }
  });

  it(
    'two processes on one PostgreSQL database deliver each event once, in order per webhook',
    { skip: process.env['TEST_DATABASE_URL'] ? false : 'needs PostgreSQL (TEST_DATABASE_URL)' },
    async () => {
      const dir = mkdtempSync(join(tmpdir(), 'claimdesk-webhooks-'));
      const receivers = [await startReceiver(), await startReceiver()];
      const apps: Harness[] = [];
      try {
        apps.push(await startApp({ dir, webhookTimings: FAST_TIMINGS }));
        await withCast(apps[0]);
        apps.push(await startApp({ dir, webhookTimings: FAST_TIMINGS }));
        const claimIds = await seedClaims(apps[0]);
        // One webhook set up on each process: both send to both.
        await addWebhook(apps[0], receivers[0].url);
        await addWebhook(apps[1], receivers[1].url);
        const kinds = [
          'started',
          'submitted',
          'changes_requested',
          'submitted',
          'approved',
        ] as const;
        for (const [index, claimId] of claimIds.slice(0, 4).entries()) {
          for (const kind of kinds) {
            await handover(apps[index % 2], kind, claimId, kind === 'approved' ? 'dana' : 'casey');
          }
        }
        const total = 4 * kinds.length;
        await waitFor('every event delivered to both', () =>
          receivers.every((r) => r.received.length >= total),
        );
        for (const app of apps.splice(0)) await app.close();
        for (const [index, receiver] of receivers.entries()) {
          const ids = receiver.received.map((r) => r.deliveryId);
          assert.equal(new Set(ids).size, total, `receiver ${index}: ${ids.length} requests`);
          assert.equal(ids.length, total);
          const sequence = receiver.received.map((r) => {
            const payload = JSON.parse(r.body) as WebhookPayload;
            return `${payload.claim.id} ${payload.event}`;
          });
          const expected = claimIds
            .slice(0, 4)
            .flatMap((claimId) => kinds.map((kind) => `${claimId} claim.${kind}`));
          assert.deepEqual(sequence, expected, `receiver ${index} order`);
        }
      } finally {
        for (const app of apps) await app.close();
        for (const receiver of receivers) await receiver.close();
        await dropTestDatabase(dir);
      }
    },
  );
});

async function dropTestDatabase(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const target = testDatabase(dir);
  if (target.engine === 'postgres' && target.schema) {
    await dropPostgresSchema(target.url, target.schema);
  }
}
