/** POST /api/claims/bulk: each claim answered as it would be alone; every op and its refusals. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import type { BulkOp, BulkResponse } from '../../src/domain/desk';
import type { ChangeEvent } from '../repositories/events';
import { addArticle } from './desk-fixtures';
import { Harness, json, startApp, withCast } from './harness';

describe('POST /api/claims/bulk', () => {
  let h: Harness;

  const bulk = (user: string, ids: string[], op: BulkOp | Record<string, unknown>) =>
    h.as(user, { method: 'POST', url: '/api/claims/bulk', payload: { ids, op } });
  const ok = async (user: string, ids: string[], op: BulkOp) => {
    const response = await bulk(user, ids, op);
    assert.equal(response.statusCode, 200, response.body);
    return json<BulkResponse>(response);
  };
  const claim = async (id: string) =>
    json<ClaimSummary>(await h.as('dana', { url: `/api/claims/${id}` }));
  const history = async (id: string) =>
    json<HistoryEntry[]>(await h.as('dana', { url: `/api/claims/${id}/history` }));
  const statuses = (response: BulkResponse) => response.results.map((r) => [r.id, r.status]);
  const codes = (response: BulkResponse) => response.results.map((r) => r.problem?.code ?? null);

  before(async () => {
    h = await startApp();
    await withCast(h);
    const reviewed = { verdict: 'false', rationale: 'Contradicted.' } as const;
    await addArticle(h, {
      id: 'bulk-one',
      headline: 'Bulk one',
      claims: [
        ...['n1', 'n2', 'n3', 'n4', 'n5', 'n6', 'n7'].map((id) => ({ id })),
        { id: 'r1', stage: 'researching', assignee: 'casey', rationale: 'Checked.' },
        { id: 'r2', stage: 'researching', assignee: 'casey' },
        { id: 'ir1', stage: 'in_review', submittedBy: 'dana', ...reviewed },
        { id: 'ir2', stage: 'in_review', submittedBy: 'casey', ...reviewed },
        { id: 'ap1', stage: 'approved', verdict: 'true', rationale: 'Confirmed.' },
      ],
    });
    await addArticle(h, {
      id: 'bulk-archived',
      headline: 'Archived',
      archived: true,
      claims: [{ id: 'z1' }],
    });
  });
  after(() => h.close());

  it('assigns each claim alone: refusals carry the status and problem the same PATCH would have had', async () => {
    const published: ChangeEvent[] = [];
    // On PostgreSQL a write is answered before the feed delivers its event: sync() waits for it.
    await h.app.changes.sync();
    const unsubscribe = h.app.changes.subscribe((event) => published.push(event));
    const response = await ok('dana', ['n1', 'n2', 'ap1', 'z1', 'nope'], {
      type: 'assign',
      assignee: 'casey',
    });
    await h.app.changes.sync();
    unsubscribe();
    assert.match(response.batchId, /^[0-9a-f-]{36}$/);
    assert.deepEqual(statuses(response), [
      ['n1', 200],
      ['n2', 200],
      ['ap1', 403],
      ['z1', 409],
      ['nope', 404],
    ]);
    assert.deepEqual(codes(response), [null, null, 'field_locked', 'archived', null]);
    assert.equal(response.results[0].claim?.assignee, 'casey');
    assert.equal(response.results[2].problem?.field, '/body/assignee');
    // A refused claim comes as it stands, so the dashboard can say why in words.
    assert.equal(response.results[2].claim?.stage, 'approved');
    assert.equal(response.results[4].claim, undefined);
    assert.equal((await claim('ap1')).assignee, null);
    // In the order the claims' transactions committed (on PostgreSQL, any order); casey's
    // notifications of the assignments are events too (notifications.test.ts).
    const claimEvents = published.filter((e) => e.type !== 'notification.created');
    assert.deepEqual(claimEvents.map((e) => [e.type, e.claimId]).sort(), [
      ['claim.updated', 'n1'],
      ['claim.updated', 'n2'],
    ]);
    const entry = (await history('n1')).at(-1);
    assert.equal(entry?.action, 'update');
    assert.equal(entry?.actor, 'dana');
    assert.deepEqual(entry?.before, { assignee: null });
    assert.deepEqual(entry?.after, { assignee: 'casey', batchId: response.batchId });
    const stored = await h.app.db
      .selectFrom('bulk_batch_claims')
      .selectAll()
      .where('batch_id', '=', response.batchId)
      .orderBy('position')
      .execute();
    assert.deepEqual(
      stored.map((row) => [row.claim_id, JSON.parse(row.before), row.version_after]),
      [
        ['n1', { assignee: null }, 2],
        ['n2', { assignee: null }, 2],
      ],
    );
    const batch = await h.app.db
      .selectFrom('bulk_batches')
      .selectAll()
      .where('id', '=', response.batchId)
      .executeTakeFirstOrThrow();
    assert.equal(batch.author, 'dana');
    assert.deepEqual(JSON.parse(batch.op), { type: 'assign', assignee: 'casey' });
    const again = await ok('dana', ['n1'], { type: 'assign', assignee: 'casey' });
    assert.deepEqual(statuses(again), [['n1', 200]], 'already so: answered, not changed');
    assert.equal(again.results[0].claim?.version, 2);
  });

  it('sets and clears due dates (editors only, not on settled claims)', async () => {
    const checker = await ok('casey', ['n3'], { type: 'due', dueAt: '2027-03-01T12:00:00Z' });
    assert.deepEqual(statuses(checker), [['n3', 403]]);
    assert.deepEqual(codes(checker), ['field_role']);
    const set = await ok('dana', ['n3', 'n4', 'ap1'], {
      type: 'due',
      dueAt: '2027-03-01T12:00:00+01:00',
    });
    assert.deepEqual(statuses(set), [
      ['n3', 200],
      ['n4', 200],
      ['ap1', 403],
    ]);
    assert.equal((await claim('n4')).dueAt, '2027-03-01T11:00:00.000Z');
    const cleared = await ok('ada', ['n3'], { type: 'due', dueAt: null });
    assert.equal(cleared.results[0].claim?.dueAt, null);
  });

  it('takes workflow actions claim by claim: stage, role and maker-checker refusals', async () => {
    const started = await ok('casey', ['n5', 'n6', 'r1'], { type: 'transition', action: 'start' });
    assert.deepEqual(statuses(started), [
      ['n5', 200],
      ['n6', 200],
      ['r1', 409],
    ]);
    assert.deepEqual(codes(started), [null, null, 'wrong_stage']);
    assert.equal(started.results[0].claim?.stage, 'researching');
    assert.equal(started.results[0].claim?.assignee, 'casey');
    const byChecker = await ok('casey', ['ir2'], { type: 'transition', action: 'approve' });
    assert.deepEqual(codes(byChecker), ['role']);
    const approved = await ok('dana', ['ir1', 'ir2'], { type: 'transition', action: 'approve' });
    assert.deepEqual(statuses(approved), [
      ['ir1', 409],
      ['ir2', 200],
    ]);
    assert.deepEqual(codes(approved), ['maker_checker', null]);
    assert.equal(approved.results[1].claim?.stage, 'approved');
    const entry = (await history('ir2')).at(-1);
    assert.equal(entry?.action, 'approve');
    assert.equal(entry?.after?.['batchId'], approved.batchId);
    const noNote = await ok('dana', ['ir1'], { type: 'transition', action: 'request_changes' });
    assert.deepEqual(codes(noNote), ['needs_note']);
    const dismissed = await ok('dana', ['n7'], {
      type: 'transition',
      action: 'dismiss',
      reason: 'opinion',
      note: 'An opinion.',
    });
    assert.equal(dismissed.results[0].claim?.dismissReason, 'opinion');
    assert.equal(dismissed.results[0].claim?.noteCount, 1);
  });

  it('sets a verdict before the action, in the same transaction, under the verdict’s rules', async () => {
    const submitted = await ok('casey', ['r1', 'r2'], {
      type: 'transition',
      action: 'submit',
      verdict: 'unproven',
    });
    assert.deepEqual(statuses(submitted), [
      ['r1', 200],
      ['r2', 409],
    ]);
    assert.deepEqual(codes(submitted), [null, 'needs_rationale']);
    assert.equal(submitted.results[0].claim?.verdict, 'unproven');
    assert.equal(submitted.results[0].claim?.stage, 'in_review');
    assert.equal((await claim('r2')).verdict, null, 'the refused claim keeps no verdict');
    const entry = (await history('r1')).at(-1);
    assert.equal(entry?.action, 'submit');
    assert.deepEqual(entry?.before, { stage: 'researching', assignee: 'casey', verdict: null });
    assert.equal(entry?.after?.['verdict'], 'unproven');
    const locked = await ok('dana', ['r1'], {
      type: 'transition',
      action: 'approve',
      verdict: 'true',
    });
    assert.deepEqual(statuses(locked), [['r1', 403]]);
    assert.deepEqual(codes(locked), ['field_locked']);
    assert.equal((await claim('r1')).stage, 'in_review');
  });

  it('refuses a malformed request as a whole, naming the field, and stores no batch', async () => {
    const batches = async () =>
      (await h.app.db.selectFrom('bulk_batches').select('id').execute()).length;
    const count = await batches();
    const cases: [unknown, unknown, string][] = [
      [[], { type: 'assign', assignee: null }, '/body/ids'],
      [['n1', 'n1'], { type: 'assign', assignee: null }, '/body/ids'],
      [
        Array.from({ length: 501 }, (_, i) => `c${i}`),
        { type: 'assign', assignee: null },
        '/body/ids',
      ],
      [['bad id'], { type: 'assign', assignee: null }, '/body/ids/0'],
      [['n1'], { type: 'assign', assignee: 'nobody' }, '/body/op/assignee'],
      [['n1'], { type: 'assign' }, '/body/op/assignee'],
      [['n1'], { type: 'assign', assignee: null, dueAt: null }, '/body/op/dueAt'],
      [['n1'], { type: 'due' }, '/body/op/dueAt'],
      [['n1'], { type: 'due', dueAt: 'soon' }, '/body/op/dueAt'],
      [['n1'], { type: 'transition' }, '/body/op/action'],
      [['n1'], { type: 'transition', action: 'fly' }, '/body/op/action'],
      [['n1'], { type: 'transition', action: 'start', reason: 'opinion' }, '/body/op/reason'],
      [['n1'], { type: 'transition', action: 'approve', verdict: 'maybe' }, '/body/op/verdict'],
      [['n1'], { type: 'rename' }, '/body/op/type'],
      [['n1'], { type: 'assign', assignee: null, extra: 1 }, '/body/op/extra'],
    ];
    for (const [ids, op, field] of cases) {
      const response = await h.as('dana', {
        method: 'POST',
        url: '/api/claims/bulk',
        payload: { ids, op },
      });
      assert.equal(response.statusCode, 400, `${JSON.stringify(op)}: ${response.body}`);
      assert.equal(json<{ field: string }>(response).field, field, JSON.stringify(op));
    }
    assert.equal(await batches(), count);
    const many = await ok(
      'dana',
      Array.from({ length: 500 }, (_, i) => `missing-${i}`),
      { type: 'assign', assignee: null },
    );
    assert.equal(many.results.length, 500);
    assert.ok(many.results.every((r) => r.status === 404));
    const anonymous = await h.app.inject({
      method: 'POST',
      url: '/api/claims/bulk',
      payload: { ids: ['n1'], op: { type: 'assign', assignee: null } },
    });
    assert.equal(anonymous.statusCode, 401);
  });
});
