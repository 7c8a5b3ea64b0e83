/**
 * Adopting an earlier check (issue 11): verdict, rationale and evidence copied into the
 * repeat with `adoptedFrom` and a history entry; conflicts and field rules; the repeat
 * still reviewed; ClaimReview's `firstAppearance`; the JSON report round trip.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleFile } from '../../src/domain/article-file';
import type { ArticleSummary, ClaimDetail, HistoryEntry } from '../../src/domain/claim';
import { claimOf, ORIGINAL, type Problem, startWithLaterSpeech } from './claim-memory-fixtures';
import { Harness, json, SEED_ARTICLE } from './harness';

const RATIONALE = 'Estimates of South Korean intelligence, not a count of shells.';

describe('claim memory: adopt', () => {
  let h: Harness;

  const claim = (id: string) => claimOf(h, id);
  const version = async (id: string) => (await claim(id)).version;
  const mark = async (id: string) =>
    h.as('dana', {
      method: 'PUT',
      url: `/api/claims/${id}/repeat-of`,
      payload: { claimId: ORIGINAL },
      headers: { 'if-match': `"${await version(id)}"` },
    });
  const adopt = (id: string, ifMatch: number | null, who = 'dana') =>
    h.as(who, {
      method: 'POST',
      url: `/api/claims/${id}/adopt`,
      headers: {
        'x-claimdesk-request': '1',
        ...(ifMatch === null ? {} : { 'if-match': `"${ifMatch}"` }),
      },
    });
  const act = async (id: string, who: string, action: string) =>
    h.as(who, {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action },
    });

  before(async () => {
    h = await startWithLaterSpeech();
    await h.app.db
      .updateTable('articles')
      .set({ url: 'https://example.org/putin-visit', published_at: '2024-06-17' })
      .where('id', '=', SEED_ARTICLE)
      .execute();
    await h.app.db
      .insertInto('evidence')
      .values(
        ['a', 'b'].map((n) => ({
          id: `ev-${n}`,
          claim_id: ORIGINAL,
          url: `https://example.org/source-${n}`,
          title: `Source ${n}`,
          publisher: 'example.org',
          stance: 'refutes',
          source_type: 'primary',
          quote: null,
          archived_url: null,
          accessed_at: null,
          created_at: `2026-01-01T00:00:0${n === 'a' ? 1 : 2}.000Z`,
          created_by: 'casey',
        })),
      )
      .execute();
  });
  after(() => h.close());

  it('refuses to adopt before the original is approved, and before the claim is a repeat', async () => {
    const notRepeat = await adopt('rep-1', await version('rep-1'));
    assert.equal(notRepeat.statusCode, 409);
    assert.equal(json<Problem>(notRepeat).code, 'not_a_repeat');
    assert.equal(json<Problem>(notRepeat).field, '/body/repeatOf');

    assert.equal((await mark('rep-1')).statusCode, 200);
    const unchecked = await adopt('rep-1', await version('rep-1'));
    assert.equal(unchecked.statusCode, 409);
    assert.equal(json<Problem>(unchecked).code, 'original_not_approved');

    await h.setStage(ORIGINAL, 'approved', {
      verdict: 'mostly_false',
      rationale: RATIONALE,
      approved_by: 'eli',
      approved_at: '2026-01-02T00:00:00.000Z',
    });
  });

  it('needs If-Match (428) and refuses a stale one (412), writing nothing', async () => {
    const none = await adopt('rep-1', null);
    assert.equal(none.statusCode, 428);
    const current = await claim('rep-1');
    const stale = await adopt('rep-1', current.version - 1);
    assert.equal(stale.statusCode, 412);
    const after = await claim('rep-1');
    assert.equal(after.verdict, null);
    assert.equal(after.evidence.length, 0);
  });

  it('copies verdict, rationale and evidence with adoptedFrom, in the history, stage unchanged', async () => {
    const before = await claim('rep-1');
    const response = await adopt('rep-1', before.version);
    assert.equal(response.statusCode, 200, response.body);
    const adopted = json<ClaimDetail>(response);
    assert.equal(adopted.verdict, 'mostly_false');
    assert.equal(adopted.rationale, RATIONALE);
    assert.equal(adopted.stage, 'new');
    assert.equal(adopted.version, before.version + 1);
    assert.equal(response.headers['etag'], `"${adopted.version}"`);
    assert.equal(adopted.evidenceCount, 2);
    assert.deepEqual(
      adopted.evidence.map((e) => [e.url, e.adoptedFrom, e.createdBy]),
      [
        ['https://example.org/source-a', ORIGINAL, 'casey'],
        ['https://example.org/source-b', ORIGINAL, 'casey'],
      ],
    );
    assert.ok(adopted.evidence.every((e) => !e.id.startsWith('ev-')));
    // The original keeps its own.
    assert.ok((await claim(ORIGINAL)).evidence.every((e) => e.adoptedFrom === null));

    const entry = json<HistoryEntry[]>(await h.as('dana', { url: '/api/claims/rep-1/history' })).at(
      -1,
    );
    assert.equal(entry?.action, 'adopt');
    assert.deepEqual(entry?.before, { verdict: null, rationale: null });
    assert.equal(entry?.after?.['adoptedFrom'], ORIGINAL);
    assert.equal(entry?.after?.['verdict'], 'mostly_false');
    assert.deepEqual(entry?.changes, [
      { field: 'verdict', from: null, to: 'mostly_false' },
      { field: 'rationale', from: null, to: RATIONALE },
    ]);
    assert.deepEqual(
      entry?.after?.['adoptedEvidence'],
      adopted.evidence.map((e) => e.id),
    );

    // Adopting again copies no link twice.
    const again = json<ClaimDetail>(await adopt('rep-1', adopted.version));
    assert.equal(again.evidence.length, 2);
  });

  it('follows the field rules: a checker may adopt, not once the claim is in review', async () => {
    assert.equal((await mark('rep-2')).statusCode, 200);
    const byChecker = await adopt('rep-2', await version('rep-2'), 'casey');
    assert.equal(byChecker.statusCode, 200, byChecker.body);

    assert.equal((await mark('rep-3')).statusCode, 200);
    await h.setStage('rep-3', 'in_review', { submitted_by: 'casey' });
    const inReview = await adopt('rep-3', await version('rep-3'));
    assert.equal(inReview.statusCode, 403);
    assert.equal(json<Problem>(inReview).code, 'field_locked');
    assert.equal(json<Problem>(inReview).field, '/body/verdict');
  });

  it('still goes through review, and ClaimReview then names the first appearance', async () => {
    const approveNow = await act('rep-1', 'eli', 'approve');
    assert.equal(approveNow.statusCode, 409);
    assert.equal(json<Problem>(approveNow).code, 'wrong_stage');

    const report = async () =>
      json<{ '@graph': Record<string, unknown>[] }>(
        await h.as('dana', { url: '/api/articles/later-speech/report?format=claimreview' }),
      )['@graph'].filter((node) => node['@type'] === 'ClaimReview');
    assert.equal((await report()).length, 0);

    assert.equal((await act('rep-1', 'casey', 'start')).statusCode, 200);
    assert.equal((await act('rep-1', 'casey', 'submit')).statusCode, 200);
    assert.equal((await act('rep-1', 'dana', 'approve')).statusCode, 200);

    const [review] = await report();
    const item = review?.['itemReviewed'] as Record<string, Record<string, unknown>>;
    assert.equal(item['appearance']?.['headline'], 'A later speech');
    assert.deepEqual(item['firstAppearance'], {
      '@type': 'NewsArticle',
      headline: 'Putin’s visit to North Korea: mutual benefits, symbolism and risks',
      url: 'https://example.org/putin-visit',
      datePublished: '2024-06-17',
    });
    assert.equal(review?.['reviewBody'], RATIONALE);
  });

  it('keeps repeatOf and adoptedFrom through the JSON report and its import', async () => {
    const file = json<ArticleFile>(
      await h.as('dana', { url: '/api/articles/later-speech/report?format=json' }),
    );
    const exported = file.claims.find((c) => c.id === 'rep-1');
    assert.equal(exported?.repeatOf, ORIGINAL);
    assert.ok(exported?.evidence.every((e) => e.adoptedFrom === ORIGINAL));
    assert.equal(file.claims.find((c) => c.id === 'rep-4')?.repeatOf, null);

    const imported = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'file', file, asCopy: true },
    });
    assert.equal(imported.statusCode, 201, imported.body);
    const copyId = json<ArticleSummary>(imported).id;
    const copies = json<ClaimDetail[]>(
      await h.as('dana', { url: `/api/articles/${copyId}/claims` }),
    );
    const copy = copies.find((c) => c.statement === exported?.statement);
    assert.equal(copy?.repeatOf, ORIGINAL);
    assert.equal((await claim(copy?.id ?? '')).evidence[0]?.adoptedFrom, ORIGINAL);
    // One more claim says it repeats the original: rep-1, rep-2, rep-3 and the copies.
    assert.equal((await claim(ORIGINAL)).repeatCount, 6);
  });
});
