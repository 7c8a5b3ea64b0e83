/** `GET /api/search`: ranked full-text search across articles, claims, notes and evidence. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleDetail, ClaimSummary, Evidence, Note } from '../../src/domain/claim';
import type { SearchPage, SearchResult } from '../../src/domain/search';
import { addArticle } from './desk-fixtures';
import { type Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

describe('search across everything', () => {
  let h: Harness;
  let seedClaims: ClaimSummary[];

  const search = async (params: Record<string, string>, as = 'casey') => {
    const response = await h.as(as, {
      url: `/api/search?${new URLSearchParams(params).toString()}`,
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<SearchPage>(response);
  };
  const marked = (result: SearchResult) =>
    result.highlights.map(([start, end]) => result.snippet.slice(start, end));
  const claimBy = (statementPart: string) => {
    const claim = seedClaims.find((c) => c.statement.includes(statementPart));
    assert.ok(claim, statementPart);
    return claim;
  };

  before(async () => {
    h = await startApp();
    await withCast(h);
    seedClaims = json<ClaimSummary[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    await addArticle(h, {
      id: 'grain-report',
      headline: 'Harvest figures for the year',
      claims: [
        {
          id: 'grain-mention',
          statement: 'The ministry published its annual figures.',
          rationale:
            'We compared the ministry’s table with the customs office’s own series, line by ' +
            'line, over ten years of data; the methodology changed twice, in 2015 and in 2019, ' +
            'and the categories were regrouped, which explains most of the difference the ' +
            'article points to. One of the lines concerns grain exports, but it is not what ' +
            'the claim is about, and the numbers there match the other sources closely.',
        },
        { id: 'grain-statement', statement: 'Grain exports doubled, say the grain exporters.' },
        { id: 'cafe-claim', statement: 'The Café Müller in Zürich served 10,000 guests.' },
      ],
    });
  });
  after(() => h.close());

  it('finds the seed claim about artillery shells, highlighted in its snippet', async () => {
    const page = await search({ q: 'artillery shells' });
    const first = page.items[0];
    assert.ok(first, 'a result');
    assert.equal(first.type, 'claim');
    assert.equal(first.claimId, claimBy('artillery shells').id);
    assert.equal(first.articleId, SEED_ARTICLE);
    assert.ok(first.articleHeadline.length > 0);
    assert.ok(
      marked(first).some((text) => /artillery shells/i.test(text)),
      JSON.stringify(first),
    );
    // The article's text holds the words too.
    assert.ok(
      page.items.some((item) => item.type === 'article' && item.articleId === SEED_ARTICLE),
    );
  });

  it('ranks a claim that says the words above one that mentions them in a long rationale', async () => {
    const page = await search({ q: 'grain exports', type: 'claim' });
    assert.deepEqual(
      page.items.map((item) => item.claimId),
      ['grain-statement', 'grain-mention'],
    );
    assert.ok(page.items[0].score > page.items[1].score);
    const mention = page.items[1];
    assert.equal(mention.field, 'rationale');
    assert.deepEqual(marked(mention), ['grain exports']);
    assert.ok(mention.snippet.startsWith('…'), mention.snippet);
  });

  it('stems words: "visited" finds "visit"', async () => {
    const page = await search({ q: 'visited', type: 'claim', limit: '50' });
    const ids = page.items.map((item) => item.claimId);
    assert.ok(ids.includes(claimBy('will visit North Korea').id), JSON.stringify(ids));
    assert.ok(ids.includes(claimBy('first visited North Korea').id));
  });

  it('matches phrases in quotes as phrases', async () => {
    const phrase = await search({ q: '"exports doubled"', type: 'claim' });
    assert.deepEqual(
      phrase.items.map((item) => item.claimId),
      ['grain-statement'],
    );
    const reversed = await search({ q: '"doubled exports"', type: 'claim' });
    assert.deepEqual(reversed.items, []);
  });

  it('matches prefixes', async () => {
    const page = await search({ q: 'artill*', type: 'claim' });
    assert.ok(page.items.some((item) => item.claimId === claimBy('artillery shells').id));
    assert.ok(marked(page.items[0]).some((text) => /^artillery/i.test(text)));
  });

  it('ignores case and accents both ways', async () => {
    for (const q of ['cafe muller zurich', 'CAFÉ MÜLLER', 'Zurich']) {
      const page = await search({ q, type: 'claim' });
      assert.deepEqual(
        page.items.map((item) => item.claimId),
        ['cafe-claim'],
        q,
      );
      assert.ok(marked(page.items[0]).length > 0, q);
    }
    const page = await search({ q: 'muller', type: 'claim' });
    assert.deepEqual(marked(page.items[0]), ['Müller']);
  });

  it('filters by type', async () => {
    const claims = await search({ q: 'artillery', type: 'claim' });
    assert.ok(claims.items.length > 0);
    assert.ok(claims.items.every((item) => item.type === 'claim'));
    const articles = await search({ q: 'artillery', type: 'article' });
    assert.deepEqual(
      articles.items.map((item) => [item.type, item.articleId]),
      [['article', SEED_ARTICLE]],
    );
    assert.equal(articles.items[0].claimId, undefined);
  });

  it('pages with a cursor, every result once', async () => {
    const all = await search({ q: 'north korea', type: 'claim', limit: '50' });
    assert.ok(all.items.length > 12, String(all.items.length));
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: SearchPage = await search({
        q: 'north korea',
        type: 'claim',
        limit: '5',
        ...(cursor ? { cursor } : {}),
      });
      assert.ok(page.items.length <= 5);
      seen.push(...page.items.map((item) => item.claimId ?? ''));
      cursor = page.nextCursor;
    } while (cursor);
    assert.deepEqual(
      seen,
      all.items.map((item) => item.claimId),
    );
  });

  it('treats query syntax as plain words, and refuses bad parameters by name', async () => {
    for (const q of [
      'NEAR(',
      'a OR',
      '"unclosed quote',
      'x:y',
      '^artillery',
      'shells*)',
      'NOT artillery',
    ]) {
      const response = await h.as('casey', {
        url: `/api/search?${new URLSearchParams({ q }).toString()}`,
      });
      assert.equal(response.statusCode, 200, `${q}: ${response.body}`);
    }
    const bad: [string, string][] = [
      ['q=***', '/querystring/q'],
      ['q=-(', '/querystring/q'],
      ['q=', '/querystring/q'],
      ['type=claim', '/querystring/q'],
      ['q=a&type=claims', '/querystring/type'],
      ['q=a&limit=0', '/querystring/limit'],
      ['q=a&cursor=bm90IGEgY3Vyc29y', '/querystring/cursor'],
      ['q=a&archived=yes', '/querystring/archived'],
      ['q=a&sort=score', '/querystring/sort'],
    ];
    for (const [query, field] of bad) {
      const response = await h.as('casey', { url: `/api/search?${query}` });
      assert.equal(response.statusCode, 400, query);
      const problem = json<{ field?: string; detail?: string }>(response);
      assert.ok(
        problem.field === field || (problem.detail ?? '').includes(field.split('/')[2]),
        `${query}: ${response.body}`,
      );
    }
  });

  it('answers every signed-in role, and 401 when signed out', async () => {
    for (const user of ['casey', 'dana', 'ada']) {
      const page = await search({ q: 'artillery' }, user);
      assert.ok(page.items.length > 0, user);
    }
    const response = await h.app.inject({ url: '/api/search?q=artillery' });
    assert.equal(response.statusCode, 401);
  });

  it('stays in step with claim edits', async () => {
    const claim = claimBy('limousine as a gift');
    const patch = async (version: number, payload: object) => {
      const response = await h.as('dana', {
        method: 'PATCH',
        url: `/api/claims/${claim.id}`,
        headers: { 'if-match': `"${version}"` },
        payload,
      });
      assert.equal(response.statusCode, 200, response.body);
      return json<ClaimSummary>(response);
    };
    const first = await patch(claim.version, {
      statement: 'Putin gave Kim a zeppelin.',
      rationale: 'Quokka sightings.',
    });
    assert.deepEqual(
      (await search({ q: 'zeppelin' })).items.map((item) => item.claimId),
      [claim.id],
    );
    assert.equal((await search({ q: 'quokkas' })).items[0]?.field, 'rationale');
    await patch(first.version, { rationale: 'Wombat tracks.' });
    assert.deepEqual((await search({ q: 'quokka' })).items, []);
    assert.deepEqual(
      (await search({ q: 'wombats' })).items.map((item) => item.claimId),
      [claim.id],
    );
  });

  it('finds notes until they are deleted', async () => {
    const claim = claimBy('artillery shells');
    const added = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claim.id}/notes`,
      payload: { text: 'Called the defence attaché about the shipment manifests.' },
    });
    assert.equal(added.statusCode, 201, added.body);
    const note = json<Note>(added);
    const found = await search({ q: 'attache manifests', type: 'note' });
    assert.deepEqual(
      found.items.map((item) => [item.noteId, item.claimId, item.articleId, item.title]),
      [[note.id, claim.id, SEED_ARTICLE, claim.statement]],
    );
    const deleted = await h.as('casey', {
      method: 'DELETE',
      url: `/api/claims/${claim.id}/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual((await search({ q: 'attache manifests' })).items, []);
  });

  it('finds evidence until it is removed', async () => {
    const claim = claimBy('artillery shells');
    const added = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claim.id}/evidence`,
      payload: {
        url: 'https://example.org/munitions',
        title: 'Munitions tracker',
        publisher: 'Conflict Armament Research',
        stance: 'supports',
        sourceType: 'secondary',
      },
    });
    assert.equal(added.statusCode, 201, added.body);
    const evidence = json<Evidence>(added);
    const found = await search({ q: 'armament research' });
    assert.deepEqual(
      found.items.map((item) => [item.type, item.evidenceId, item.claimId, item.field]),
      [['evidence', evidence.id, claim.id, 'publisher']],
    );
    const removed = await h.as('casey', {
      method: 'DELETE',
      url: `/api/claims/${claim.id}/evidence/${evidence.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(removed.statusCode, 204, removed.body);
    assert.deepEqual((await search({ q: 'armament research' })).items, []);
  });

  it('leaves out archived articles unless archived=1', async () => {
    const article = json<ArticleDetail>(await h.as('dana', { url: '/api/articles/grain-report' }));
    const archive = (archived: boolean, version: number) =>
      h.as('dana', {
        method: 'PATCH',
        url: '/api/articles/grain-report',
        headers: { 'if-match': `"${version}"` },
        payload: { archived },
      });
    const archived = await archive(true, article.version);
    assert.equal(archived.statusCode, 200, archived.body);
    assert.deepEqual((await search({ q: 'grain exports' })).items, []);
    const withArchived = await search({ q: 'grain exports', archived: '1' });
    assert.deepEqual(
      withArchived.items.map((item) => item.claimId),
      ['grain-statement', 'grain-mention'],
    );
    const restored = await archive(false, json<ArticleDetail>(archived).version);
    assert.equal(restored.statusCode, 200, restored.body);
    assert.equal((await search({ q: 'grain exports' })).items.length, 2);
  });
});
