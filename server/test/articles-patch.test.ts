/**
 * Editing and archiving an article: `PATCH /api/articles/:id` for editors and
 * admins under If-Match, its change event, and what archiving does to the
 * article lists (and what it leaves alone).
 */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ArticleDetail, ArticleSummary } from '../../src/domain/claim';
import { updateArticleIfVersion } from '../repositories/articles';
import type { ChangeEvent } from '../repositories/events';
import { type Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const URL = `/api/articles/${SEED_ARTICLE}`;

describe('PATCH /api/articles/:id', () => {
  let h: Harness;
  const published: ChangeEvent[] = [];

  const current = async () => json<ArticleDetail>(await h.as('casey', { url: URL }));
  const patch = (user: string, payload: object, ifMatch?: string, url = URL) =>
    h.as(user, {
      method: 'PATCH',
      url,
      payload,
      headers: ifMatch === undefined ? {} : { 'if-match': ifMatch },
    });
  const listed = async (query = '') =>
    json<ArticleSummary[]>(await h.as('casey', { url: `/api/articles${query}` })).map((a) => a.id);

  before(async () => {
    h = await startApp();
    await withCast(h);
    h.app.changes.subscribe((event) => published.push(event));
  });
  after(() => h.close());
  // On PostgreSQL a write is answered before the feed delivers its event: sync() waits for it.
  beforeEach(async () => {
    await h.app.changes.sync();
    published.length = 0;
  });

  it('changes the metadata for an editor, bumps the version and says so in one event', async () => {
    const before = await current();
    assert.equal(before.archived, false);
    const response = await patch(
      'dana',
      {
        headline: '  Putin   visits\nPyongyang ',
        outlet: 'The Gazette',
        url: 'https://example.org/putin',
        publishedAt: '2024-06-19',
      },
      `"${before.version}"`,
    );
    assert.equal(response.statusCode, 200, response.body);
    const saved = json<ArticleSummary>(response);
    assert.equal(saved.headline, 'Putin visits Pyongyang', 'one line, as the intake stores it');
    assert.equal(saved.outlet, 'The Gazette');
    assert.equal(saved.url, 'https://example.org/putin');
    assert.equal(saved.publishedAt, '2024-06-19');
    assert.equal(saved.version, before.version + 1);
    assert.ok(saved.updatedAt > before.updatedAt);
    assert.equal(response.headers['etag'], `"${saved.version}"`);
    assert.equal(saved.claimCount, before.claimCount, 'the counts come along');

    const after = await current();
    assert.equal(after.headline, 'Putin visits Pyongyang');
    assert.equal(after.text, before.text);

    await h.app.changes.sync();
    assert.deepEqual(
      published.map((e) => [e.type, e.articleId]),
      [['article.updated', SEED_ARTICLE]],
    );
    assert.deepEqual((published[0].data as { article: ArticleSummary }).article, saved);
    const stored = await h.app.db
      .selectFrom('events')
      .select(['type', 'payload'])
      .where('id', '=', published[0].id)
      .executeTakeFirstOrThrow();
    assert.equal(stored.type, 'article.updated');
    assert.equal(
      (JSON.parse(stored.payload) as { article: ArticleSummary }).article.version,
      saved.version,
    );
  });

  it('clears the outlet, link and date with null; an admin may edit too', async () => {
    const { version } = await current();
    const response = await patch(
      'ada',
      { outlet: null, url: null, publishedAt: null },
      `W/"${version}"`,
    );
    assert.equal(response.statusCode, 200, response.body);
    const saved = json<ArticleSummary>(response);
    assert.deepEqual([saved.outlet, saved.url, saved.publishedAt], [null, null, null]);
  });

  it('refuses fact-checkers with 403, whatever the version', async () => {
    const { version } = await current();
    const response = await patch('casey', { headline: 'Mine now' }, `${version}`);
    assert.equal(response.statusCode, 403);
    assert.equal(json<{ code: string }>(response).code, 'role');
    assert.equal((await current()).headline, 'Putin visits Pyongyang');
    await h.app.changes.sync();
    assert.equal(published.length, 0);
  });

  it('needs If-Match: 428 without, 400 when it is not a version', async () => {
    const missing = await patch('dana', { headline: 'No version' });
    assert.equal(missing.statusCode, 428);
    assert.equal(json<{ field: string }>(missing).field, '/headers/if-match');
    const invalid = await patch('dana', { headline: 'No version' }, 'yesterday');
    assert.equal(invalid.statusCode, 400);
    assert.equal(json<{ field: string }>(invalid).field, '/headers/if-match');
  });

  it('answers 412 with the article as it now stands when the version is stale', async () => {
    const { version } = await current();
    const response = await patch('dana', { headline: 'Stale edit' }, `"${version - 1}"`);
    assert.equal(response.statusCode, 412);
    const problem = json<{ code: string; current: ArticleSummary }>(response);
    assert.equal(problem.code, 'stale');
    assert.equal(problem.current.version, version);
    assert.equal(problem.current.headline, 'Putin visits Pyongyang');
    await h.app.changes.sync();
    assert.equal(published.length, 0);
  });

  it('checks the version in the UPDATE itself, so a change in between is never overwritten', async () => {
    const { version } = await current();
    const at = new Date().toISOString();
    assert.equal(
      await updateArticleIfVersion(h.app.db, SEED_ARTICLE, version - 1, { headline: 'Lost' }, at),
      false,
    );
    assert.equal((await current()).headline, 'Putin visits Pyongyang');
    // Two editors at once with the same version: one wins, the other is told.
    const [a, b] = await Promise.all([
      patch('dana', { outlet: 'Dana’s outlet' }, `${version}`),
      patch('eli', { outlet: 'Eli’s outlet' }, `${version}`),
    ]);
    assert.deepEqual([a.statusCode, b.statusCode].sort(), [200, 412]);
    const after = await current();
    assert.equal(after.version, version + 1);
  });

  it('changes nothing, and records nothing, when the values are the same', async () => {
    const before = await current();
    const response = await patch('dana', { headline: before.headline }, `${before.version}`);
    assert.equal(response.statusCode, 200);
    assert.equal(json<ArticleSummary>(response).version, before.version);
    await h.app.changes.sync();
    assert.equal(published.length, 0);
  });

  it('validates the body by the intake’s rules, naming the field', async () => {
    const { version } = await current();
    for (const [payload, field] of [
      [{}, '/body'],
      [{ headline: '' }, '/body/headline'],
      [{ headline: 'x'.repeat(301) }, '/body/headline'],
      [{ headline: '\u200b ' }, '/body/headline'],
      [{ outlet: 'y'.repeat(201) }, '/body/outlet'],
      [{ url: 'javascript:alert(1)' }, '/body/url'],
      [{ url: 'ftp://example.org/file' }, '/body/url'],
      [{ publishedAt: '2023-02-29' }, '/body/publishedAt'],
      [{ publishedAt: '19 June 2024' }, '/body/publishedAt'],
      [{ archived: 'yes' }, '/body/archived'],
      [{ text: 'Rewritten' }, '/body/text'],
    ] as const) {
      const response = await patch('dana', payload, `${version}`);
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.equal(json<{ field: string }>(response).field, field, JSON.stringify(payload));
    }
    assert.equal((await current()).version, version, 'nothing was written');
  });

  it('answers 404 for an unknown article', async () => {
    const response = await patch('dana', { archived: true }, '1', '/api/articles/no-such-article');
    assert.equal(response.statusCode, 404);
  });

  describe('archiving', () => {
    it('takes the article out of the list, keeps it readable, and brings it back', async () => {
      assert.ok((await listed()).includes(SEED_ARTICLE));
      const { version, claimCount } = await current();
      const archived = await patch('dana', { archived: true }, `${version}`);
      assert.equal(archived.statusCode, 200, archived.body);
      assert.equal(json<ArticleSummary>(archived).archived, true);
      await h.app.changes.sync();
      assert.equal(published.at(-1)?.type, 'article.updated');

      assert.ok(!(await listed()).includes(SEED_ARTICLE), 'gone from the list');
      assert.ok(!(await listed('?archived=0')).includes(SEED_ARTICLE));
      const all = json<ArticleSummary[]>(await h.as('casey', { url: '/api/articles?archived=1' }));
      assert.equal(all.find((a) => a.id === SEED_ARTICLE)?.archived, true);

      // Its page still opens (to offer un-archiving), with its claims and reports.
      const page = await current();
      assert.equal(page.archived, true);
      assert.equal(page.claimCount, claimCount, 'nothing deleted');
      const claims = await h.as('casey', { url: `${URL}/claims` });
      assert.equal(claims.statusCode, 200);
      assert.equal((JSON.parse(claims.body) as unknown[]).length, claimCount);
      for (const format of ['md', 'csv', 'html', 'json', 'claimreview']) {
        const report = await h.as('casey', { url: `${URL}/report?format=${format}` });
        assert.equal(report.statusCode, 200, `${format}: ${report.body}`);
      }

      const back = await patch('eli', { archived: false }, `${page.version}`);
      assert.equal(back.statusCode, 200, back.body);
      assert.equal(json<ArticleSummary>(back).archived, false);
      assert.ok((await listed()).includes(SEED_ARTICLE), 'back in the list');
    });

    it('refuses a bad archived parameter by name', async () => {
      for (const query of ['?archived=yes', '?archived=2', '?colour=red']) {
        const response = await h.as('casey', { url: `/api/articles${query}` });
        assert.equal(response.statusCode, 400, query);
        assert.match(json<{ field: string }>(response).field, /^\/querystring\//);
      }
    });
  });
});
