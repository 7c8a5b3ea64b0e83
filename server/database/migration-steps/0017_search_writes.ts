/**
 * Migration 0017: PostgreSQL's search index costs a write less; SQLite has nothing to do.
 * The documents and what search finds stay the same.
 *
 * - The stored tsvector is no longer a generated column: the sync triggers write it, by
 *   claimdesk_search_document(). PostgreSQL reads a generated column's expression back
 *   from the catalog and plans it anew for every statement that writes the table (each
 *   trigger call): about a seventh of a claim PATCH's instructions, for five calls of
 *   to_tsvector. Written by the trigger's own statement, it is planned once per connection.
 * - A new note (or claim, article, evidence) is one search document inserted: its trigger
 *   no longer first runs the UPDATE that finds no document.
 * - The tsvector skips its empty columns (four of a note's five) instead of reading ''
 *   through claimdesk_search_text and to_tsvector; and in UTF-8, claimdesk_search_text
 *   reads ASCII text without calling claimdesk_latin_unaccent, which leaves ASCII as it is.
 *
 * The documents already stored are the ones the new function computes (no part shifts a
 * position when empty; ASCII is read the same), so they are kept as they are.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';
import { COLUMNS, DOCUMENT_FUNCTION, SOURCES, syncFunctionBody } from './search-sources';
import { documentExpression, searchTextFunction, serverIsUtf8 } from './0015_search_parity';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) {
      return;
    }
    const statements = [
      // Elsewhere claimdesk_latin_unaccent translates single bytes that are not ASCII.
      ...((await serverIsUtf8(db))
        ? [await searchTextFunction(db, 'claimdesk_latin_unaccent', { asciiFirst: true })]
        : []),
      // One SQL expression: PostgreSQL inlines it into the statements that call it.
      `create or replace function ${DOCUMENT_FUNCTION}(${COLUMNS.map((c) => `${c} text`).join(', ')})
         returns tsvector language sql immutable parallel safe
         as $$ select ${documentExpression({ skipEmpty: true })} $$`,
      `alter table search_documents alter column document drop expression if exists`,
      ...SOURCES.map(
        (source) =>
          `create or replace function ${syncFunctionBody(source, { writesDocument: true })}`,
      ),
    ];
    for (const statement of statements) {
      await sql.raw(statement).execute(db);
    }
  },
};
