// Each article's claim counts, kept by the database (migration 0013): always what
// grouping the claims themselves gives, whichever path wrote them.
//   node --import tsx --test server/test/article-counts.test.ts
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { type Kysely, Migrator, sql } from 'kysely';
import type { ArticleSummary, ClaimSummary } from '../../src/domain/claim';
import { dropPostgresSchema, openDatabase } from '../database/engine';
import { migrations, migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';
import { Harness, json, SEED_ARTICLE, startApp, testDatabase, withCast } from './harness';

/** Counts by grouping every claim: what the kept counts must always equal. */
async function groupedCounts(db: Kysely<Database>): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('claims')
    .select(['article_id', 'stage', sql<string>`coalesce(verdict, 'none')`.as('verdict')])
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .groupBy(['article_id', 'stage', sql`coalesce(verdict, 'none')`])
    .execute();
  const byArticle = new Map<string, Record<string, number>>();
  for (const row of rows) {
    const entry = byArticle.get(row.article_id) ?? {};
    entry[`stage:${row.stage}`] = (entry[`stage:${row.stage}`] ?? 0) + Number(row.n);
    entry[`verdict:${row.verdict}`] = (entry[`verdict:${row.verdict}`] ?? 0) + Number(row.n);
    byArticle.set(row.article_id, entry);
  }
  return new Map([...byArticle].map(([id, entry]) => [id, canonical(entry)]));
}

function canonical(entry: Record<string, number>): string {
  return JSON.stringify(
    Object.entries(entry)
      .filter(([, n]) => n > 0)
      .sort(([a], [b]) => a.localeCompare(b)),
  );
}

function listedCounts(article: ArticleSummary): string {
  const entry: Record<string, number> = {};
  for (const [stage, n] of Object.entries(article.stageCounts)) entry[`stage:${stage}`] = n;
  for (const [verdict, n] of Object.entries(article.verdictCounts)) entry[`verdict:${verdict}`] = n;
  return canonical(entry);
}

describe('article claim counts', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
    await withCast(h);
  });
  after(() => h.close());

  async function assertListMatchesClaims(when: string): Promise<ArticleSummary> {
    const listed = json<ArticleSummary[]>(await h.as('dana', { url: '/api/articles' }));
    const grouped = await groupedCounts(h.app.db);
    for (const article of listed) {
      assert.equal(
        listedCounts(article),
        grouped.get(article.id) ?? '[]',
        `${when}: ${article.id}`,
      );
    }
    const seed = listed.find((article) => article.id === SEED_ARTICLE);
    assert.ok(seed, 'the seed article is listed');
    return seed;
  }

  it('match the claims after import, creation, workflow actions, verdicts and bulk changes', async () => {
    const imported = await assertListMatchesClaims('after import');
    assert.ok(imported.claimCount > 10);
    const claims = json<ClaimSummary[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    const fresh = claims.filter((claim) => claim.stage === 'new');
    assert.ok(fresh.length >= 4, 'the seed has new claims to work on');

    const start = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${fresh[0].id}/transitions`,
      payload: { action: 'start' },
    });
    assert.equal(start.statusCode, 200, start.body);
    const afterStart = await assertListMatchesClaims('after start');
    assert.equal(afterStart.stageCounts.researching, imported.stageCounts.researching + 1);
    assert.equal(afterStart.stageCounts.new, imported.stageCounts.new - 1);

    const verdict = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${fresh[0].id}`,
      headers: { 'if-match': `"${json<ClaimSummary>(start).version}"` },
      payload: { verdict: 'false' },
    });
    assert.equal(verdict.statusCode, 200, verdict.body);
    const afterVerdict = await assertListMatchesClaims('after a verdict');
    assert.equal(afterVerdict.verdictCounts.false, imported.verdictCounts.false + 1);

    const bulk = await h.as('casey', {
      method: 'POST',
      url: '/api/claims/bulk',
      payload: {
        ids: fresh.slice(1, 4).map((claim) => claim.id),
        op: { type: 'transition', action: 'start' },
      },
    });
    assert.equal(bulk.statusCode, 200, bulk.body);
    await assertListMatchesClaims('after a bulk start');

    const text = json<{ text: string }>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}` }),
    ).text;
    const at = text.indexOf('Speculation remains intense.');
    const created = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${SEED_ARTICLE}/claims`,
      payload: {
        start: at,
        end: at + 27,
        statement: 'Speculation is intense.',
        kind: 'characterisation',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const afterCreate = await assertListMatchesClaims('after a new claim');
    assert.equal(afterCreate.claimCount, imported.claimCount + 1);
  });

  it('stay right when a claim is deleted or moved by any path, even outside the API', async () => {
    const [first] = await h.app.db
      .selectFrom('claims')
      .select(['id'])
      .orderBy('id')
      .limit(1)
      .execute();
    await h.app.db.deleteFrom('history').where('claim_id', '=', first.id).execute();
    await h.app.db.deleteFrom('notes').where('claim_id', '=', first.id).execute();
    await h.app.db.deleteFrom('evidence').where('claim_id', '=', first.id).execute();
    await h.app.db.deleteFrom('suggestions').where('claim_id', '=', first.id).execute();
    await h.app.db.deleteFrom('claims').where('id', '=', first.id).execute();
    await assertListMatchesClaims('after a delete');
    await h.app.db.updateTable('claims').set({ stage: 'approved', verdict: 'true' }).execute();
    const all = await assertListMatchesClaims('after an update of every claim');
    assert.equal(all.stageCounts.approved, all.claimCount);
  });
});

describe('migration 0013', () => {
  it('counts the claims a database already held', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-counts-'));
    const target = testDatabase(dir);
    const db = await openDatabase(target);
    try {
      const migrator = new Migrator({
        db,
        provider: { getMigrations: () => Promise.resolve(migrations) },
        ...(target.engine === 'postgres' ? { migrationTableSchema: target.schema } : {}),
      });
      const before = await migrator.migrateTo('0012_claim_memory');
      assert.equal(before.error, undefined);
      const at = new Date().toISOString();
      await db
        .insertInto('articles')
        .values({
          id: 'a1',
          headline: 'A',
          outlet: null,
          url: null,
          published_at: null,
          language: 'en',
          text: 'One two three.',
          headings: '[]',
          created_at: at,
          updated_at: at,
          created_by: null,
        })
        .execute();
      for (const [id, stage, verdict] of [
        ['c1', 'new', null],
        ['c2', 'new', null],
        ['c3', 'approved', 'false'],
      ] as const) {
        await db
          .insertInto('claims')
          .values({
            id,
            article_id: 'a1',
            quote: 'One',
            start_offset: 0,
            end_offset: 3,
            statement: 'One.',
            kind: 'factual',
            stage,
            verdict,
            rationale: null,
            assignee: null,
            submitted_by: null,
            dismiss_reason: null,
            approved_by: null,
            approved_at: null,
            due_at: null,
            stage_since: at,
            claimant: null,
            claim_date: null,
            summary: null,
            version: 1,
            created_at: at,
            updated_at: at,
            updated_by: null,
          })
          .execute();
      }
      await migrateToLatest(db);
      const counts = await db
        .selectFrom('article_claim_counts')
        .selectAll()
        .where('article_id', '=', 'a1')
        .executeTakeFirstOrThrow();
      assert.equal(Number(counts.stage_new), 2);
      assert.equal(Number(counts.stage_approved), 1);
      assert.equal(Number(counts.verdict_none), 2);
      assert.equal(Number(counts.verdict_false), 1);
      assert.equal(Number(counts.stage_researching), 0);
    } finally {
      await db.destroy();
      rmSync(dir, { recursive: true, force: true });
      if (target.engine === 'postgres' && target.schema) {
        await dropPostgresSchema(target.url, target.schema);
      }
    }
  });
});
