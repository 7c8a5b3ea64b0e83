/** Migration 0011 indexes the rows already there: a database from before search finds them. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { type Kysely, sql } from 'kysely';
import type { SearchPage } from '../../src/domain/search';
import { isPostgres } from '../database/engine';
import { migration } from '../database/migration-steps/0011_search';
import { type Harness, json, startApp, withCast } from './harness';

/** Takes the search index away, as if migration 0011 had never run. */
async function dropSearch(db: Kysely<unknown>): Promise<void> {
  const statements = isPostgres(db)
    ? [
        'drop table search_documents',
        ...['articles', 'claims', 'notes', 'evidence'].map(
          (table) => `drop function search_${table}_sync() cascade`,
        ),
        'drop function claimdesk_unaccent(text)',
      ]
    : [
        'drop table search_fts',
        'drop table search_documents',
        ...(
          await sql<{ name: string }>`select name from sqlite_master
            where type = 'trigger' and name like 'search\\_%' escape '\\'`.execute(db)
        ).rows.map((row) => `drop trigger if exists ${row.name}`),
      ];
  for (const statement of statements) {
    await sql.raw(statement).execute(db);
  }
}

describe('search index built by its migration', () => {
  let h: Harness;
  const search = async (q: string) =>
    json<SearchPage>(await h.as('casey', { url: `/api/search?q=${encodeURIComponent(q)}` }));

  before(async () => {
    h = await startApp();
    await withCast(h);
    const db = h.app.db as unknown as Kysely<unknown>;
    await dropSearch(db);
    await migration.up(db);
  });
  after(() => h.close());

  it('finds what was written before it, and keeps step after', async () => {
    const found = await search('"artillery shells"');
    assert.ok(
      found.items.some((item) => item.type === 'claim'),
      JSON.stringify(found),
    );
    assert.ok(found.items.some((item) => item.type === 'article'));
    await h.app.db
      .updateTable('claims')
      .set({ summary: 'Counted by the marmoset survey.' })
      .where('id', '=', found.items.find((item) => item.type === 'claim')?.claimId ?? '')
      .execute();
    assert.equal((await search('marmosets')).items.length, 1);
  });
});
