/**
 * Migration 0017: on PostgreSQL a search document keeps one tsvector per text and a change
 * computes only the texts that changed; the stored document stays what 0015/0016's single
 * expression over all five texts gives. On both engines search finds a claim by its new
 * rationale and no longer by its old one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { sql } from 'kysely';
import type { SearchPage } from '../../src/domain/search';
import { isPostgres } from '../database/engine';
import { Harness, json, seedClaims, startApp, withCast } from './harness';

/** 0015's document expression over the five texts, computed from scratch. */
const FULL_DOCUMENT = sql.raw(
  [
    ['heading', 'A'],
    ['body', 'B'],
    ['summary', 'C'],
    ['rationale', 'D'],
    ['byline', 'D'],
  ]
    .map(
      ([column, weight]) =>
        `setweight(to_tsvector('claimdesk_search'::regconfig,
           claimdesk_search_text(left(coalesce(${column}, ''), 262144))), '${weight}')`,
    )
    .join(' || '),
);

describe('search documents computed per text', () => {
  let h: Harness;
  const search = async (q: string) =>
    json<SearchPage>(await h.as('casey', { url: `/api/search?q=${encodeURIComponent(q)}` }));

  before(async () => {
    h = await startApp();
    await withCast(h);
  });
  after(() => h.close());

  it('finds a claim by its new rationale, not its old one', async () => {
    const [claim] = await seedClaims(h);
    const patch = (version: number, rationale: string) =>
      h.as('casey', {
        method: 'PATCH',
        url: `/api/claims/${claim.id}`,
        headers: { 'if-match': `"${version}"` },
        payload: { rationale },
      });
    assert.equal((await patch(claim.version, 'Confirmed by the marmoset survey.')).statusCode, 200);
    assert.deepEqual(
      (await search('marmosets')).items.map((item) => item.claimId),
      [claim.id],
    );
    assert.equal(
      (await patch(claim.version + 1, 'Confirmed by the walrus count.')).statusCode,
      200,
    );
    assert.equal((await search('marmosets')).items.length, 0);
    assert.deepEqual(
      (await search('walrus')).items.map((item) => item.claimId),
      [claim.id],
    );
  });

  it('on PostgreSQL stores what the whole expression gives, computing only changed texts', async () => {
    const db = h.app.db;
    if (!isPostgres(db)) {
      // SQLite's FTS5 index is not touched by the migration.
      return;
    }
    const [, claim] = await seedClaims(h);
    const note = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claim.id}/notes`,
      payload: { text: 'Called the ministry’s press office about it.' },
    });
    assert.equal(note.statusCode, 201, note.body);
    const patched = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${claim.id}`,
      headers: { 'if-match': `"${claim.version}"` },
      payload: { statement: 'Café owners say the ministry’s figures are wrong.' },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const differing = await sql<{ kind: string; ref: string }>`
      select kind, ref from search_documents where document <> (${FULL_DOCUMENT})`.execute(db);
    assert.deepEqual(differing.rows, []);

    // A text that did not change is not computed again: its stored part stays as it is.
    await sql`update search_documents set heading_vector = ''::tsvector
      where kind = 'claim' and ref = ${claim.id}`.execute(db);
    const version = json<{ version: number }>(patched).version;
    const again = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${claim.id}`,
      headers: { 'if-match': `"${version}"` },
      payload: { rationale: 'Checked with the statistics office.' },
    });
    assert.equal(again.statusCode, 200, again.body);
    const { rows } = await sql<{ heading: string; rationale: string }>`
      select heading_vector::text as heading, rationale_vector::text as rationale
      from search_documents where kind = 'claim' and ref = ${claim.id}`.execute(db);
    assert.equal(rows[0]?.heading, '');
    assert.match(rows[0]?.rationale ?? '', /'statist'/);
  });
});
