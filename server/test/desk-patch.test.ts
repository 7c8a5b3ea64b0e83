/** PATCH /api/claims/:id with the desk's fields: due date, claimant, claimant type, claim date, summary. */
import assert from 'node:assert/strict';
import type { LightMyRequestResponse } from 'fastify';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import { addArticle } from './desk-fixtures';
import { Harness, json, startApp, withCast } from './harness';

describe('PATCH /api/claims/:id: desk fields', () => {
  let h: Harness;

  const current = async (id: string) =>
    json<ClaimSummary>(await h.as('dana', { url: `/api/claims/${id}` }));
  const patch = async (user: string, id: string, payload: object, version?: number | null) => {
    const ifMatch =
      version === null ? {} : { 'if-match': String(version ?? (await current(id)).version) };
    return h.as(user, { method: 'PATCH', url: `/api/claims/${id}`, headers: ifMatch, payload });
  };
  const fieldOf = (response: LightMyRequestResponse) =>
    json<{ field?: string; code?: string }>(response);

  before(async () => {
    h = await startApp();
    await withCast(h);
    await addArticle(h, {
      id: 'desk-patch',
      headline: 'Fields',
      claims: [
        { id: 'p-new' },
        {
          id: 'p-review',
          stage: 'in_review',
          verdict: 'false',
          rationale: 'No.',
          submittedBy: 'casey',
        },
        { id: 'p-approved', stage: 'approved', verdict: 'false', rationale: 'No.' },
        { id: 'p-research', stage: 'researching', assignee: 'casey' },
      ],
    });
  });
  after(() => h.close());

  it('saves claimant, claimant type, claim date and summary for a fact-checker, with history', async () => {
    const response = await patch('casey', 'p-research', {
      claimant: '  Marion Adebayo ',
      claimantType: 'Organization',
      claimDate: '2024-02-29',
      summary: 'Council spent 4 million on the tram',
    });
    assert.equal(response.statusCode, 200, response.body);
    const saved = json<ClaimSummary>(response);
    assert.equal(saved.claimant, 'Marion Adebayo');
    assert.equal(saved.claimantType, 'Organization');
    assert.equal(saved.claimDate, '2024-02-29');
    assert.equal(saved.summary, 'Council spent 4 million on the tram');
    assert.equal(response.headers.etag, `"${saved.version}"`);
    const history = json<HistoryEntry[]>(
      await h.as('casey', { url: '/api/claims/p-research/history' }),
    );
    const last = history[history.length - 1];
    assert.equal(last.action, 'update');
    assert.equal(last.actor, 'casey');
    assert.deepEqual(last.before, {
      claimant: null,
      claimantType: 'Person',
      claimDate: null,
      summary: null,
    });
    assert.deepEqual(last.after, {
      claimant: 'Marion Adebayo',
      claimantType: 'Organization',
      claimDate: '2024-02-29',
      summary: 'Council spent 4 million on the tram',
    });
    const cleared = await patch('casey', 'p-research', {
      claimant: null,
      summary: '   ',
      claimDate: null,
    });
    assert.equal(cleared.statusCode, 200, cleared.body);
    const after = json<ClaimSummary>(cleared);
    assert.equal(after.claimant, null);
    assert.equal(after.summary, null, 'blank is none');
    assert.equal(after.claimDate, null);
    const same = await patch('casey', 'p-research', { claimantType: 'Organization' });
    assert.equal(
      json<ClaimSummary>(same).version,
      after.version,
      'an unchanged value is no change',
    );
  });

  it('lets editors set a due date, in UTC, and clear it; fact-checkers may not', async () => {
    const checker = await patch('casey', 'p-new', { dueAt: '2027-05-04T17:00:00Z' });
    assert.equal(checker.statusCode, 403);
    assert.equal(fieldOf(checker).field, '/body/dueAt');
    assert.equal(fieldOf(checker).code, 'field_role');
    const editor = await patch('dana', 'p-new', { dueAt: '2027-05-04T17:00:00+02:00' });
    assert.equal(editor.statusCode, 200, editor.body);
    assert.equal(json<ClaimSummary>(editor).dueAt, '2027-05-04T15:00:00.000Z');
    const inReview = await patch('ada', 'p-review', { dueAt: '2027-06-01T09:00:00Z' });
    assert.equal(inReview.statusCode, 200, 'a claim in review still has a deadline');
    const settled = await patch('dana', 'p-approved', { dueAt: '2027-06-01T09:00:00Z' });
    assert.equal(settled.statusCode, 403);
    assert.equal(fieldOf(settled).code, 'field_locked');
    const cleared = await patch('dana', 'p-new', { dueAt: null });
    assert.equal(json<ClaimSummary>(cleared).dueAt, null);
    const history = json<HistoryEntry[]>(await h.as('dana', { url: '/api/claims/p-new/history' }));
    assert.deepEqual(
      history.slice(-2).map((e) => [e.before, e.after]),
      [
        [{ dueAt: null }, { dueAt: '2027-05-04T15:00:00.000Z' }],
        [{ dueAt: '2027-05-04T15:00:00.000Z' }, { dueAt: null }],
      ],
    );
  });

  it('freezes the finding fields under review and once approved', async () => {
    for (const id of ['p-review', 'p-approved']) {
      for (const payload of [
        { claimant: 'X' },
        { claimantType: 'Organization' },
        { claimDate: '2024-01-01' },
        { summary: 'S' },
      ]) {
        const response = await patch('dana', id, payload);
        assert.equal(response.statusCode, 403, `${id} ${JSON.stringify(payload)}`);
        assert.equal(fieldOf(response).code, 'field_locked');
        assert.equal(fieldOf(response).field, `/body/${Object.keys(payload)[0]}`);
      }
    }
  });

  it('refuses values out of bounds with 400 naming the field', async () => {
    const cases: [object, string][] = [
      [{ claimDate: '2023-02-29' }, '/body/claimDate'],
      [{ claimDate: '2024-13-01' }, '/body/claimDate'],
      [{ claimDate: '2024-2-1' }, '/body/claimDate'],
      [{ claimDate: '2024-02-01T00:00:00Z' }, '/body/claimDate'],
      [{ claimant: 'x'.repeat(201) }, '/body/claimant'],
      [{ claimant: 'Bad\u0007bell' }, '/body/claimant'],
      [{ summary: 's'.repeat(201) }, '/body/summary'],
      [{ claimantType: 'Robot' }, '/body/claimantType'],
      [{ claimantType: null }, '/body/claimantType'],
      [{ dueAt: 'next week' }, '/body/dueAt'],
      [{ dueAt: '2027-05-04' }, '/body/dueAt'],
    ];
    for (const [payload, field] of cases) {
      const response = await patch('dana', 'p-new', payload);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(fieldOf(response).field, field, JSON.stringify(payload));
    }
    const longest = await patch('casey', 'p-new', {
      claimant: 'x'.repeat(200),
      summary: 's'.repeat(200),
    });
    assert.equal(longest.statusCode, 200, longest.body);
  });

  it('needs If-Match: 428 without it, 412 with the current claim when stale', async () => {
    const missing = await patch('dana', 'p-new', { summary: 'No version' }, null);
    assert.equal(missing.statusCode, 428);
    const { version } = await current('p-new');
    const ok = await patch('casey', 'p-new', { summary: 'First' }, version);
    assert.equal(ok.statusCode, 200);
    const stale = await patch('dana', 'p-new', { dueAt: '2027-01-01T00:00:00Z' }, version);
    assert.equal(stale.statusCode, 412);
    const problem = json<{ current: ClaimSummary }>(stale);
    assert.equal(problem.current.summary, 'First');
    assert.equal(problem.current.dueAt, null, 'the stale due date was not written');
  });
});
