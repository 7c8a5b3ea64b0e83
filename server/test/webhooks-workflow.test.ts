/**
 * Webhooks through the desk's own workflow over HTTP: an approval reaches a local
 * receiver as a signed claim.approved (again, with the same delivery id, after a 500);
 * a note as note.added; a refused action queues nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Webhook, WebhookPayload } from '../../src/domain/webhooks';
import { Harness, startApp, withCast } from './harness';
import {
  addWebhook,
  deliveries as deliveriesOf,
  expectedSignature,
  FAST_TIMINGS,
  type Receiver,
  seedClaimIds,
  startReceiver,
} from './webhooks-receiver';
import { until } from './until';

const SECRET = 'the newsroom chat secret';

describe('webhooks from the workflow over HTTP', () => {
  let h: Harness;
  let receiver: Receiver;
  let hook: Webhook;
  let claimIds: string[];
  /** The receiver answers 500 to the first request, then 200. */
  let answered = 0;
  before(async () => {
    h = await startApp({ webhookTimings: FAST_TIMINGS });
    await withCast(h);
    receiver = await startReceiver(() => (answered++ === 0 ? 500 : 200));
    hook = await addWebhook(h, receiver.url, {
      events: ['claim.approved', 'note.added'],
      secret: SECRET,
    });
    claimIds = await seedClaimIds(h);
  });
  after(async () => {
    await h.close();
    await receiver.close();
  });

  const deliveries = () => deliveriesOf(h, hook.id);

  it('posts a signed claim.approved when an editor approves, and again with the same id after a 500', async () => {
    const id = claimIds[0];
    await h.setStage(id, 'in_review', {
      verdict: 'false',
      rationale: 'Contradicted by the source.',
      submitted_by: 'robin',
      assignee: 'robin',
    });
    const approve = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'approve' },
    });
    assert.equal(approve.statusCode, 200, approve.body);
    await until('the retry after the 500', () => receiver.received.length === 2);
    const [first, second] = receiver.received;
    assert.equal(second.deliveryId, first.deliveryId);
    for (const got of [first, second]) {
      assert.equal(got.headers['x-claimdesk-signature'], expectedSignature(SECRET, got.body));
    }
    const payload = JSON.parse(second.body) as WebhookPayload;
    assert.equal(payload.event, 'claim.approved');
    assert.equal(payload.actor.username, 'dana');
    assert.deepEqual(
      { id: payload.claim.id, stage: payload.claim.stage, verdict: payload.claim.verdict },
      { id, stage: 'approved', verdict: 'false' },
    );
    await until('recorded', async () => (await deliveries())[0]?.status === 'delivered');
    const [row] = await deliveries();
    assert.deepEqual(
      { event: row.event, attempts: row.attempts, code: row.lastStatusCode },
      { event: 'claim.approved', attempts: 2, code: 200 },
    );
  });

  it('queues nothing for a refused action or an event the webhook did not ask for', async () => {
    const id = claimIds[1];
    await h.setStage(id, 'in_review', { verdict: 'false', rationale: 'r', submitted_by: 'robin' });
    const refused = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'approve' },
    });
    assert.equal(refused.statusCode, 409);
    const changes = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'request_changes', note: 'Add a second source.' },
    });
    assert.equal(changes.statusCode, 200, changes.body);
    assert.equal((await deliveries()).length, 1);
  });

  it('posts note.added with the note', async () => {
    const before = receiver.received.length;
    const note = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${claimIds[2]}/notes`,
      payload: { text: 'Ask the ministry & the agency' },
    });
    assert.equal(note.statusCode, 201, note.body);
    await until('the note', () => receiver.received.length === before + 1);
    const payload = JSON.parse(receiver.received[before].body) as WebhookPayload;
    assert.equal(payload.event, 'note.added');
    assert.equal(payload.note?.text, 'Ask the ministry & the agency');
    assert.equal(payload.claim.id, claimIds[2]);
  });
});
