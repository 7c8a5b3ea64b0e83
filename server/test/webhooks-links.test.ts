/**
 * Each app's deliveries link to its own public address (CLAIMDESK_PUBLIC_URL), also with
 * two apps in one process, and a retry sends the body of the first attempt byte for byte.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { WebhookPayload } from '../../src/domain/webhooks';
import { Harness, SEED_ARTICLE, startApp, withCast } from './harness';
import {
  addWebhook,
  FAST_TIMINGS,
  handover,
  seedClaimIds,
  startReceiver,
} from './webhooks-receiver';
import { until } from './until';

describe('webhook links', () => {
  let desk: Harness;
  let other: Harness;
  before(async () => {
    // Started one after the other: the second app's address must not become the first's.
    desk = await startApp({
      webhookTimings: FAST_TIMINGS,
      publicUrl: 'https://desk.example/team/',
    });
    other = await startApp({ webhookTimings: FAST_TIMINGS, publicUrl: 'https://other.example' });
    await withCast(desk);
    await withCast(other);
  });
  after(async () => {
    await desk.close();
    await other.close();
  });

  it('point to the public address of the app that sends them', async () => {
    const receiver = await startReceiver();
    try {
      await addWebhook(desk, receiver.url);
      await addWebhook(other, receiver.url, { format: 'slack' });
      const deskClaim = (await seedClaimIds(desk))[0];
      await handover(desk, 'approved', deskClaim);
      await until('the desk delivery', () => receiver.received.length === 1);
      await handover(other, 'approved', (await seedClaimIds(other))[0]);
      await until('the other delivery', () => receiver.received.length === 2);
      const payload = JSON.parse(receiver.received[0].body) as WebhookPayload;
      assert.equal(
        payload.url,
        `https://desk.example/team/articles/${SEED_ARTICLE}?claim=${encodeURIComponent(deskClaim)}`,
      );
      const message = JSON.parse(receiver.received[1].body) as { text: string };
      assert.match(
        message.text,
        /<https:\/\/other\.example\/articles\/[^|>]+\|Open in Claimdesk>$/,
      );
    } finally {
      await receiver.close();
    }
  });

  it('stay the same on a retry, body and all', async () => {
    const receiver = await startReceiver((_request, index) => (index === 0 ? 500 : 200));
    try {
      const hook = await addWebhook(desk, receiver.url, { format: 'slack' });
      await handover(desk, 'started', (await seedClaimIds(desk))[0]);
      await until('the retry', () => receiver.received.length === 2);
      const [first, second] = receiver.received;
      assert.equal(second.deliveryId, first.deliveryId);
      assert.equal(second.body, first.body);
      assert.match(first.body, /https:\/\/desk\.example\/team\/articles\//);
      await desk.as('ada', {
        method: 'DELETE',
        headers: { 'x-claimdesk-request': '1' },
        url: `/api/webhooks/${hook.id}`,
      });
    } finally {
      await receiver.close();
    }
  });
});
