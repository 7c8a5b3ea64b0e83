import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type {
  ArticleDetail,
  ArticleSummary,
  ClaimDetail,
  ClaimSummary,
  Evidence,
  HistoryEntry,
  Note,
} from '../../src/domain/claim';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config';
import { newClaimId } from '../repositories/claim-changes';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

/** The claim id rule of the article file format, read from the schema itself. */
function claimIdRule(): { pattern: RegExp; maxLength: number } {
  const schema = JSON.parse(
    readFileSync(join(PROJECT_ROOT, 'claims', 'article.schema.json'), 'utf8'),
  ) as { $defs: { claim: { properties: { id: { pattern: string; maxLength: number } } } } };
  const { pattern, maxLength } = schema.$defs.claim.properties.id;
  return { pattern: new RegExp(pattern, 'u'), maxLength };
}

describe('articles and claims', () => {
  let h: Harness;
  let claims: ClaimSummary[];
  let article: ArticleDetail;

  before(async () => {
    h = await startApp();
    await withCast(h);
    article = json<ArticleDetail>(await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}` }));
    claims = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
  });
  after(() => h.close());

  it('lists articles with counts per stage and per verdict', async () => {
    const list = json<ArticleSummary[]>(await h.as('casey', { url: '/api/articles' }));
    const seed = list.find((a) => a.id === SEED_ARTICLE);
    assert.ok(seed);
    assert.equal(seed.claimCount, claims.length);
    assert.equal(seed.stageCounts.new, claims.length);
    assert.equal(seed.verdictCounts.none, claims.length);
    assert.equal(seed.outlet, null, 'unknown metadata stays empty');
  });

  it('serves the article text with headings and claims anchored at their offsets', () => {
    assert.ok(article.headings.length >= 5);
    assert.ok(claims.length >= 20);
    for (const claim of claims) {
      assert.equal(article.text.slice(claim.start, claim.end), claim.quote, claim.id);
      assert.equal(claim.version, 1);
      assert.equal(claim.stage, 'new');
    }
    const starts = claims.map((c) => c.start);
    assert.deepEqual(
      starts,
      [...starts].sort((a, b) => a - b),
      'article order',
    );
  });

  it('answers 404 with a problem for an unknown article or claim', async () => {
    for (const url of [
      `/api/articles/nope`,
      `/api/articles/nope/claims`,
      `/api/claims/nope`,
      `/api/claims/nope/history`,
    ]) {
      const response = await h.as('casey', { url });
      assert.equal(response.statusCode, 404, url);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
  });

  it('adds a claim by offsets, taking the quote from the text (editors only)', async () => {
    const start = article.text.indexOf('Speculation remains intense.');
    const body = {
      start,
      end: start + 'Speculation remains intense'.length,
      statement: 'Speculation about the visit is intense.',
      kind: 'characterisation',
    };
    const checker = await h.as('casey', {
      method: 'POST',
      url: `/api/articles/${SEED_ARTICLE}/claims`,
      payload: body,
    });
    assert.equal(checker.statusCode, 403);
    const created = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${SEED_ARTICLE}/claims`,
      payload: body,
    });
    assert.equal(created.statusCode, 201, created.body);
    const claim = json<ClaimSummary>(created);
    assert.equal(claim.quote, 'Speculation remains intense');
    assert.equal(claim.stage, 'new');
    const outside = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${SEED_ARTICLE}/claims`,
      payload: { ...body, start: article.text.length - 2, end: article.text.length + 5 },
    });
    assert.equal(outside.statusCode, 400);
    assert.equal(json<{ field: string }>(outside).field, '/body/end');
    const history = json<HistoryEntry[]>(
      await h.as('dana', { url: `/api/claims/${claim.id}/history` }),
    );
    assert.deepEqual(
      history.map((e) => e.action),
      ['create'],
    );
  });

  it('serves the claim list fresh after every change (the list is cached between changes)', async () => {
    const url = `/api/articles/${SEED_ARTICLE}/claims`;
    const first = json<ClaimSummary[]>(await h.as('casey', { url }));
    const again = await h.as('casey', { url });
    assert.equal(again.headers['content-type'], 'application/json; charset=utf-8');
    assert.deepEqual(json<ClaimSummary[]>(again), first);
    const id = claims[10].id;
    await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/notes`,
      payload: { text: 'Bump the list' },
    });
    const after = json<ClaimSummary[]>(await h.as('casey', { url }));
    assert.equal(after.find((c) => c.id === id)?.noteCount, 1);
  });

  it('needs If-Match to edit: 428 without, 412 with the current claim when stale', async () => {
    const id = claims[0].id;
    const url = `/api/claims/${id}`;
    const missing = await h.as('casey', { method: 'PATCH', url, payload: { verdict: 'false' } });
    assert.equal(missing.statusCode, 428);
    const ok = await h.as('casey', {
      method: 'PATCH',
      url,
      headers: { 'if-match': '"1"' },
      payload: { verdict: 'false', rationale: ' Not so. ' },
    });
    assert.equal(ok.statusCode, 200, ok.body);
    const saved = json<ClaimSummary>(ok);
    assert.equal(saved.version, 2);
    assert.equal(saved.rationale, 'Not so.');
    assert.equal(saved.updatedBy, 'casey');
    const stale = await h.as('robin', {
      method: 'PATCH',
      url,
      headers: { 'if-match': '1' },
      payload: { verdict: 'true' },
    });
    assert.equal(stale.statusCode, 412);
    const problem = json<{ current: ClaimSummary }>(stale);
    assert.equal(problem.current.version, 2);
    assert.equal(problem.current.verdict, 'false');
  });

  it('lets exactly one of two saves with the same version win', async () => {
    const id = claims[1].id;
    const save = (user: string, rationale: string) =>
      h.as(user, {
        method: 'PATCH',
        url: `/api/claims/${id}`,
        headers: { 'if-match': '1' },
        payload: { rationale },
      });
    const results = await Promise.all([save('casey', 'From casey'), save('robin', 'From robin')]);
    const codes = results.map((r) => r.statusCode).sort();
    assert.deepEqual(codes, [200, 412]);
    const detail = json<ClaimDetail>(await h.as('casey', { url: `/api/claims/${id}` }));
    const winner = json<ClaimSummary>(results.find((r) => r.statusCode === 200)!);
    assert.equal(detail.rationale, winner.rationale);
  });

  it('refuses fields a role may not change with 403, and unknown fields with 400', async () => {
    const id = claims[2].id;
    const statement = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': '1' },
      payload: { statement: 'Rewritten by a checker' },
    });
    assert.equal(statement.statusCode, 403);
    assert.equal(json<{ field: string }>(statement).field, '/body/statement');
    const unknown = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': '1' },
      payload: { stage: 'approved' },
    });
    assert.equal(unknown.statusCode, 400);
    assert.equal(json<{ field: string }>(unknown).field, '/body/stage');
    const editor = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': '1' },
      payload: { statement: 'A sharper statement' },
    });
    assert.equal(editor.statusCode, 200);
    const unknownUser = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': '2' },
      payload: { assignee: 'ghost' },
    });
    assert.equal(unknownUser.statusCode, 400);
    assert.equal(json<{ field: string }>(unknownUser).field, '/body/assignee');
  });

  it('freezes the finding while in review', async () => {
    const id = claims[3].id;
    await h.setStage(id, 'in_review');
    const response = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': '1' },
      payload: { verdict: 'true' },
    });
    assert.equal(response.statusCode, 403);
    assert.match(json<{ detail: string }>(response).detail, /request changes first/);
  });

  it('adds, edits and removes evidence; only http and https links', async () => {
    const id = claims[4].id;
    const url = `/api/claims/${id}/evidence`;
    const evil = await h.as('casey', {
      method: 'POST',
      url,
      payload: {
        url: 'javascript:alert(1)',
        title: 'x',
        stance: 'supports',
        sourceType: 'primary',
      },
    });
    assert.equal(evil.statusCode, 400);
    assert.equal(json<{ field: string }>(evil).field, '/body/url');
    assert.equal(
      json<{ detail: string }>(evil).detail,
      '/body/url must be an http:// or https:// link',
    );
    const long = await h.as('casey', {
      method: 'POST',
      url,
      payload: {
        url: `https://example.org/${'a'.repeat(2048)}`,
        title: 'x',
        stance: 'supports',
        sourceType: 'primary',
      },
    });
    assert.equal(long.statusCode, 400);
    const created = await h.as('casey', {
      method: 'POST',
      url,
      payload: {
        url: 'https://www.un.org/securitycouncil/content/sc-res-2270',
        title: 'Resolution 2270',
        stance: 'context',
        sourceType: 'primary',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const evidence = json<Evidence>(created);
    assert.equal(evidence.publisher, 'www.un.org', 'publisher defaults to the host');
    const edited = await h.as('casey', {
      method: 'PATCH',
      url: `${url}/${evidence.id}`,
      payload: { stance: 'refutes', archivedUrl: 'https://web.archive.org/web/2024/x' },
    });
    assert.equal(edited.statusCode, 200);
    assert.equal(json<Evidence>(edited).stance, 'refutes');
    const badArchive = await h.as('casey', {
      method: 'PATCH',
      url: `${url}/${evidence.id}`,
      payload: { archivedUrl: 'ftp://x.org/a' },
    });
    assert.equal(badArchive.statusCode, 400);
    const removed = await h.as('casey', {
      method: 'DELETE',
      url: `${url}/${evidence.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(removed.statusCode, 204);
    const detail = json<ClaimDetail>(await h.as('casey', { url: `/api/claims/${id}` }));
    assert.equal(detail.evidence.length, 0);
    const history = json<HistoryEntry[]>(await h.as('casey', { url: `/api/claims/${id}/history` }));
    assert.deepEqual(
      history.map((e) => e.action),
      ['import', 'evidence_add', 'evidence_update', 'evidence_remove'],
    );
    assert.equal(history[2].before?.['stance'], 'context');
    assert.equal(history[2].after?.['stance'], 'refutes');
  });

  it('keeps note text as plain text and leaves a tombstone on deletion', async () => {
    const id = claims[5].id;
    const html = '<img src=x onerror="alert(1)"> <b>bold</b> & more';
    const created = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/notes`,
      payload: { text: html },
    });
    assert.equal(created.statusCode, 201);
    const note = json<Note>(created);
    assert.equal(note.text, html, 'stored exactly as typed, never interpreted');
    assert.equal(note.authorRole, 'fact_checker');
    const empty = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/notes`,
      payload: { text: '' },
    });
    assert.equal(empty.statusCode, 400);
    const tooLong = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/notes`,
      payload: { text: 'x'.repeat(10001) },
    });
    assert.equal(tooLong.statusCode, 400);
    const otherCheckerDeletes = await h.as('robin', {
      method: 'DELETE',
      url: `/api/claims/${id}/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(otherCheckerDeletes.statusCode, 403);
    const deleted = await h.as('dana', {
      method: 'DELETE',
      url: `/api/claims/${id}/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(deleted.statusCode, 200);
    const detail = json<ClaimDetail>(await h.as('casey', { url: `/api/claims/${id}` }));
    assert.equal(detail.notes.length, 1);
    assert.equal(detail.notes[0].deletedBy, 'dana');
    assert.equal(detail.notes[0].text, '');
    assert.equal(detail.noteCount, 0);
    const history = json<HistoryEntry[]>(await h.as('casey', { url: `/api/claims/${id}/history` }));
    assert.deepEqual(
      history.map((e) => e.action),
      ['import', 'note_add', 'note_delete'],
    );
  });

  it('keeps both of two notes and two evidence links added at the same moment', async () => {
    const id = claims[6].id;
    await Promise.all([
      h.as('casey', { method: 'POST', url: `/api/claims/${id}/notes`, payload: { text: 'first' } }),
      h.as('robin', {
        method: 'POST',
        url: `/api/claims/${id}/notes`,
        payload: { text: 'second' },
      }),
      h.as('casey', {
        method: 'POST',
        url: `/api/claims/${id}/evidence`,
        payload: {
          url: 'https://a.example/1',
          title: 'A',
          stance: 'supports',
          sourceType: 'secondary',
        },
      }),
      h.as('robin', {
        method: 'POST',
        url: `/api/claims/${id}/evidence`,
        payload: {
          url: 'https://b.example/2',
          title: 'B',
          stance: 'refutes',
          sourceType: 'primary',
        },
      }),
    ]);
    const detail = json<ClaimDetail>(await h.as('casey', { url: `/api/claims/${id}` }));
    assert.deepEqual(detail.notes.map((n) => n.text).sort(), ['first', 'second']);
    assert.equal(detail.evidence.length, 2);
    assert.equal(detail.evidenceCount, 2);
  });

  it('makes claim ids the article file format accepts, whatever the article id', () => {
    const rule = claimIdRule();
    for (const articleId of [
      SEED_ARTICLE,
      'aaaaaaaaaaaaaaaaaaaaaaa-bbb', // a hyphen at position 24
      'aaaaaaaaaaaaaaaaaaaaaa--bbb',
      'a'.repeat(100),
      '-leading-and-trailing-',
      'Mixed_Case.and:colons',
      '---',
      '',
    ]) {
      const id = newClaimId(articleId, 7);
      assert.match(id, rule.pattern, `${articleId} -> ${id}`);
      assert.ok(id.length <= rule.maxLength, id);
    }
  });

  it('numbers new claims readably after the article’s words, never cutting a word where it can help it', () => {
    assert.equal(newClaimId('council-raises-parking-fees', 7), 'council-raises-parking-007');
    assert.equal(newClaimId(SEED_ARTICLE, 46), 'putin-north-korea-visit-046');
    assert.equal(newClaimId('a'.repeat(30), 1234), `${'a'.repeat(24)}-1234`);
    assert.equal(newClaimId('---', 1), 'claim-001');
  });

  it('adds a claim to an article whose id puts a hyphen at position 24, and its report imports back', async () => {
    const headline = `${'a'.repeat(23)} bbb claims`;
    const added = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'text', headline, text: 'The minister said the budget doubled in 2024.' },
    });
    assert.equal(added.statusCode, 201, added.body);
    const articleId = json<ArticleSummary>(added).id;
    assert.equal(articleId.charAt(23), '-', articleId);
    const created = await h.as('dana', {
      method: 'POST',
      url: `/api/articles/${articleId}/claims`,
      payload: { start: 4, end: 45, statement: 'The budget doubled in 2024.', kind: 'figure' },
    });
    assert.equal(created.statusCode, 201, created.body);
    const claimId = json<ClaimSummary>(created).id;
    assert.match(claimId, claimIdRule().pattern);
    assert.doesNotMatch(claimId, /--/);

    const report = await h.as('dana', { url: `/api/articles/${articleId}/report?format=json` });
    assert.equal(report.statusCode, 200, report.body);
    const file = json<{ article: { id: string } }>(report);
    file.article.id = `${articleId}-copy`;
    const imported = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'file', file },
    });
    assert.equal(imported.statusCode, 201, imported.body);
  });
});
