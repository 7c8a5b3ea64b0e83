/** POST /api/claims/bulk/:batchId/undo: the author, within the window, once; claims changed since stay. */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import { type BulkOp, type BulkResponse, BULK_UNDO_WINDOW_MS } from '../../src/domain/desk';
import { describeEntry } from '../../src/domain/history-wording';
import type { ChangeEvent } from '../repositories/events';
import { addArticle, setArchived } from './desk-fixtures';
import { Harness, json, startApp, withCast } from './harness';

describe('undo of a bulk change', () => {
  let h: Harness;

  const run = async (user: string, ids: string[], op: BulkOp) => {
    const response = await h.as(user, {
      method: 'POST',
      url: '/api/claims/bulk',
      payload: { ids, op },
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<BulkResponse>(response);
  };
  const undo = (user: string, batchId: string) =>
    h.as(user, {
      method: 'POST',
      url: `/api/claims/bulk/${batchId}/undo`,
      headers: { 'x-claimdesk-request': '1' },
    });
  const claim = async (id: string) =>
    json<ClaimSummary>(await h.as('dana', { url: `/api/claims/${id}` }));
  const row = (id: string) =>
    h.app.db.selectFrom('claims').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const problemOf = (response: LightMyRequestResponse) =>
    json<{ code?: string; detail: string }>(response);

  before(async () => {
    h = await startApp();
    await withCast(h);
    await addArticle(h, {
      id: 'undo-one',
      headline: 'Undo one',
      claims: [
        { id: 'u1', assignee: 'casey' },
        { id: 'u2' },
        { id: 'u3' },
        {
          id: 't1',
          stage: 'in_review',
          verdict: 'false',
          rationale: 'No.',
          submittedBy: 'casey',
          stageSince: '2026-02-01T00:00:00.000Z',
        },
        {
          id: 't2',
          stage: 'researching',
          assignee: 'robin',
          rationale: 'Checked.',
          stageSince: '2026-02-02T00:00:00.000Z',
        },
        { id: 't3', stage: 'new', stageSince: '2026-02-03T00:00:00.000Z' },
        { id: 'e1' },
      ],
    });
    await addArticle(h, { id: 'undo-later', headline: 'Archived later', claims: [{ id: 'l1' }] });
  });
  after(() => h.close());

  it('puts back the claims nobody changed since and leaves the one changed since, saying why', async () => {
    const batch = await run('dana', ['u1', 'u2', 'u3'], { type: 'assign', assignee: 'robin' });
    const u2 = await claim('u2');
    const edit = await h.as('casey', {
      method: 'PATCH',
      url: '/api/claims/u2',
      headers: { 'if-match': String(u2.version) },
      payload: { rationale: 'Changed after the batch' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    const published: ChangeEvent[] = [];
    // On PostgreSQL a write is answered before the feed delivers its event: sync() waits for it.
    await h.app.changes.sync();
    const unsubscribe = h.app.changes.subscribe((event) => published.push(event));
    const response = await undo('dana', batch.batchId);
    await h.app.changes.sync();
    unsubscribe();
    assert.equal(response.statusCode, 200, response.body);
    const undone = json<BulkResponse>(response);
    assert.equal(undone.batchId, batch.batchId);
    assert.deepEqual(
      undone.results.map((r) => [r.id, r.status]),
      [
        ['u1', 200],
        ['u2', 409],
        ['u3', 200],
      ],
    );
    assert.equal(undone.results[1].problem?.code, 'changed_since');
    assert.match(
      undone.results[1].problem?.detail ?? '',
      /casey changed this claim after the bulk change/,
    );
    assert.equal((await claim('u1')).assignee, 'casey');
    assert.equal((await claim('u3')).assignee, null);
    assert.equal((await claim('u2')).assignee, 'robin', 'left as it is');
    // In the order the claims' transactions committed (on PostgreSQL, any order).
    assert.deepEqual(published.map((e) => e.claimId).sort(), ['u1', 'u3']);
    const entry = json<HistoryEntry[]>(await h.as('dana', { url: '/api/claims/u1/history' })).at(
      -1,
    );
    assert.equal(entry?.action, 'bulk_undo');
    assert.equal(entry?.actor, 'dana');
    assert.deepEqual(entry?.before, { assignee: 'robin' });
    assert.deepEqual(entry?.after, { assignee: 'casey', batchId: batch.batchId });
    assert.equal(describeEntry(entry!), 'dana undid a bulk change to the claim');
    const twice = await undo('dana', batch.batchId);
    assert.equal(twice.statusCode, 409);
    assert.equal(problemOf(twice).code, 'already_undone');
  });

  it('puts a transition back whole: stage, time in stage, approval, submitter, verdict', async () => {
    const before = { t1: await row('t1'), t2: await row('t2'), t3: await row('t3') };
    const approved = await run('dana', ['t1'], { type: 'transition', action: 'approve' });
    const submitted = await run('casey', ['t2'], {
      type: 'transition',
      action: 'submit',
      verdict: 'unproven',
    });
    const dismissed = await run('dana', ['t3'], {
      type: 'transition',
      action: 'dismiss',
      reason: 'duplicate',
    });
    assert.equal((await row('t1')).approved_by, 'dana');
    for (const [user, batch] of [
      ['dana', approved],
      ['casey', submitted],
      ['dana', dismissed],
    ] as const) {
      const response = await undo(user, batch.batchId);
      assert.equal(response.statusCode, 200, response.body);
      assert.deepEqual(
        json<BulkResponse>(response).results.map((r) => r.status),
        [200],
      );
    }
    for (const id of ['t1', 't2', 't3'] as const) {
      const now = await row(id);
      const columns = [
        'stage',
        'stage_since',
        'assignee',
        'submitted_by',
        'dismiss_reason',
        'approved_by',
        'approved_at',
        'verdict',
      ] as const;
      for (const column of columns) {
        assert.equal(now[column], before[id][column], `${id}.${column}`);
      }
      assert.equal(now.version, before[id].version + 2, `${id}: the batch and its undo`);
    }
  });

  it('lets only the author undo, within the window', async () => {
    const batch = await run('dana', ['e1'], { type: 'due', dueAt: '2027-01-01T00:00:00Z' });
    const other = await undo('eli', batch.batchId);
    assert.equal(other.statusCode, 403);
    assert.match(problemOf(other).detail, /Only dana/);
    const unknown = await undo('dana', 'no-such-batch');
    assert.equal(unknown.statusCode, 404);
    const withBody = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/bulk/${batch.batchId}/undo`,
      payload: { force: true },
    });
    assert.equal(withBody.statusCode, 400, 'a body is {} or none');
    assert.equal(json<{ field: string }>(withBody).field, '/body/force');
    const old = new Date(Date.now() - BULK_UNDO_WINDOW_MS - 60_000).toISOString();
    await h.app.db
      .updateTable('bulk_batches')
      .set({ created_at: old })
      .where('id', '=', batch.batchId)
      .execute();
    const late = await undo('dana', batch.batchId);
    assert.equal(late.statusCode, 409);
    assert.equal(problemOf(late).code, 'undo_expired');
    assert.equal((await claim('e1')).dueAt, '2027-01-01T00:00:00.000Z');
  });

  it('leaves a claim whose article was archived since, and answers 409 archived for it', async () => {
    const batch = await run('dana', ['l1'], { type: 'assign', assignee: 'casey' });
    await setArchived(h, 'undo-later', true);
    const response = await undo('dana', batch.batchId);
    assert.equal(response.statusCode, 200);
    const [result] = json<BulkResponse>(response).results;
    assert.equal(result.status, 409);
    assert.equal(result.problem?.code, 'archived');
    assert.equal((await claim('l1')).assignee, 'casey');
    const archived = await run('dana', ['l1'], { type: 'assign', assignee: null });
    assert.equal(archived.results[0].problem?.code, 'archived', 'a bulk change skips it too');
  });

  it('answers two undos sent at once exactly once', async () => {
    const batch = await run('dana', ['u3'], { type: 'assign', assignee: 'eli' });
    // One as the dashboard sends it (an empty JSON body), one with the request header alone.
    const asDashboard = h.as('dana', {
      method: 'POST',
      url: `/api/claims/bulk/${batch.batchId}/undo`,
      payload: {},
    });
    const [a, b] = await Promise.all([asDashboard, undo('dana', batch.batchId)]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 409]);
    assert.equal((await claim('u3')).assignee, null);
  });
});
