/**
 * Webhook deliveries across restarts and processes: a delivery queued before a restart,
 * a crashed process's lease, two processes on one PostgreSQL database.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { WebhookPayload } from '../../src/domain/webhooks';
import { Harness, makeTestDir, removeTestDir, startApp, withCast } from './harness';
import {
  addWebhook,
  deliveries,
  FAST_TIMINGS,
  handover,
  seedClaimIds,
  startReceiver,
} from './webhooks-receiver';
import { until } from './until';

describe('webhook deliveries across restarts and processes', () => {
  it('delivers a delivery queued before a restart once, after it', async () => {
    const dir = makeTestDir('webhooks');
    const receiver = await startReceiver();
    try {
      // A worker that does not look again before the app closes: the delivery stays queued.
      const first = await startApp({ dir, webhookTimings: { ...FAST_TIMINGS, pollMs: 3_600_000 } });
      await withCast(first);
      const [claimId] = await seedClaimIds(first);
      const hook = await addWebhook(first, receiver.url);
      await handover(first, 'approved', claimId, 'dana');
      assert.equal((await deliveries(first, hook.id))[0]?.status, 'pending');
      await first.close();
      assert.equal(receiver.received.length, 0);

      const second = await startApp({ dir, webhookTimings: FAST_TIMINGS });
      await until(
        'delivered after the restart',
        async () => (await deliveries(second, hook.id))[0]?.status === 'delivered',
      );
      await second.close();
      assert.equal(receiver.received.length, 1);
    } finally {
      await receiver.close();
      await removeTestDir(dir);
    }
  });

  it("sends a crashed process's delivery once its lease has run out", async () => {
    const dir = makeTestDir('webhooks');
    const receiver = await startReceiver();
    try {
      const h = await startApp({ dir, webhookTimings: { ...FAST_TIMINGS, pollMs: 3_600_000 } });
      await withCast(h);
      const [claimId] = await seedClaimIds(h);
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
      await until(
        'delivered after the lease',
        async () => (await deliveries(again, hook.id))[0]?.status === 'delivered',
      );
      assert.ok(Date.now() >= Date.parse(leaseUntil), 'not before the lease ran out');
      await again.close();
      assert.equal(receiver.received.length, 1);
    } finally {
      await receiver.close();
      await removeTestDir(dir);
    }
  });

  it(
    'two processes on one PostgreSQL database deliver each event once, in order per webhook',
    { skip: process.env['TEST_DATABASE_URL'] ? false : 'needs PostgreSQL (TEST_DATABASE_URL)' },
    async () => {
      const dir = makeTestDir('webhooks');
      const receivers = [await startReceiver(), await startReceiver()];
      const apps: Harness[] = [];
      try {
        apps.push(await startApp({ dir, webhookTimings: FAST_TIMINGS }));
        await withCast(apps[0]);
        apps.push(await startApp({ dir, webhookTimings: FAST_TIMINGS }));
        const claimIds = await seedClaimIds(apps[0]);
        // One webhook set up on each process: both send to both.
        const hooks = [
          await addWebhook(apps[0], receivers[0].url),
          await addWebhook(apps[1], receivers[1].url),
        ];
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
        await until('every event delivered to both', () =>
          receivers.every((r) => r.received.length >= total),
        );
        // Closed only once every delivery is recorded as delivered: a process whose request is
        // still unanswered when its stop's grace (stopGraceMs) ends hands that delivery back
        // untried, and the other process sends it again with the same id (at least once).
        await until('every delivery recorded', async () => {
          for (const hook of hooks) {
            const made = await deliveries(apps[0], hook.id);
            if (made.length < total || made.some((d) => d.status !== 'delivered')) return false;
          }
          return true;
        });
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
        await removeTestDir(dir);
      }
    },
  );
});
