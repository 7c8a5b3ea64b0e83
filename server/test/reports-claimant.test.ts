/**
 * The desk's claim fields in every report: who made the claim (claimant and
 * type), when (claim date), its published form (summary), its deadline and
 * time in stage. Markdown, CSV, print HTML, JSON (losslessly, through an
 * admin's restore) and ClaimReview, where the claimant is the claim's author.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { parse } from 'csv-parse/sync';
import MarkdownIt from 'markdown-it';
import type { ArticleFile } from '../../src/domain/article-file';
import type { ClaimSummary } from '../../src/domain/claim';
import { type Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const REPORT = `/api/articles/${SEED_ARTICLE}/report`;
const CLAIMANT = 'Council leader <b>Marion</b> Adebayo';
const SUMMARY = 'The scheme will cost £4m *a year*.';
const OUTLET = 'The Gazette';
const ARTICLE_DATE = '2024-06-19';
const CLAIM_DATE = '2024-06-18';
/** Long enough that a shortened claimReviewed would show. */
const LONG_STATEMENT =
  'Vladimir Putin said that trade between Russia and North Korea rose ninefold in 2023, ' +
  'to the highest level since the Soviet Union collapsed.';

describe('reports carry the claimant, summary, claim date, deadline and time in stage', () => {
  let h: Harness;
  let claims: ClaimSummary[];
  /** withClaimant: approved, every field set; byOutlet: approved, no claimant nor claim date. */
  let ids: Record<'withClaimant' | 'byOutlet' | 'ministry', string>;

  const get = (query: string) => h.as('casey', { url: `${REPORT}?${query}` });
  const ok = async (user: string, method: string, url: string, payload?: object, h2 = {}) => {
    const response = await h.as(user, { method: method as 'POST', url, payload, headers: h2 });
    assert.ok(response.statusCode < 300, `${method} ${url}: ${response.body}`);
    return response;
  };
  /** Researched by casey, approved by dana: an approval ClaimReview publishes. */
  async function approve(id: string, verdict: string): Promise<void> {
    const url = `/api/claims/${id}`;
    await ok('casey', 'POST', `${url}/transitions`, { action: 'start' });
    const { version } = json<ClaimSummary>(await ok('casey', 'GET', url));
    await ok(
      'casey',
      'PATCH',
      url,
      { verdict, rationale: 'Checked.' },
      { 'if-match': `${version}` },
    );
    await ok('casey', 'POST', `${url}/evidence`, {
      url: 'https://example.org/source',
      title: 'A source',
      stance: 'context',
      sourceType: 'secondary',
    });
    await ok('casey', 'POST', `${url}/transitions`, { action: 'submit' });
    await ok('dana', 'POST', `${url}/transitions`, { action: 'approve' });
  }

  before(async () => {
    h = await startApp();
    await withCast(h);
    claims = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    ids = { withClaimant: claims[0].id, byOutlet: claims[1].id, ministry: claims[2].id };
    await h.app.db
      .updateTable('articles')
      .set({ outlet: OUTLET, published_at: ARTICLE_DATE })
      .where('id', '=', SEED_ARTICLE)
      .execute();
    // Set directly: this file checks the reports, not the routes that edit these fields.
    await h.app.db
      .updateTable('claims')
      .set({
        statement: LONG_STATEMENT,
        claimant: CLAIMANT,
        claimant_type: 'Person',
        claim_date: CLAIM_DATE,
        summary: SUMMARY,
      })
      .where('id', '=', ids.withClaimant)
      .execute();
    await h.app.db
      .updateTable('claims')
      .set({
        claimant: 'Ministry of Defence',
        claimant_type: 'Organization',
        due_at: '2020-01-01T09:00:00.000Z',
      })
      .where('id', '=', ids.ministry)
      .execute();
    await approve(ids.withClaimant, 'false');
    await approve(ids.byOutlet, 'true');
  });
  after(() => h.close());

  it('Markdown: summary, claimant with its type, claim date, due date in words, stage start', async () => {
    const body = (await get('format=md')).body;
    const html = new MarkdownIt().render(body);
    assert.doesNotMatch(html, /<b>/, 'the claimant stays text');
    assert.match(html, /Summary:<\/strong> The scheme will cost £4m \*a year\*\./);
    assert.match(
      html,
      /Claimant:<\/strong> Council leader &lt;b&gt;Marion&lt;\/b&gt; Adebayo \(person\)/,
    );
    assert.match(html, /Claim made:<\/strong> 2024-06-18/);
    assert.match(html, /Claimant:<\/strong> Ministry of Defence \(organisation\)/);
    assert.match(html, /Due:<\/strong> 2020-01-01 09:00 UTC \(Overdue by \d+ days\)/);
    assert.match(html, /In this stage since:<\/strong> \d{4}-\d\d-\d\d \d\d:\d\d UTC/);
  });

  it('CSV: a column each', async () => {
    const rows = parse((await get('format=csv')).body, { bom: true, columns: true }) as Record<
      string,
      string
    >[];
    const row = rows.find((r) => r['Claim ID'] === ids.withClaimant);
    assert.equal(row?.['Claimant'], CLAIMANT);
    assert.equal(row?.['Claimant type'], 'Person');
    assert.equal(row?.['Claim date'], CLAIM_DATE);
    assert.equal(row?.['Summary'], SUMMARY);
    assert.match(row?.['In stage since'] ?? '', /^\d{4}-\d\d-\d\dT/);
    const ministry = rows.find((r) => r['Claim ID'] === ids.ministry);
    assert.equal(ministry?.['Claimant type'], 'Organization');
    assert.equal(ministry?.['Due at'], '2020-01-01T09:00:00.000Z');
    assert.equal(rows.find((r) => r['Claim ID'] === ids.byOutlet)?.['Claimant'], '');
  });

  it('print HTML: the same facts, escaped', async () => {
    const body = (await get('format=html')).body;
    assert.ok(
      body.includes(
        '<dt>Claimant</dt><dd>Council leader &lt;b&gt;Marion&lt;/b&gt; Adebayo (person)</dd>',
      ),
    );
    assert.ok(body.includes(`<dt>Summary</dt><dd>${SUMMARY}</dd>`));
    assert.ok(body.includes(`<dt>Claim made</dt><dd>${CLAIM_DATE}</dd>`));
    assert.match(body, /<dt>Due<\/dt><dd>2020-01-01 09:00 UTC \(Overdue by \d+ days\)<\/dd>/);
  });

  it('JSON: every field, and an admin’s restore gives back the same file', async () => {
    const exported = json<ArticleFile>(await get('format=json'));
    const claim = exported.claims.find((c) => c.id === ids.withClaimant);
    assert.equal(claim?.claimant, CLAIMANT);
    assert.equal(claim?.claimantType, 'Person');
    assert.equal(claim?.claimDate, CLAIM_DATE);
    assert.equal(claim?.summary, SUMMARY);
    assert.match(claim?.stageSince ?? '', /^\d{4}-\d\d-\d\dT/);
    assert.equal(
      exported.claims.find((c) => c.id === ids.ministry)?.dueAt,
      '2020-01-01T09:00:00.000Z',
    );

    const target = await startApp({ claimsDir: null });
    try {
      await withCast(target);
      const restored = await target.as('ada', {
        method: 'POST',
        url: '/api/articles',
        payload: { source: 'file', file: exported },
      });
      assert.equal(restored.statusCode, 201, restored.body);
      const again = json<ArticleFile>(await target.as('ada', { url: `${REPORT}?format=json` }));
      // The restore adds one history entry per claim.
      const withoutRestore = {
        ...again,
        claims: again.claims.map((c) => ({ ...c, history: c.history?.slice(0, -1) })),
      };
      assert.deepEqual(
        { ...withoutRestore, report: undefined },
        { ...exported, report: undefined },
      );
    } finally {
      await target.close();
    }
  });

  it('JSON: a restored due date given with an offset is stored in UTC, as the desk sorts it', async () => {
    const exported = json<ArticleFile>(await get('format=json'));
    const file = {
      ...exported,
      claims: exported.claims.map((c) =>
        c.id === ids.ministry
          ? { ...c, dueAt: '2020-01-01T11:00:00+02:00', stageSince: '2019-12-31T23:30:00-01:00' }
          : c,
      ),
    };
    const target = await startApp({ claimsDir: null });
    try {
      await withCast(target);
      const restored = await target.as('ada', {
        method: 'POST',
        url: '/api/articles',
        payload: { source: 'file', file },
      });
      assert.equal(restored.statusCode, 201, restored.body);
      const claim = json<ClaimSummary>(
        await target.as('ada', { url: `/api/claims/${ids.ministry}` }),
      );
      assert.equal(claim.dueAt, '2020-01-01T09:00:00.000Z');
      assert.equal(claim.stageSince, '2020-01-01T00:30:00.000Z');
    } finally {
      await target.close();
    }
  });

  describe('ClaimReview', () => {
    interface Review {
      '@type': string;
      url: string;
      claimReviewed: string;
      itemReviewed: { author?: unknown; datePublished?: string; text: string };
    }
    let reviews: Review[];
    const reviewOf = (id: string) => reviews.find((r) => r.url.endsWith(`#claim-${id}`));

    before(async () => {
      const response = await get('format=claimreview');
      assert.equal(response.statusCode, 200, response.body);
      reviews = (JSON.parse(response.body) as { '@graph': Review[] })['@graph'].filter(
        (node) => node['@type'] === 'ClaimReview',
      );
      assert.equal(reviews.length, 2);
    });

    it('reviews the summary and names the claimant as the author, on the claim’s date', () => {
      const review = reviewOf(ids.withClaimant);
      assert.equal(review?.claimReviewed, SUMMARY);
      assert.equal(review?.itemReviewed.text, LONG_STATEMENT);
      assert.deepEqual(review?.itemReviewed.author, { '@type': 'Person', name: CLAIMANT });
      assert.equal(review?.itemReviewed.datePublished, CLAIM_DATE);
    });

    it('falls back to the whole statement, the outlet and the article’s date', () => {
      const review = reviewOf(ids.byOutlet);
      const statement = claims.find((c) => c.id === ids.byOutlet)?.statement ?? '';
      assert.equal(review?.claimReviewed, statement.replace(/\s+/g, ' ').trim());
      assert.deepEqual(review?.itemReviewed.author, { '@type': 'Organization', name: OUTLET });
      assert.equal(review?.itemReviewed.datePublished, ARTICLE_DATE);
    });
  });
});
