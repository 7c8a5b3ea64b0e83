/**
 * Migration 0017 makes PostgreSQL's search index cheaper to write (the tsvector written by
 * the sync triggers instead of a generated column, a new row's document inserted at once,
 * empty columns skipped, ASCII read without the accent folding); the documents it stores,
 * and so what search finds, must be the ones 0016 stored.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { Note } from '../../src/domain/claim';
import type { SearchPage } from '../../src/domain/search';
import { isPostgres } from '../database/engine';
import { SOURCES, syncFunctionBody } from '../database/migration-steps/search-sources';
import {
  recomputedDocuments,
  searchTextFunction,
} from '../database/migration-steps/0015_search_parity';
import { migration } from '../database/migration-steps/0017_search_writes';
import { type Harness, json, seedClaims, startApp, withCast } from './harness';

/** Texts whose reading differs by script, accents, case, separators or emptiness. */
const TEXTS = [
  'Plain ASCII: the ministry said 3.5% in 2024 (example.com).',
  'Café déjà vu, naïve Ærøskøbing, Straße, ĳssel',
  'İstanbul ISTANBUL ıi, Ελλάδα ΆΈΉ, йогурт ёлка, Ωmega',
  'e\u0301 combining, 😀 emoji, tab\there, «quotes» — dashes',
  '',
  '   ',
];

/** Every search document as its kind, ref and stored tsvector, in one order. */
async function documents(db: Kysely<unknown>): Promise<string[]> {
  if (!isPostgres(db)) {
    const { rows } = await sql<{ row: string }>`
      select kind || ' ' || ref || ' ' || coalesce(heading, '') || '|' || coalesce(body, '') || '|' ||
        coalesce(summary, '') || '|' || coalesce(rationale, '') || '|' || coalesce(byline, '') as row
      from search_documents order by kind, ref`.execute(db);
    return rows.map((row) => row.row);
  }
  const { rows } = await sql<{ row: string }>`
    select kind || ' ' || ref || ' ' || document::text as row
    from search_documents order by kind collate "C", ref collate "C"`.execute(db);
  return rows.map((row) => row.row);
}

/** Puts back what 0016 left: the search text read with the folding, every column read. */
async function asBefore(db: Kysely<unknown>): Promise<void> {
  const statements = [
    ...SOURCES.map(
      (source) =>
        `create or replace function ${syncFunctionBody(source, { writesDocument: false })}`,
    ),
    await searchTextFunction(db, 'claimdesk_latin_unaccent'),
    ...recomputedDocuments(),
  ];
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

describe('search documents written after migration 0017', () => {
  let h: Harness;
  let db: Kysely<unknown>;
  const search = async (q: string) =>
    json<SearchPage>(await h.as('casey', { url: `/api/search?q=${encodeURIComponent(q)}` }));

  before(async () => {
    h = await startApp();
    await withCast(h);
    db = h.app.db as unknown as Kysely<unknown>;
    const claims = await seedClaims(h);
    // Texts in every column a claim and a note are read from, some left empty or missing.
    for (const [index, text] of TEXTS.entries()) {
      const claim = claims[index % claims.length];
      await h.app.db
        .updateTable('claims')
        .set({
          summary: text,
          rationale: index % 2 === 0 ? null : text,
          claimant: index % 3 === 0 ? text : null,
        })
        .where('id', '=', claim.id)
        .execute();
      if (text.trim() !== '') {
        const added = await h.as('casey', {
          method: 'POST',
          url: `/api/claims/${claim.id}/notes`,
          payload: { text },
        });
        assert.equal(added.statusCode, 201, added.body);
        json<Note>(added);
      }
    }
  });
  after(() => h.close());

  it('stores the same documents as before it, and again when it runs on them', async () => {
    const now = await documents(db);
    assert.ok(now.length > 2 * TEXTS.length, now.join('\n'));
    if (isPostgres(db)) {
      await asBefore(db);
    }
    assert.deepEqual(await documents(db), now);
    await migration.up(db);
    assert.deepEqual(await documents(db), now);
  });

  it('finds a claim by its edited rationale, and no longer by the words it replaced', async () => {
    const claim = (await seedClaims(h))[2];
    const edit = async (rationale: string, version: number) => {
      const patched = await h.as('casey', {
        method: 'PATCH',
        url: `/api/claims/${claim.id}`,
        headers: { 'if-match': `"${version}"` },
        payload: { rationale },
      });
      assert.equal(patched.statusCode, 200, patched.body);
      return json<{ version: number }>(patched).version;
    };
    const found = async (query: string) =>
      (await search(query)).items
        .filter((item) => item.type === 'claim')
        .map((item) => item.claimId);
    const version = await edit('The Øresund toll ledger shows the figure.', claim.version);
    assert.deepEqual(await found('øresund'), [claim.id]);
    await edit('Checked against the Kattegat tide tables.', version);
    assert.deepEqual(await found('kattegat'), [claim.id]);
    assert.deepEqual(await found('øresund'), []);
  });

  it('finds a claim by a new note in any script, and no longer once it is deleted', async () => {
    const claim = (await seedClaims(h))[1];
    const added = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claim.id}/notes`,
      payload: { text: 'Spoke to the Skærbæk harbour office about the ferry tallies.' },
    });
    assert.equal(added.statusCode, 201, added.body);
    const note = json<Note>(added);
    for (const query of ['skærbæk', 'HARBOUR', 'harbour tall*', '"ferry tallies"']) {
      assert.deepEqual(
        (await search(query)).items.map((item) => [item.type, item.noteId, item.claimId]),
        [['note', note.id, claim.id]],
        query,
      );
    }
    const deleted = await h.as('casey', {
      method: 'DELETE',
      url: `/api/claims/${claim.id}/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual((await search('"ferry tallies"')).items, []);
  });
});
