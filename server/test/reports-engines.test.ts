/**
 * What the two engines' report queries must agree on beyond the other report
 * tests (run on both, SQLite and, with TEST_DATABASE_URL, PostgreSQL): SQLite
 * writes the JSON report's bytes itself, PostgreSQL's are JSON.stringify's, so
 * the bytes are compared, with text that each escapes its own way; ClaimReview's
 * "not in the future" reads the clock in TypeScript on both.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleFile } from '../../src/domain/article-file';
import type { ClaimSummary } from '../../src/domain/claim';
import { recordHistory } from '../repositories/history';
import { insertEvidence } from '../repositories/evidence';
import { insertNote } from '../repositories/notes';
import { loadArticleFile } from '../reports/article-export';
import { type Harness, json, SEED_ARTICLE, seedClaims, startApp, withCast } from './harness';

const REPORT = `/api/articles/${SEED_ARTICLE}/report`;

/** Control characters, quotes, backslashes, astral and line-separator characters, markup. */
const AWKWARD =
  'tab\there "quoted" back\\slash \u0001\u001f\u007f nl\ncr\r é 🦘 \u2028\u2029 </script>';

describe('reports on either engine', () => {
  let h: Harness;
  let claims: ClaimSummary[];

  before(async () => {
    h = await startApp();
    await withCast(h);
    claims = await seedClaims(h);
    const [first, second] = claims;
    const at = '2026-01-05T09:00:00.000Z';
    await h.app.db
      .updateTable('claims')
      .set({ statement: AWKWARD, rationale: AWKWARD, summary: AWKWARD })
      .where('id', '=', first.id)
      .execute();
    await insertEvidence(h.app.db, {
      id: 'engines-evidence',
      claimId: first.id,
      url: 'https://example.org/awkward',
      title: AWKWARD,
      publisher: AWKWARD,
      stance: 'supports',
      sourceType: 'secondary',
      quote: AWKWARD,
      archivedUrl: null,
      accessedAt: null,
      createdAt: at,
      createdBy: 'casey',
    });
    await insertNote(h.app.db, {
      id: 'engines-note',
      claimId: first.id,
      author: 'casey',
      authorRole: 'fact_checker',
      text: `${AWKWARD} numbat`,
      createdAt: at,
      deletedAt: null,
      deletedBy: null,
      mentions: [],
    });
    await recordHistory(h.app.db, {
      claimId: first.id,
      articleId: SEED_ARTICLE,
      actor: 'casey',
      action: 'update',
      before: { statement: AWKWARD, n: 1.5 },
      after: { statement: 'plain', n: -2, flag: true },
      note: AWKWARD,
      correction: true,
      at,
    });
    // Approved by the editor it names, but dated next year: not an approval made here.
    await h.setStage(second.id, 'approved', {
      verdict: 'false',
      rationale: 'Checked.',
      approved_by: 'dana',
      approved_at: '2999-01-01T00:00:00.000Z',
    });
    await recordHistory(h.app.db, {
      claimId: second.id,
      articleId: SEED_ARTICLE,
      actor: 'dana',
      action: 'approve',
      before: { stage: 'in_review' },
      after: { stage: 'approved' },
      at: '2999-01-01T00:00:00.000Z',
    });
  });

  after(async () => h.close());

  it('sends the JSON report as JSON.stringify writes the article file, byte for byte', async () => {
    const response = await h.as('casey', { url: `${REPORT}?format=json` });
    assert.equal(response.statusCode, 200);
    const sent = json<ArticleFile>(response);
    const loaded = await loadArticleFile(h.app.db, SEED_ARTICLE);
    assert.equal(response.body, `${JSON.stringify({ ...loaded, report: sent.report })}\n`);
    const claim = sent.claims.find((c) => c.id === claims[0].id);
    assert.equal(claim?.statement, AWKWARD);
    assert.equal(claim?.notes?.at(-1)?.text, `${AWKWARD} numbat`);
    const entry = claim?.history?.at(-1);
    assert.deepEqual(entry, {
      at: '2026-01-05T09:00:00.000Z',
      actor: 'casey',
      action: 'update',
      before: { statement: AWKWARD, n: 1.5 },
      after: { statement: 'plain', n: -2, flag: true },
      changes: [
        { field: 'statement', from: AWKWARD, to: 'plain' },
        { field: 'n', from: 1.5, to: -2 },
        { field: 'flag', from: null, to: true },
      ],
      note: AWKWARD,
      correction: true,
    });
  });

  it('finds the claim with the awkward text by its note, as the table does', async () => {
    const response = await h.as('casey', {
      url: `${REPORT}?format=json&q=${encodeURIComponent('numbat')}`,
    });
    const ids = json<ArticleFile>(response).claims.map((c) => c.id);
    assert.deepEqual(ids, [claims[0].id]);
  });

  it('leaves an approval dated in the future out of ClaimReview', async () => {
    const response = await h.as('casey', { url: `${REPORT}?format=claimreview` });
    assert.equal(response.statusCode, 200);
    assert.match(String(response.headers['x-claimdesk-omitted']), /approved-elsewhere=1/);
    await h.app.db
      .updateTable('history')
      .set({ at: new Date().toISOString() })
      .where('claim_id', '=', claims[1].id)
      .where('action', '=', 'approve')
      .execute();
    const now = await h.as('casey', { url: `${REPORT}?format=claimreview` });
    assert.match(String(now.headers['x-claimdesk-omitted']), /approved-elsewhere=0/);
  });
});
