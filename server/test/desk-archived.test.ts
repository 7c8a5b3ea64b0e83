/** An archived article's claims are read-only: every change answers 409 `archived` and writes nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleDetail, ClaimSummary, Evidence, Note } from '../../src/domain/claim';
import { ARCHIVED_REFUSAL } from '../../src/domain/workflow';
import { setArchived } from './desk-fixtures';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

describe('claims of an archived article', () => {
  let h: Harness;
  let claims: ClaimSummary[];
  let evidence: Evidence;
  let note: Note;
  let article: ArticleDetail;

  /** What a refused change must leave exactly as it was. */
  const snapshot = async () => ({
    claims: await h.app.db.selectFrom('claims').selectAll().orderBy('id').execute(),
    history: await h.app.db
      .selectFrom('history')
      .select(({ fn }) => fn.countAll().as('n'))
      .execute(),
    events: await h.app.db
      .selectFrom('events')
      .select(({ fn }) => fn.countAll().as('n'))
      .execute(),
    evidence: await h.app.db.selectFrom('evidence').selectAll().orderBy('id').execute(),
    notes: await h.app.db.selectFrom('notes').selectAll().orderBy('id').execute(),
    suggestions: await h.app.db.selectFrom('suggestions').selectAll().orderBy('id').execute(),
  });

  before(async () => {
    h = await startApp();
    await withCast(h);
    article = json<ArticleDetail>(await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}` }));
    claims = json<ClaimSummary[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    const added = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claims[0].id}/evidence`,
      payload: {
        url: 'https://example.org/a',
        title: 'A source',
        stance: 'refutes',
        sourceType: 'primary',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    evidence = json<Evidence>(added);
    const noted = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claims[0].id}/notes`,
      payload: { text: 'Called the ministry.' },
    });
    assert.equal(noted.statusCode, 201, noted.body);
    note = json<Note>(noted);
    await setArchived(h, SEED_ARTICLE, true);
  });
  after(() => h.close());

  it('refuses every kind of change with 409 archived, writing nothing', async () => {
    const id = claims[0].id;
    const current = json<ClaimSummary>(await h.as('dana', { url: `/api/claims/${id}` }));
    const version = String(current.version);
    // A suggestion on a span no claim covers, as the suggester would have stored it.
    const start = article.text.indexOf('Speculation remains intense.');
    const suggestionId = 'desk-archived-suggestion';
    await h.app.db
      .insertInto('suggestions')
      .values({
        id: suggestionId,
        article_id: SEED_ARTICLE,
        start_offset: start,
        end_offset: start + 27,
        quote: 'Speculation remains intense',
        score: 0.9,
        reasons: '[]',
        suggested_kind: 'characterisation',
        status: 'open',
        claim_id: null,
        decided_by: null,
        decided_at: null,
        created_at: '2026-01-01T00:00:00.000Z',
      })
      .execute();
    const changes: [string, string, string, unknown, Record<string, string>?][] = [
      ['dana', 'PATCH', `/api/claims/${id}`, { rationale: 'Late edit' }, { 'if-match': version }],
      [
        'dana',
        'PATCH',
        `/api/claims/${id}`,
        { dueAt: '2027-01-01T00:00:00Z' },
        { 'if-match': version },
      ],
      ['casey', 'PATCH', `/api/claims/${id}`, { claimant: 'Someone' }, { 'if-match': version }],
      ['casey', 'POST', `/api/claims/${id}/transitions`, { action: 'start' }],
      ['dana', 'POST', `/api/claims/${id}/transitions`, { action: 'dismiss', reason: 'opinion' }],
      [
        'casey',
        'POST',
        `/api/claims/${id}/evidence`,
        { url: 'https://example.org/b', title: 'B', stance: 'supports', sourceType: 'secondary' },
      ],
      ['casey', 'PATCH', `/api/claims/${id}/evidence/${evidence.id}`, { title: 'Renamed' }],
      ['casey', 'DELETE', `/api/claims/${id}/evidence/${evidence.id}`, undefined],
      ['casey', 'POST', `/api/claims/${id}/notes`, { text: 'Another note' }],
      ['casey', 'DELETE', `/api/claims/${id}/notes/${note.id}`, undefined],
      [
        'dana',
        'POST',
        `/api/articles/${SEED_ARTICLE}/claims`,
        { start, end: start + 11, statement: 'Speculation', kind: 'characterisation' },
      ],
      ['dana', 'POST', `/api/articles/${SEED_ARTICLE}/suggestions/${suggestionId}/accept`, {}],
    ];
    const before = await snapshot();
    for (const [user, method, url, payload, headers] of changes) {
      const response = await h.as(user, {
        method: method as 'POST',
        url,
        ...(payload === undefined ? {} : { payload: payload as object }),
        headers: { 'x-claimdesk-request': '1', ...headers },
      });
      assert.equal(response.statusCode, 409, `${method} ${url}: ${response.body}`);
      const problem = json<{ code: string; detail: string }>(response);
      assert.equal(problem.code, 'archived', url);
      assert.equal(problem.detail, ARCHIVED_REFUSAL.message);
    }
    assert.deepEqual(await snapshot(), before);
  });

  it('still serves the claims to read', async () => {
    const response = await h.as('casey', { url: `/api/claims/${claims[0].id}` });
    assert.equal(response.statusCode, 200);
    assert.equal(
      (await h.as('casey', { url: `/api/claims/${claims[0].id}/history` })).statusCode,
      200,
    );
  });

  it('takes changes again once un-archived', async () => {
    await setArchived(h, SEED_ARTICLE, false);
    const current = json<ClaimSummary>(await h.as('casey', { url: `/api/claims/${claims[0].id}` }));
    const response = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${claims[0].id}`,
      headers: { 'if-match': String(current.version) },
      payload: { claimant: 'Kim Jong Un' },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(json<ClaimSummary>(response).claimant, 'Kim Jong Un');
  });
});
