/**
 * What an article file may and may not do on import: no forged approvals or
 * actors, ids that stay valid, a copy beside the original, the claim cap,
 * flat history records, and a large file that does not stall the server.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { ArticleFile, ArticleFileClaim } from '../../src/domain/article-file';
import type { ClaimDetail, ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import { largeArticleFile } from '../bench/large-file';
import { PROJECT_ROOT } from '../config';
import { ClaimIndex } from '../matching/claim-index';
import { newMatcher } from '../matching/shared';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const schema = JSON.parse(
  readFileSync(join(PROJECT_ROOT, 'claims', 'article.schema.json'), 'utf8'),
) as object;
const ajv = new Ajv2020({ allErrors: true, strict: false });
addFormats(ajv);
const validateFile = ajv.compile(schema);

interface Created {
  id: string;
  claimCount: number;
  import: {
    mode: string;
    copyOf: string | null;
    claimsReset: number;
    claimsRenamed: number;
    suggestions: number;
  };
}

const post = (h: Harness, user: string, payload: object) =>
  h.as(user, { method: 'POST', url: '/api/articles', payload });

/** One claim that says it was approved by eli, with history and a note by an admin. */
function forgedFile(id: string): ArticleFile {
  const text = 'The minister said unemployment fell to 4% in May.';
  const claim: ArticleFileClaim = {
    id: `${id}-1`,
    quote: 'unemployment fell to 4% in May',
    start: 18,
    end: 48,
    statement: 'Unemployment fell to 4% in May.',
    kind: 'figure',
    stage: 'approved',
    verdict: 'true',
    rationale: 'The statistics office says so.',
    assignee: 'casey',
    submittedBy: 'eli',
    approvedBy: 'eli',
    approvedAt: '2026-01-03T10:00:00.000Z',
    evidence: [
      {
        id: `${id}-ev`,
        url: 'https://stats.example.org/may',
        title: 'Labour market,\nMay',
        publisher: 'Statistics office',
        stance: 'supports',
        sourceType: 'primary',
        createdBy: 'eli',
      },
    ],
    notes: [
      {
        id: `${id}-note`,
        author: 'ada',
        authorRole: 'admin',
        text: 'Approved by the admin.',
        createdAt: '2026-01-03T09:00:00.000Z',
      },
    ],
    history: [
      {
        at: '2026-01-03T10:00:00.000Z',
        actor: 'eli',
        action: 'approve',
        before: { stage: 'in_review' },
        after: { stage: 'approved', restored: true },
        note: 'Looks right.',
        correction: false,
      },
    ],
  };
  return {
    formatVersion: 1,
    article: {
      id,
      headline: 'Unemployment\n  falls #',
      outlet: 'The\nGazette',
      url: null,
      publishedAt: '2026-01-02',
      language: 'en',
      text,
      headings: [],
    },
    claims: [claim],
  };
}

describe('importing a file through the API', () => {
  let h: Harness;

  before(async () => {
    h = await startApp();
    await withCast(h);
  });
  after(() => h.close());

  const history = async (claimId: string) =>
    json<HistoryEntry[]>(await h.as('casey', { url: `/api/claims/${claimId}/history` }));
  const claimReview = (articleId: string) =>
    h.as('casey', { url: `/api/articles/${articleId}/report?format=claimreview` });

  it('records an editor as the actor of everything: the claim starts again as new, the file’s actors are data', async () => {
    const response = await post(h, 'dana', { source: 'file', file: forgedFile('forged') });
    assert.equal(response.statusCode, 201, response.body);
    const created = json<Created>(response);
    assert.deepEqual(created.import, {
      mode: 'import',
      copyOf: null,
      claimsReset: 1,
      claimsRenamed: 0,
      suggestions: created.import.suggestions,
    });
    const claim = json<ClaimDetail>(await h.as('casey', { url: '/api/claims/forged-1' }));
    assert.equal(claim.stage, 'new');
    assert.equal(claim.submittedBy, null);
    assert.equal(claim.assignee, null);
    assert.equal(claim.verdict, 'true', 'the finding is kept as data');
    assert.equal(claim.rationale, 'The statistics office says so.');
    assert.equal(claim.updatedBy, 'dana');
    assert.deepEqual(
      claim.evidence.map((e) => [e.createdBy, e.title]),
      [['dana', 'Labour market, May']],
    );
    assert.deepEqual(
      claim.notes.map((n) => [n.author, n.authorRole]),
      [['dana', 'editor']],
    );
    assert.match(
      claim.notes[0].text,
      /^\[Imported by dana; the file gives it as a note by ada, admin, /,
    );

    const entries = await history('forged-1');
    assert.deepEqual(
      entries.map((e) => [e.actor, e.action]),
      [
        ['dana', 'import'],
        ['dana', 'import'],
      ],
    );
    assert.deepEqual(entries[0].after, {
      fileAt: '2026-01-03T10:00:00.000Z',
      fileActor: 'eli',
      fileAction: 'approve',
      stage: 'approved',
    });
    assert.equal(entries[0].note, 'Looks right.');
    assert.equal(entries[1].after?.['fileStage'], 'approved');
    assert.equal(entries[1].after?.['fileApprovedBy'], 'eli');

    // A single-line field stays on one line.
    const article = json<{ headline: string; outlet: string }>(
      await h.as('casey', { url: '/api/articles/forged' }),
    );
    assert.equal(article.headline, 'Unemployment falls #');
    assert.equal(article.outlet, 'The Gazette');

    const review = await claimReview('forged');
    assert.equal(review.statusCode, 200);
    assert.ok(!review.body.includes('"ClaimReview"'), 'nothing is published');
  });

  it('never publishes an approval that came in with a file, even if the database says approved', async () => {
    await h.setStage('forged-1', 'approved', {
      approved_by: 'eli',
      approved_at: '2026-01-04T00:00:00.000Z',
    });
    // As an import before this fix stored it: the file's approve entry, dated before the import.
    await h.app.db
      .insertInto('history')
      .values({
        claim_id: 'forged-1',
        article_id: 'forged',
        at: '2026-01-03T10:00:00.000Z',
        actor: 'eli',
        action: 'approve',
        before: '{"stage":"in_review"}',
        after: '{"stage":"approved"}',
        note: null,
        correction: 0,
      })
      .execute();
    const review = await claimReview('forged');
    assert.ok(!review.body.includes('"ClaimReview"'));
    assert.equal(
      review.headers['x-claimdesk-omitted'],
      'not-approved=0, no-verdict=0, approved-elsewhere=1',
    );
  });

  it('lets an admin restore a file as it is, saying so in the history, and publishes that approval', async () => {
    const response = await post(h, 'ada', { source: 'file', file: forgedFile('restored') });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(json<Created>(response).import.mode, 'restore');
    const claim = json<ClaimSummary>(await h.as('casey', { url: '/api/claims/restored-1' }));
    assert.equal(claim.stage, 'approved');
    const entries = await history('restored-1');
    assert.deepEqual(
      entries.map((e) => [e.actor, e.action]),
      [
        ['eli', 'approve'],
        ['ada', 'import'],
      ],
    );
    assert.match(String(entries[1].note), /^Restored from a file by ada/);
    const review = await claimReview('restored');
    assert.ok(review.body.includes('"ClaimReview"'), review.body);
  });

  it('gives taken claim ids new ones that fit the schema, and exports a file that validates', async () => {
    const id = `a${'-long'.repeat(19)}`;
    assert.ok(id.length > 90 && id.length <= 100);
    const file = forgedFile(id);
    const taken = { ...file, claims: file.claims.map((c) => ({ ...c, id: 'forged-1' })) };
    const response = await post(h, 'dana', { source: 'file', file: taken });
    assert.equal(response.statusCode, 201, response.body);
    assert.equal(json<Created>(response).import.claimsRenamed, 1);
    const claims = json<ClaimSummary[]>(await h.as('casey', { url: `/api/articles/${id}/claims` }));
    assert.equal(claims.length, 1);
    assert.ok(claims[0].id.length <= 64, claims[0].id);
    assert.match(claims[0].id, /^[a-z0-9]+(-[a-z0-9]+)*$/);
    const report = await h.as('casey', { url: `/api/articles/${id}/report?format=json` });
    assert.ok(validateFile(JSON.parse(report.body)), JSON.stringify(validateFile.errors));
  });

  it('answers 409 for a report of an article here, and imports it as a copy when asked', async () => {
    const exported = JSON.parse(
      (await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/report?format=json` })).body,
    ) as ArticleFile;
    const conflict = await post(h, 'dana', { source: 'file', file: exported });
    assert.equal(conflict.statusCode, 409);
    assert.match(json<{ detail: string }>(conflict).detail, /asCopy/);

    const copy = await post(h, 'dana', { source: 'file', file: exported, asCopy: true });
    assert.equal(copy.statusCode, 201, copy.body);
    const created = json<Created>(copy);
    assert.equal(created.id, `${SEED_ARTICLE}-copy`);
    assert.equal(created.import.copyOf, SEED_ARTICLE);
    assert.equal(created.claimCount, exported.claims.length);
    assert.equal(created.import.claimsRenamed, exported.claims.length);
    const claims = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${created.id}/claims` }),
    );
    assert.ok(claims.every((c) => c.id.startsWith(`${SEED_ARTICLE}-copy-`)));
    const again = await post(h, 'ada', { source: 'file', file: exported, asCopy: true });
    assert.equal(json<Created>(again).id, `${SEED_ARTICLE}-copy-2`);
    assert.equal(json<Created>(again).import.mode, 'import', 'a copy is new work, even an admin’s');
  });

  it('refuses more claims than an article may hold, naming the field', async () => {
    const file = forgedFile('too-many');
    const claims = Array.from({ length: 20_001 }, (_, n) => ({ ...file.claims[0], id: `c-${n}` }));
    const response = await post(h, 'dana', { source: 'file', file: { ...file, claims } });
    assert.equal(response.statusCode, 400, response.body.slice(0, 300));
    assert.equal(json<{ field: string }>(response).field, '/body/file/claims');
  });

  it('refuses history fields that are not flat records of plain values, naming the field', async () => {
    // As JSON text: nesting 999 and 5,000 deep is more than JSON.stringify takes here.
    const nested = (depth: number) => `${'{"a":'.repeat(depth)}"x"${'}'.repeat(depth)}`;
    const text = (value: unknown) => JSON.stringify(value);
    const cases: [string, string][] = [
      [text({ nested: { stage: 'approved' } }), '/body/file/claims/0/history/0/after/nested'],
      [nested(999), '/body/file/claims/0/history/0/after/a'],
      [nested(5000), '/body/file/claims/0/history/0/after/a'],
      [text({ list: [1, 2] }), '/body/file/claims/0/history/0/after/list'],
      [text({ text: 'x'.repeat(10_001) }), '/body/file/claims/0/history/0/after/text'],
      [
        text(Object.fromEntries(Array.from({ length: 65 }, (_, i) => [`k${i}`, i]))),
        '/body/file/claims/0/history/0/after',
      ],
    ];
    for (const [value, field] of cases) {
      const file = forgedFile('deep');
      const payload = JSON.stringify({ source: 'file', file }).replace(
        '"after":{"stage":"approved","restored":true}',
        `"after":${value}`,
      );
      assert.ok(payload.includes(value));
      const response = await h.as('dana', {
        method: 'POST',
        url: '/api/articles',
        headers: { 'content-type': 'application/json' },
        payload,
      });
      assert.equal(response.statusCode, 400, `${field}: ${response.body.slice(0, 300)}`);
      assert.equal(json<{ field: string }>(response).field, field);
    }
  });
});

describe('a large file', () => {
  let h: Harness;

  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
  });
  after(() => h.close());

  it('imports 20,000 claims without stalling other requests for long', async () => {
    const file = largeArticleFile();
    const payload = JSON.stringify({ source: 'file', file });
    assert.ok(Buffer.byteLength(payload) > 4_000_000, 'a body past the old 5 MB limit is near');

    // A timer that should fire every 10 ms: its longest gap is the longest stall.
    let last = performance.now();
    let stall = 0;
    const timer = setInterval(() => {
      const now = performance.now();
      stall = Math.max(stall, now - last);
      last = now;
    }, 10);
    const started = performance.now();
    const response = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      headers: { 'content-type': 'application/json' },
      payload,
    });
    const took = performance.now() - started;
    clearInterval(timer);
    assert.equal(response.statusCode, 201, response.body.slice(0, 300));
    assert.equal(json<Created>(response).claimCount, 20_000);
    console.log(
      `20,000 claims imported in ${took.toFixed(0)} ms, longest stall ${stall.toFixed(0)} ms`,
    );
    // Before: 17.7 s, other requests blocked for up to 6.8 s. The machine is shared and its
    // load swings, so the bounds are generous; the stall is what other users feel.
    assert.ok(took < 60_000, `${took} ms`);
    assert.ok(stall < 3_000, `stalled ${stall} ms`);
  });

  it('reaches the matcher whole, though it reads the claims a page at a time', async () => {
    const index = new ClaimIndex(h.app.db, newMatcher());
    try {
      await index.load();
      const claims = await h.app.db.selectFrom('claims').select('id').execute();
      assert.ok(claims.length >= 20_000);
      assert.equal(index.size, claims.length);
    } finally {
      await index.close();
    }
  });
});
