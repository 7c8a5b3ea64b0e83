/**
 * Webhook deliveries to a local receiver: signed bodies, retries with the same delivery
 * id (500, timeout, refused connection), order per webhook, giving up, the Slack format,
 * forgetting old ones. Restarts and several processes: webhooks-processes.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Webhook, WebhookPayload } from '../../src/domain/webhooks';
import { Harness, SEED_ARTICLE, startApp, withCast } from './harness';
import {
  addWebhook,
  deliveries,
  expectedSignature,
  FAST_TIMINGS,
  freePort,
  handover,
  seedClaimIds,
  startReceiver,
  WEBHOOK_SECRET as SECRET,
} from './webhooks-receiver';
import { until } from './until';

const CSRF = { 'x-claimdesk-request': '1' };

// A garbage collection on demand, as a busy server has them by itself.
setFlagsFromString('--expose-gc');
const collectGarbage = runInNewContext('gc') as () => void;

describe('webhook deliveries', () => {
  let h: Harness;
  let claimIds: string[];
  const hooks: string[] = [];
  before(async () => {
    h = await startApp({ webhookTimings: FAST_TIMINGS });
    await withCast(h);
    claimIds = await seedClaimIds(h);
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
      await until('the delivery', () => receiver.received.length === 1);
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
      await until('recorded as delivered', async () =>
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
      await until('the retry', () => receiver.received.length === 2);
      const [first, second] = receiver.received;
      assert.equal(second.deliveryId, first.deliveryId);
      assert.equal(second.body, first.body);
      assert.equal(second.headers['x-claimdesk-signature'], first.headers['x-claimdesk-signature']);
      await until(
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

  it('retries a receiver that does not answer in time, garbage collections meanwhile', async () => {
    const receiver = await startReceiver((_request, index) => (index === 0 ? 'hang' : 200));
    // The time limit must outlive collections: a signal only weakly held would be collected
    // and the hanging attempt never end.
    const collections = setInterval(collectGarbage, 50);
    try {
      const hook = await only(receiver.url);
      await handover(h, 'started', claimIds[2], 'casey');
      await until(
        'a failed attempt',
        async () => (await deliveries(h, hook.id))[0]?.attempts === 1,
      );
      clearInterval(collections);
      const [failed] = await deliveries(h, hook.id);
      assert.equal(failed.status, 'pending');
      assert.match(failed.lastError ?? '', /No answer within 2 s/);
      assert.equal(failed.lastStatusCode, null);
      await until(
        'the retry delivered',
        async () => (await deliveries(h, hook.id))[0]?.status === 'delivered',
      );
      assert.equal(receiver.received.length, 2);
      assert.equal(receiver.received[1].deliveryId, receiver.received[0].deliveryId);
    } finally {
      clearInterval(collections);
      await receiver.close();
    }
  });

  it('retries a refused connection until the receiver is up', async () => {
    const port = await freePort();
    const hook = await only(`http://127.0.0.1:${port}/hook`);
    await handover(h, 'reopened', claimIds[3], 'dana');
    await until(
      'two refused attempts',
      async () => ((await deliveries(h, hook.id))[0]?.attempts ?? 0) >= 2,
    );
    const [refused] = await deliveries(h, hook.id);
    assert.equal(refused.status, 'pending');
    assert.equal(refused.lastError, 'Connection refused');
    const receiver = await startReceiver(() => 200, port);
    try {
      await until(
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
      await until('all delivered', async () =>
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
      await until('both settled', async () =>
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
      await until('the message', () => receiver.received.length === 1);
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
      const [claimId] = await seedClaimIds(h);
      const hook = await addWebhook(h, receiver.url);
      const port = await freePort();
      const down = await addWebhook(h, `http://127.0.0.1:${port}/hook`);
      await handover(h, 'approved', claimId, 'dana');
      await until('delivered', () => receiver.received.length === 1);
      await until('forgotten', async () => (await deliveries(h, hook.id)).length === 0);
      // The one that still waits for its receiver is kept, however old.
      assert.equal((await deliveries(h, down.id)).length, 1);
    } finally {
      await h.close();
      await receiver.close();
    }
  });
});
