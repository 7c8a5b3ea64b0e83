/** `POST /api/match` and `GET /api/claims/:id/similar` on the seed article, both engines. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleDetail, ArticleSummary, ClaimSummary } from '../../src/domain/claim';
import { CHECKED_BEFORE_MIN_SCORE, type MatchResponse } from '../../src/domain/matching';
import { ClaimIndex } from '../matching/claim-index';
import { newMatcher } from '../matching/shared';
import { insertClaim } from '../repositories/claims';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const SHELLS = 'pnk-021';

describe('claim matching', () => {
  let h: Harness;
  let seedHeadline: string;

  const match = async (text: string, limit?: number) => {
    const response = await h.as('casey', {
      method: 'POST',
      url: '/api/match',
      payload: limit === undefined ? { text } : { text, limit },
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<MatchResponse>(response).items;
  };

  /** A claim in the database with no event here, as another process's write looks until the feed brings it. */
  const insertUnseenClaim = (id: string, statement: string, at = new Date().toISOString()) =>
    insertClaim(
      h.app.db,
      {
        id,
        articleId: SEED_ARTICLE,
        quote: 'Putin',
        start: 0,
        end: 5,
        statement,
        kind: 'figure',
        stage: 'new',
        verdict: null,
        rationale: null,
        assignee: null,
      },
      at,
      null,
    );

  before(async () => {
    h = await startApp();
    await withCast(h);
    seedHeadline = json<ArticleDetail>(
      await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}` }),
    ).headline;
  });
  after(() => h.close());

  it('ranks the earlier claim first for a new article that repeats it', async () => {
    const text =
      'Pyongyang has sent close to 5 million artillery shells to Moscow, officials said on Monday.';
    const created = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'text', headline: 'Shells for Moscow', text },
    });
    assert.equal(created.statusCode, 201, created.body);
    const article = json<ArticleSummary>(created);
    // The dialog asks before the new claim exists.
    const items = await match(text);
    assert.equal(items[0].claimId, SHELLS, JSON.stringify(items.slice(0, 3)));
    assert.ok(
      items[0].score >= CHECKED_BEFORE_MIN_SCORE,
      `"Checked before?" shows it: ${items[0].score}`,
    );
    const claim = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${article.id}/claims`,
      payload: {
        start: 0,
        end: text.indexOf(','),
        statement: 'North Korea sent almost five million artillery shells to Russia.',
        kind: 'figure',
      },
    });
    assert.equal(claim.statusCode, 201, claim.body);
    const repeat = json<ClaimSummary>(claim);

    assert.ok(
      (await match(text)).some((item) => item.claimId === repeat.id),
      'the new claim is indexed too',
    );
    const first = items[0];
    assert.equal(first.articleId, SEED_ARTICLE);
    assert.equal(first.articleHeadline, seedHeadline);
    assert.equal(
      first.statement,
      'North Korea has shipped nearly five million artillery shells to Russia.',
    );
    assert.equal(first.stage, 'new');
    assert.equal(first.verdict, null);
    for (const item of items) {
      assert.ok(item.score >= 0 && item.score <= 1, `score ${item.score}`);
    }
    assert.deepEqual(
      items.map((item) => item.score),
      [...items.map((item) => item.score)].sort((a, b) => b - a),
      'best first',
    );

    const similar = await h.as('casey', { url: `/api/claims/${repeat.id}/similar` });
    assert.equal(similar.statusCode, 200, similar.body);
    const similarItems = json<MatchResponse>(similar).items;
    assert.equal(similarItems[0].claimId, SHELLS);
    assert.ok(!similarItems.some((item) => item.claimId === repeat.id), 'never the claim itself');
  });

  it('scores a text that repeats no claim below the "Checked before?" threshold', async () => {
    const items = await match(
      'The museum reopens on Saturday with a new exhibition of Dutch tulips.',
    );
    assert.ok(
      items.every((item) => item.score < CHECKED_BEFORE_MIN_SCORE),
      JSON.stringify(items.map((item) => [item.claimId, item.score])),
    );
  });

  it('leaves the claim itself out of its similar claims, and 404s an unknown claim', async () => {
    const response = await h.as('casey', { url: `/api/claims/${SHELLS}/similar?limit=50` });
    assert.equal(response.statusCode, 200, response.body);
    assert.ok(!json<MatchResponse>(response).items.some((item) => item.claimId === SHELLS));
    const unknown = await h.as('casey', { url: '/api/claims/no-such-claim/similar' });
    assert.equal(unknown.statusCode, 404);
  });

  it('finds a claim whose event has not reached this process yet (written elsewhere)', async () => {
    // As another process's write looks until the feed brings it: in the database, no event here.
    await insertUnseenClaim(
      'elsewhere-1',
      'North Korea shipped nearly five million artillery shells to Russia.',
    );
    const response = await h.as('casey', { url: '/api/claims/elsewhere-1/similar' });
    assert.equal(response.statusCode, 200, response.body);
    const items = json<MatchResponse>(response).items;
    assert.ok(items.some((item) => item.claimId === SHELLS));
    assert.ok(!items.some((item) => item.claimId === 'elsewhere-1'));
  });

  it('keeps to the limit: 10 by default, 1-50, 400 naming the field otherwise', async () => {
    assert.ok((await match('Vladimir Putin visit North Korea')).length <= 10);
    assert.equal((await match('Vladimir Putin visit North Korea', 2)).length, 2);
    const cases: [object, string, string][] = [
      [{ text: 'Putin', limit: 0 }, '', '/body/limit'],
      [{ text: 'Putin', limit: 51 }, '', '/body/limit'],
      [{ text: 'Putin', limit: 'many' }, '', '/body/limit'],
      [{}, '', '/body/text'],
      [{ text: '   ' }, '', '/body/text'],
      [{ text: 'Putin', extra: 1 }, '', '/body/extra'],
      [{ text: 'Putin' }, '?limit=3', '/querystring/limit'],
    ];
    for (const [payload, query, field] of cases) {
      const response = await h.as('casey', { method: 'POST', url: `/api/match${query}`, payload });
      assert.equal(response.statusCode, 400, `${JSON.stringify(payload)} ${response.body}`);
      assert.equal(json<{ field: string }>(response).field, field);
    }
    for (const limit of ['0', '51', 'x']) {
      const response = await h.as('casey', { url: `/api/claims/${SHELLS}/similar?limit=${limit}` });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(json<{ field: string }>(response).field, '/querystring/limit');
    }
    const three = await h.as('casey', { url: `/api/claims/${SHELLS}/similar?limit=3` });
    assert.equal(json<MatchResponse>(three).items.length, 3);
  });

  it('answers any signed-in role, and nobody else', async () => {
    for (const user of ['casey', 'dana', 'ada']) {
      const response = await h.as(user, {
        method: 'POST',
        url: '/api/match',
        payload: { text: 'artillery shells' },
      });
      assert.equal(response.statusCode, 200, `${user}: ${response.body}`);
    }
    const anonymous = await h.app.inject({
      method: 'POST',
      url: '/api/match',
      payload: { text: 'artillery shells' },
    });
    assert.equal(anonymous.statusCode, 401);
    const anonymousSimilar = await h.app.inject({ url: `/api/claims/${SHELLS}/similar` });
    assert.equal(anonymousSimilar.statusCode, 401);
  });

  it('follows edits: a changed statement matches in its new wording, a new headline shows', async () => {
    const text = 'Seoul suspended its military agreement with the North over balloons of rubbish.';
    assert.notEqual((await match(text))[0]?.claimId, 'pnk-001');
    const edited = await h.as('dana', {
      method: 'PATCH',
      url: '/api/claims/pnk-001',
      headers: { 'if-match': '"1"' },
      payload: {
        statement: 'Seoul suspended its military agreement with Pyongyang over rubbish balloons.',
      },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const items = await match(text);
    assert.equal(items[0].claimId, 'pnk-001');
    assert.equal(items[0].statement, json<ClaimSummary>(edited).statement);

    const current = json<ArticleDetail>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}` }),
    );
    const renamed = await h.as('dana', {
      method: 'PATCH',
      url: `/api/articles/${SEED_ARTICLE}`,
      headers: { 'if-match': `"${current.version}"` },
      payload: { headline: 'Putin in Pyongyang' },
    });
    assert.equal(renamed.statusCode, 200, renamed.body);
    assert.equal((await match(text))[0].articleHeadline, 'Putin in Pyongyang');
  });

  it('closes only after the loads under way (an imported article read after its answer)', async () => {
    const index = new ClaimIndex(h.app.db, newMatcher());
    await index.load();
    const loaded = index.size;
    // A claim the index has not seen, then the event an import sends: it names only the
    // article, whose claims the index reads afterwards.
    await insertUnseenClaim(
      'imported-late-1',
      'A claim the index reads after the import was answered.',
    );
    index.apply({
      id: 0,
      at: new Date().toISOString(),
      type: 'article.created',
      articleId: SEED_ARTICLE,
      claimId: null,
      data: {},
    });
    assert.equal(index.size, loaded, 'the read is still under way');
    await index.close();
    assert.equal(index.size, loaded + 1, 'close returned only once the read was indexed');
  });

  it('ranks the earlier of two claims that score the same first, also when indexed from the database at start', async () => {
    // Ids start with the article's name, so the later check has the lower id here.
    const statement = 'The harbour bridge toll rose to 12 euros in 2024, the ferry company says.';
    await insertUnseenClaim('zz-earlier-check', statement, '2024-01-01T00:00:00.000Z');
    await insertUnseenClaim('aa-later-check', statement, '2025-01-01T00:00:00.000Z');
    const index = new ClaimIndex(h.app.db, newMatcher());
    await index.load();
    const [first, second] = await index.match(statement, 2);
    assert.equal(first?.score, second?.score, 'the two claims score the same');
    assert.deepEqual([first?.claimId, second?.claimId], ['zz-earlier-check', 'aa-later-check']);
  });
});
