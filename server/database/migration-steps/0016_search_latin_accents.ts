/**
 * Migration 0016: PostgreSQL's search removes the accents of Latin letters only, as SQLite's
 * FTS5 does (`remove_diacritics 2`); SQLite has nothing to do.
 *
 * 0015 read text through claimdesk_unaccent (0011), which drops every combining mark: "й"
 * became "и", "ё" "е" and Greek lost its accents, so "иогурт" found "йогурт" on PostgreSQL
 * and nothing on SQLite. Now a mark is dropped only after a Latin letter; the stored
 * tsvector is computed anew. claimdesk_unaccent itself is unchanged.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';
import { unaccentExpression } from './0011_search';
import { recomputedDocuments, searchTextFunction } from './0015_search_parity';

/** Combining marks (diacritics), as NFD writes them apart from their letter (as 0011). */
const COMBINING_MARKS =
  '[\\u0300-\\u036f\\u1ab0-\\u1aff\\u1dc0-\\u1dff\\u20d0-\\u20ff\\ufe20-\\ufe2f]';
/** Latin letters, the ones NFD leaves before a Latin letter's marks. */
const LATIN_LETTER = '[A-Za-z\\u00c0-\\u024f\\u1e00-\\u1eff]';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) {
      return;
    }
    const { rows } = await sql<{ encoding: string }>`
      select current_setting('server_encoding') as encoding`.execute(db);
    // Outside UTF-8, claimdesk_unaccent translates the accented Latin letters alone already.
    const expression =
      rows[0]?.encoding === 'UTF8'
        ? `case when octet_length($1) = char_length($1) then $1
             else normalize(regexp_replace(normalize($1, NFD),
               '(${LATIN_LETTER})${COMBINING_MARKS}+', '\\1', 'g'), NFC) end`
        : await unaccentExpression(db);
    const statements = [
      `create function claimdesk_latin_unaccent(text) returns text
         language plpgsql immutable strict parallel safe
         as $$ begin return ${expression}; end $$`,
      await searchTextFunction(db, 'claimdesk_latin_unaccent'),
      ...recomputedDocuments(),
    ];
    for (const statement of statements) {
      await sql.raw(statement).execute(db);
    }
  },
};
