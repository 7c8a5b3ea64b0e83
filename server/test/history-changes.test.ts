/**
 * History that says what changed: every entry of a field change carries
 * `changes: [{field, from, to}]`, derived from its stored `before` and `after`
 * (src/domain/history-changes.ts), in the history API and the JSON report
 * alike (on SQLite the report writes it in SQL: the twin is held to the
 * domain function here), through an import of the report, and worded in the
 * Markdown and print reports. Run on both engines.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleFile, ArticleFileHistoryEntry } from '../../src/domain/article-file';
import type { ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import { historyChanges } from '../../src/domain/history-changes';
import { recordHistory } from '../repositories/history';
import { type Harness, json, SEED_ARTICLE, seedClaims, startApp, withCast } from './harness';

describe('history changes', () => {
  let h: Harness;
  let claims: ClaimSummary[];

  before(async () => {
    h = await startApp();
    await withCast(h);
    claims = await seedClaims(h);
  });
  after(() => h.close());

  const ok = async (user: string, options: Parameters<Harness['as']>[1], status = 200) => {
    const response = await h.as(user, options);
    assert.equal(response.statusCode, status, `${options.url}: ${response.body}`);
    return response;
  };
  const history = async (claimId: string) =>
    json<HistoryEntry[]>(await ok('casey', { url: `/api/claims/${claimId}/history` }));
  const report = async (query = 'format=json') =>
    await ok('dana', { url: `/api/articles/${SEED_ARTICLE}/report?${query}` });
  const reportHistory = async (claimId: string) =>
    json<ArticleFile>(await report()).claims.find((c) => c.id === claimId)?.history ?? [];
  const versionOf = async (claimId: string) =>
    json<ClaimSummary>(await ok('casey', { url: `/api/claims/${claimId}` })).version;
  /** A workflow step by `user`. */
  const act = (user: string, claimId: string, action: string) =>
    ok(user, { method: 'POST', url: `/api/claims/${claimId}/transitions`, payload: { action } });
  /** An edit by `user` of the claim as it now stands. */
  const patch = async (user: string, claimId: string, payload: Record<string, unknown>) =>
    ok(user, {
      method: 'PATCH',
      url: `/api/claims/${claimId}`,
      headers: { 'if-match': `"${await versionOf(claimId)}"` },
      payload,
    });

  it('gives each edit and workflow step its fields, from and to', async () => {
    const id = claims[0].id;
    await act('casey', id, 'start');
    await patch('casey', id, {
      verdict: 'mostly_true',
      rationale: 'Two sources agree.',
      claimant: 'The Kremlin',
    });
    await patch('casey', id, { verdict: 'false' });
    await patch('dana', id, { dueAt: '2026-12-10T17:00:00Z' });
    await ok(
      'casey',
      {
        method: 'POST',
        url: `/api/claims/${id}/evidence`,
        payload: {
          url: 'https://example.org/source',
          title: 'A source',
          stance: 'supports',
          sourceType: 'primary',
        },
      },
      201,
    );
    await act('casey', id, 'submit');
    await ok('dana', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'request_changes', note: 'Name the second source.' },
    });

    const entries = await history(id);
    const byAction = (action: string) => entries.filter((e) => e.action === action);
    assert.deepEqual(byAction('start')[0].changes, [
      { field: 'stage', from: 'new', to: 'researching' },
      { field: 'assignee', from: null, to: 'casey' },
    ]);
    assert.deepEqual(
      byAction('update').map((e) => e.changes),
      [
        [
          { field: 'verdict', from: null, to: 'mostly_true' },
          { field: 'rationale', from: null, to: 'Two sources agree.' },
          { field: 'claimant', from: null, to: 'The Kremlin' },
        ],
        [{ field: 'verdict', from: 'mostly_true', to: 'false' }],
        [{ field: 'dueAt', from: null, to: '2026-12-10T17:00:00.000Z' }],
      ],
    );
    assert.deepEqual(byAction('request_changes')[0].changes, [
      { field: 'stage', from: 'in_review', to: 'changes_requested' },
    ]);
    assert.deepEqual(
      byAction('create')
        .concat(byAction('import'))
        .map((e) => e.changes)
        .flat(),
      [],
    );

    const reported = await reportHistory(id);
    assert.deepEqual(
      reported.map((e) => e.changes),
      entries.map((e) => e.changes),
      'the JSON report carries the same changes as the history API',
    );
  });

  it('words the last change field by field in the Markdown and print reports', async () => {
    const id = claims[1].id;
    await act('casey', id, 'start');
    await patch('casey', id, { verdict: 'mostly_false', summary: 'A <b>summary</b> & more' });
    const markdown = (await report('format=md')).body;
    assert.match(markdown, /^- verdict: none → Mostly false$/m);
    assert.match(markdown, /^- summary: none → “A \\<b\\>summary\\<\/b\\> \\& more”$/m);
    const html = (await report('format=html')).body;
    assert.ok(html.includes('<li>verdict: none → Mostly false</li>'), html);
    assert.ok(html.includes('<li>summary: none → “A &lt;b&gt;summary&lt;/b&gt; &amp; more”</li>'));
  });

  it('reads old and imported entries, and the SQL twin agrees with the domain rule', async () => {
    const id = claims[2].id;
    const at = '2026-01-05T09:00:00.000Z';
    const stored: Omit<ArticleFileHistoryEntry, 'at' | 'note' | 'correction'>[] = [
      // Written before `changes` existed: the API only ever stored before and after.
      { actor: 'casey', action: 'update', before: { verdict: null }, after: { verdict: 'true' } },
      {
        actor: 'dana',
        action: 'approve',
        before: { stage: 'in_review', assignee: 'casey', verdict: 'true' },
        after: { stage: 'approved', assignee: 'casey', verdict: 'true' },
      },
      {
        actor: 'dana',
        action: 'dismiss',
        before: { stage: 'new' },
        after: { stage: 'dismissed', reason: 'opinion', batchId: 'b-1' },
      },
      {
        actor: 'casey',
        action: 'evidence_update',
        before: { id: 'e1', stance: 'supports' },
        after: { id: 'e1', stance: 'refutes' },
      },
      // An import of a file's entry: the file's change, provenance left out.
      {
        actor: 'dana',
        action: 'import',
        before: { kind: 'figure', n: 1 },
        after: {
          fileAt: at,
          fileActor: 'someone',
          fileAction: 'update',
          importedVia: ['x'],
          kind: 'event',
          n: 1,
          tags: ['a', 'b'],
          '0': 'numbered',
          'odd key': 'x',
        },
      },
      {
        actor: 'dana',
        action: 'import',
        before: null,
        after: { fileAt: at, fileActor: 'x', fileAction: 'note_add', text: 'no' },
      },
      { actor: 'casey', action: 'update', before: null, after: { statement: 'é "q" \\ 🦘' } },
      { actor: 'casey', action: 'update', before: { n: 1.5 }, after: { n: 1.5, flag: false } },
      { actor: 'casey', action: 'note_add', before: null, after: { id: 'n1', text: 'a note' } },
      { actor: 'casey', action: 'frobnicate', before: null, after: { verdict: 'false' } },
    ];
    for (const entry of stored) {
      await recordHistory(h.app.db, {
        ...entry,
        claimId: id,
        articleId: SEED_ARTICLE,
        before: entry.before as Record<string, unknown> | null,
        after: entry.after as Record<string, unknown> | null,
        at,
      });
    }
    const served = (await history(id)).slice(-stored.length);
    const reported = (await reportHistory(id)).slice(-stored.length);
    served.forEach((entry, index) => {
      assert.deepEqual(entry.changes, historyChanges(entry), `API, entry ${index}`);
      assert.deepEqual(reported[index].changes, entry.changes, `report, entry ${index}`);
    });
    assert.deepEqual(
      served.map((e) => e.changes),
      [
        [{ field: 'verdict', from: null, to: 'true' }],
        [{ field: 'stage', from: 'in_review', to: 'approved' }],
        [
          { field: 'stage', from: 'new', to: 'dismissed' },
          { field: 'reason', from: null, to: 'opinion' },
        ],
        [{ field: 'stance', from: 'supports', to: 'refutes' }],
        [
          { field: 'kind', from: 'figure', to: 'event' },
          { field: 'tags', from: null, to: ['a', 'b'] },
        ],
        [],
        [{ field: 'statement', from: null, to: 'é "q" \\ 🦘' }],
        [{ field: 'flag', from: null, to: false }],
        [],
        [],
      ],
    );
  });

  it('keeps the changes through an import of the JSON report, as a copy too', async () => {
    const target = await startApp({ claimsDir: null });
    try {
      await withCast(target);
      const exported = json<ArticleFile>(await report());
      const edited = exported.claims.find((c) => c.id === claims[0].id);
      const changes = (edited?.history ?? []).filter((e) => (e.changes ?? []).length > 0);
      assert.ok(changes.length >= 4, 'the exported file carries changes');

      // An editor's import is a copy: the file's entries become `import` entries.
      const copied = await target.as('dana', {
        method: 'POST',
        url: '/api/articles',
        payload: { source: 'file', file: exported },
      });
      assert.equal(copied.statusCode, 201, copied.body);
      const again = json<ArticleFile>(
        await target.as('casey', { url: `/api/articles/${SEED_ARTICLE}/report?format=json` }),
      );
      const copy = again.claims.find((c) => c.quote === edited?.quote);
      const fileEntries = (copy?.history ?? []).filter(
        (e) => e.action === 'import' && e.after?.['fileActor'] !== undefined,
      );
      assert.deepEqual(
        fileEntries.map((e) => e.changes),
        (edited?.history ?? []).map((e) => e.changes),
        'each entry of the file says what it changed, as the file did',
      );
    } finally {
      await target.close();
    }
  });
});
