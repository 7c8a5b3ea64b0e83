/** The role x action matrix over HTTP: the server applies the shared rules, whatever the UI shows. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import { ACTIONS, Role, ROLES, STAGES } from '../../src/domain/workflow';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const USER_OF: Record<Role, string> = { fact_checker: 'casey', editor: 'dana', admin: 'ada' };

/** Written out by hand, as in the module's own spec: who may take which action from where. */
const PERMITTED = new Set([
  'new start fact_checker',
  'new start editor',
  'new start admin',
  'researching submit fact_checker',
  'researching submit editor',
  'researching submit admin',
  'changes_requested submit fact_checker',
  'changes_requested submit editor',
  'changes_requested submit admin',
  'in_review request_changes editor',
  'in_review request_changes admin',
  'in_review approve editor',
  'in_review approve admin',
  'approved reopen editor',
  'approved reopen admin',
  'new dismiss editor',
  'new dismiss admin',
  'researching dismiss editor',
  'researching dismiss admin',
  'changes_requested dismiss editor',
  'changes_requested dismiss admin',
  'dismissed restore editor',
  'dismissed restore admin',
]);

describe('workflow over HTTP', () => {
  let h: Harness;
  let claimIds: string[];

  before(async () => {
    h = await startApp();
    await withCast(h);
    const claims = json<ClaimSummary[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    claimIds = claims.map((c) => c.id);
    // Every claim ready to submit: a verdict, a rationale and one evidence link.
    for (const id of claimIds) {
      await h.app.db
        .insertInto('evidence')
        .values({
          id: `ev-${id}`,
          claim_id: id,
          url: 'https://example.org/source',
          title: 'Source',
          publisher: 'example.org',
          stance: 'refutes',
          source_type: 'primary',
          quote: null,
          archived_url: null,
          accessed_at: null,
          created_at: '2026-01-01T00:00:00.000Z',
          created_by: 'casey',
        })
        .execute();
    }
  });
  after(() => h.close());

  it('allows exactly the permitted stage x action x role combinations (126)', async () => {
    let checked = 0;
    const claimId = claimIds[0];
    for (const stage of STAGES) {
      for (const action of ACTIONS) {
        for (const role of ROLES) {
          await h.setStage(claimId, stage, {
            verdict: 'false',
            rationale: 'Contradicted by the source.',
            submitted_by: 'robin',
            assignee: 'robin',
          });
          const response = await h.as(USER_OF[role], {
            method: 'POST',
            url: `/api/claims/${claimId}/transitions`,
            // A reason only goes with dismiss (any other action refuses it with a 400).
            payload: {
              action,
              note: 'A note for the record.',
              ...(action === 'dismiss' ? { reason: 'opinion' } : {}),
            },
          });
          const key = `${stage} ${action} ${role}`;
          if (PERMITTED.has(key)) {
            assert.equal(response.statusCode, 200, `${key}: ${response.body}`);
          } else {
            assert.equal(response.statusCode, 409, `${key}: ${response.body}`);
            assert.ok(json<{ detail: string }>(response).detail.length > 10, key);
          }
          checked += 1;
        }
      }
    }
    assert.equal(checked, 126);
  });

  it('tells a fact-checker that only an editor can approve', async () => {
    const id = claimIds[1];
    await h.setStage(id, 'in_review', { verdict: 'false', rationale: 'r', submitted_by: 'robin' });
    const response = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'approve' },
    });
    assert.equal(response.statusCode, 409);
    assert.equal(
      json<{ detail: string; code: string }>(response).detail,
      'Only an editor can approve.',
    );
  });

  it('keeps maker-checker: an editor cannot approve what they submitted', async () => {
    const id = claimIds[2];
    await h.setStage(id, 'researching', { verdict: 'mixed', rationale: 'Partly right.' });
    const submit = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'submit' },
    });
    assert.equal(submit.statusCode, 200);
    const own = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'approve' },
    });
    assert.equal(own.statusCode, 409);
    assert.equal(json<{ code: string }>(own).code, 'maker_checker');
    const other = await h.as('eli', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'approve' },
    });
    assert.equal(other.statusCode, 200);
    assert.equal(json<ClaimSummary>(other).stage, 'approved');
  });

  it('refuses to submit without evidence unless unproven, with the reason', async () => {
    const id = claimIds[3];
    await h.app.db.deleteFrom('evidence').where('claim_id', '=', id).execute();
    await h.setStage(id, 'researching', { verdict: 'false', rationale: 'No.' });
    const refused = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'submit' },
    });
    assert.equal(refused.statusCode, 409);
    assert.equal(
      json<{ detail: string }>(refused).detail,
      'Add at least one evidence link before submitting.',
    );
    await h.setStage(id, 'researching', { verdict: 'unproven' });
    const ok = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'submit' },
    });
    assert.equal(ok.statusCode, 200);
  });

  it('needs a note to request changes and a reason to dismiss', async () => {
    const id = claimIds[4];
    await h.setStage(id, 'in_review', { verdict: 'false', rationale: 'r', submitted_by: 'casey' });
    const noNote = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'request_changes' },
    });
    assert.equal(noNote.statusCode, 409);
    assert.equal(json<{ code: string }>(noNote).code, 'needs_note');
    await h.setStage(id, 'new');
    const badReason = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'dismiss', reason: 'boring' },
    });
    assert.equal(badReason.statusCode, 400);
    assert.equal(json<{ field: string }>(badReason).field, '/body/reason');
  });

  it('refuses fields that do not go with the action, by name, and stores nothing', async () => {
    const id = claimIds[6];
    await h.setStage(id, 'new', { assignee: null });
    const historyBefore = json<HistoryEntry[]>(
      await h.as('dana', { url: `/api/claims/${id}/history` }),
    ).length;
    for (const [payload, field] of [
      [{ action: 'start', reason: 'opinion' }, '/body/reason'],
      [{ action: 'dismiss', reason: 'opinion', assignee: 'casey' }, '/body/assignee'],
      [{ action: 'submit', assignee: 'robin' }, '/body/assignee'],
      [{ action: 'restore', reason: 'duplicate' }, '/body/reason'],
    ] as const) {
      const response = await h.as('dana', {
        method: 'POST',
        url: `/api/claims/${id}/transitions`,
        payload,
      });
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)}: ${response.body}`);
      assert.equal(json<{ field: string }>(response).field, field);
    }
    const history = json<HistoryEntry[]>(await h.as('dana', { url: `/api/claims/${id}/history` }));
    assert.equal(history.length, historyBefore);
    const start = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'start', assignee: 'robin' },
    });
    assert.equal(start.statusCode, 200, start.body);
    assert.equal(json<ClaimSummary>(start).assignee, 'robin');
  });

  it('makes the starter the assignee, and records a reopen as a correction with its note', async () => {
    const id = claimIds[5];
    await h.setStage(id, 'new', { assignee: null });
    const start = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'start' },
    });
    assert.equal(json<ClaimSummary>(start).assignee, 'casey');
    await h.setStage(id, 'approved');
    const reopen = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'reopen', note: 'A reader sent a newer figure.' },
    });
    assert.equal(reopen.statusCode, 200);
    const history = json<HistoryEntry[]>(await h.as('casey', { url: `/api/claims/${id}/history` }));
    const last = history[history.length - 1];
    assert.equal(last.action, 'reopen');
    assert.equal(last.correction, true);
    assert.equal(last.note, 'A reader sent a newer figure.');
    assert.equal(last.actor, 'dana');
  });
});
