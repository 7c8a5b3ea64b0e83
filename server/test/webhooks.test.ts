/** Outgoing webhooks over HTTP: admins only, validation, no secret ever returned, event filters. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Webhook, WebhookDelivery } from '../../src/domain/webhooks';
import { Harness, json, startApp, withCast } from './harness';
import {
  FAST_TIMINGS,
  handover,
  type Receiver,
  seedClaimIds,
  startReceiver,
} from './webhooks-receiver';
import { until } from './until';

const SECRET = 'a secret of twenty-odd characters';
/** What the dashboard sends with a body-less write. */
const CSRF = { 'x-claimdesk-request': '1' };

describe('webhooks over HTTP', () => {
  let h: Harness;
  let receiver: Receiver;
  let claimIds: string[];
  before(async () => {
    h = await startApp({ webhookTimings: FAST_TIMINGS });
    await withCast(h);
    receiver = await startReceiver();
    claimIds = await seedClaimIds(h);
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  const create = (username: string, payload: Record<string, unknown>) =>
    h.as(username, { method: 'POST', url: '/api/webhooks', payload });

  it('lets an admin add a webhook (201 with its id) and list it, never with its secret', async () => {
    const response = await create('ada', {
      url: receiver.url,
      events: ['claim.approved'],
      secret: SECRET,
      format: 'json',
    });
    assert.equal(response.statusCode, 201, response.body);
    const created = json<Webhook>(response);
    assert.match(created.id, /^[0-9a-f-]{36}$/);
    assert.deepEqual(created.events, ['claim.approved']);
    assert.equal(created.createdBy, 'ada');
    assert.doesNotMatch(response.body, /twenty-odd|secret/);
    const list = await h.as('ada', { method: 'GET', url: '/api/webhooks' });
    assert.equal(list.statusCode, 200);
    assert.ok(json<Webhook[]>(list).some((w) => w.id === created.id && w.url === receiver.url));
    assert.doesNotMatch(list.body, /twenty-odd|secret/);
    await h.as('ada', { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${created.id}` });
  });

  it('answers 403 to everyone but an admin, and 401 without a session', async () => {
    const made = json<Webhook>(
      await create('ada', { url: receiver.url, events: ['*'], secret: SECRET }),
    );
    for (const username of ['casey', 'dana']) {
      const attempts = [
        await create(username, { url: receiver.url, events: ['*'], secret: SECRET }),
        await h.as(username, { method: 'GET', url: '/api/webhooks' }),
        await h.as(username, { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${made.id}` }),
        await h.as(username, { method: 'GET', url: `/api/webhooks/${made.id}/deliveries` }),
      ];
      assert.deepEqual(
        attempts.map((a) => a.statusCode),
        [403, 403, 403, 403],
        username,
      );
    }
    const anonymous = await h.app.inject({ method: 'GET', url: '/api/webhooks' });
    assert.equal(anonymous.statusCode, 401);
    await h.as('ada', { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${made.id}` });
  });

  it('refuses a URL that is not http(s), unknown events, no events and a short secret, naming the field', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ url: 'ftp://example.org/hook', events: ['*'], secret: SECRET }, '/body/url'],
      [{ url: 'javascript:alert(1)', events: ['*'], secret: SECRET }, '/body/url'],
      [{ url: receiver.url, events: ['claim.eaten'], secret: SECRET }, '/body/events/0'],
      [{ url: receiver.url, events: [], secret: SECRET }, '/body/events'],
      [{ url: receiver.url, events: ['*'], secret: 'short' }, '/body/secret'],
      [{ url: receiver.url, events: ['*'], secret: SECRET, format: 'xml' }, '/body/format'],
      [{ url: receiver.url, events: ['*'] }, '/body/secret'],
    ];
    for (const [payload, field] of cases) {
      const response = await create('ada', payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(json<{ field: string }>(response).field, field, JSON.stringify(payload));
    }
  });

  it('deletes a webhook: gone from the list, its deliveries 404, a second delete 404', async () => {
    const made = json<Webhook>(
      await create('ada', { url: receiver.url, events: ['*'], secret: SECRET }),
    );
    const gone = await h.as('ada', {
      method: 'DELETE',
      headers: CSRF,
      url: `/api/webhooks/${made.id}`,
    });
    assert.equal(gone.statusCode, 204);
    const list = json<Webhook[]>(await h.as('ada', { method: 'GET', url: '/api/webhooks' }));
    assert.ok(!list.some((w) => w.id === made.id));
    const again = await h.as('ada', {
      method: 'DELETE',
      headers: CSRF,
      url: `/api/webhooks/${made.id}`,
    });
    assert.equal(again.statusCode, 404);
    const deliveries = await h.as('ada', {
      method: 'GET',
      url: `/api/webhooks/${made.id}/deliveries`,
    });
    assert.equal(deliveries.statusCode, 404);
  });

  it('queues only the events a webhook asked for; "*" gets every event', async () => {
    const approvedOnly = json<Webhook>(
      await create('ada', { url: receiver.url, events: ['claim.approved'], secret: SECRET }),
    );
    const everything = json<Webhook>(
      await create('ada', { url: receiver.url, events: ['*'], secret: SECRET }),
    );
    const claimId = claimIds[0];
    await handover(h, 'submitted', claimId, 'casey');
    await handover(h, 'approved', claimId, 'dana');
    await handover(h, 'note_added', claimId, 'dana', { id: 'n1', text: 'Well done', mentions: [] });
    const deliveriesOf = async (id: string) =>
      json<WebhookDelivery[]>(
        await h.as('ada', { method: 'GET', url: `/api/webhooks/${id}/deliveries` }),
      );
    await until('every delivery sent', async () =>
      [...(await deliveriesOf(approvedOnly.id)), ...(await deliveriesOf(everything.id))].every(
        (d) => d.status === 'delivered',
      ),
    );
    assert.deepEqual(
      (await deliveriesOf(approvedOnly.id)).map((d) => d.event),
      ['claim.approved'],
    );
    const all = await deliveriesOf(everything.id);
    // Newest first.
    assert.deepEqual(
      all.map((d) => d.event),
      ['note.added', 'claim.approved', 'claim.submitted'],
    );
    assert.ok(all.every((d) => d.attempts === 1 && d.lastStatusCode === 200 && d.deliveredAt));
    assert.equal(new Set(receiver.received.map((r) => r.deliveryId)).size, 4);
    await h.as('ada', { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${approvedOnly.id}` });
    await h.as('ada', { method: 'DELETE', headers: CSRF, url: `/api/webhooks/${everything.id}` });
  });

  it('queues nothing for a deleted webhook', async () => {
    const before = receiver.received.length;
    await handover(h, 'approved', claimIds[1], 'dana');
    const rows = await h.app.db
      .selectFrom('webhook_deliveries')
      .select('id')
      .where('status', '=', 'pending')
      .execute();
    assert.equal(rows.length, 0);
    assert.equal(receiver.received.length, before);
  });
});
