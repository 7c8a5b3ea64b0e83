/**
 * Migration 0015: PostgreSQL's search reads text as SQLite's FTS5 does (0011), so that a
 * query finds the same items on both engines. SQLite has nothing to do.
 *
 * FTS5 (`porter unicode61 remove_diacritics 2`) cuts text at every character that is not
 * a letter, a digit or a private-use character, folds case and accents, keeps every word
 * (no stop words) and stems with the original Porter algorithm. PostgreSQL's 'english'
 * configuration did not: it dropped stop words ("the", "who", "a" found nothing, and a
 * phrase matched whatever stop word stood in its place), stemmed with Porter2 ("general"
 * and "generous" apart), kept "example.com", "3.5" and "ministry’s" (in a C locale) as
 * single words, and left non-Latin capitals as they were in a C locale.
 *
 * Now `claimdesk_search_text()` turns a text into what FTS5 sees, one character for one
 * (ts_headline's marks on it fall on the stored text's offsets): accents removed
 * (claimdesk_unaccent), lower case, and every separator a space. The `claimdesk_search`
 * configuration stems the words left with Snowball's original Porter stemmer and no stop
 * words. The stored tsvector is computed anew with both.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';

const PG_INDEXED_CHARACTERS = 262_144;

/** FTS5 unicode61's token characters: letters, numbers and private use (Unicode's L*, N*, Co). */
const TOKEN_CHARACTER = /[\p{L}\p{N}\p{Co}]/u;

/**
 * A bracket expression of every other character but the space (a space for a space is
 * work for nothing), as PostgreSQL's regular expressions write it.
 */
export function separatorClass(): string {
  const escape = (code: number) =>
    code <= 0xffff
      ? `\\u${code.toString(16).padStart(4, '0')}`
      : `\\U${code.toString(16).padStart(8, '0')}`;
  const parts: string[] = [];
  let start = -1;
  const close = (end: number) => {
    parts.push(start === end ? escape(start) : `${escape(start)}-${escape(end)}`);
    start = -1;
  };
  for (let code = 1; code <= 0x10ffff; code += 1) {
    // Surrogates are never characters of a PostgreSQL text.
    const separator =
      code !== 0x20 &&
      (code < 0xd800 || code > 0xdfff) &&
      !TOKEN_CHARACTER.test(String.fromCodePoint(code));
    if (separator && start < 0) {
      start = code;
    } else if (!separator && start >= 0) {
      close(code - 1);
    }
  }
  if (start >= 0) {
    close(0x10ffff);
  }
  return `[${parts.join('')}]`;
}

/** A collation whose lower() folds every script's capitals, where the server has one. */
async function unicodeCollation(db: Kysely<unknown>): Promise<string | undefined> {
  const { rows } = await sql<{ collname: string }>`
    select collname from pg_collation
     where collname in ('und-x-icu', 'C.utf8', 'C.UTF-8', 'en_US.utf8', 'en_US.UTF-8')
       and collencoding in (-1, (select encoding from pg_database where datname = current_database()))
     order by array_position(array['und-x-icu', 'C.utf8', 'C.UTF-8', 'en_US.utf8', 'en_US.UTF-8'], collname::text)
     limit 1`.execute(db);
  return rows[0]?.collname;
}

/**
 * `claimdesk_search_text()`: accents removed by `unaccent`, lower case (only where it keeps
 * the length: ICU writes 'İ' as two characters), every separator a space.
 */
export async function searchTextFunction(db: Kysely<unknown>, unaccent: string): Promise<string> {
  const collation = await unicodeCollation(db);
  const lower = collation ? `lower(folded collate "${collation}")` : 'lower(folded)';
  return `create or replace function claimdesk_search_text(text) returns text
         language plpgsql immutable strict parallel safe as $$
         declare
           folded text := ${unaccent}($1);
           lowered text;
         begin
           if octet_length(folded) = char_length(folded) then
             return regexp_replace(lower(folded collate "C"), '[^0-9a-z ]', ' ', 'g');
           end if;
           lowered := ${lower};
           if char_length(lowered) <> char_length(folded) then
             lowered := folded;
           end if;
           return regexp_replace(lowered, '${separatorClass()}', ' ', 'g');
         end $$`;
}

/** The stored tsvector computed anew (and its index), after claimdesk_search_text changed. */
export function recomputedDocuments(): string[] {
  const vector = (column: string, weight: string) =>
    `setweight(to_tsvector('claimdesk_search'::regconfig,
       claimdesk_search_text(left(coalesce(${column}, ''), ${PG_INDEXED_CHARACTERS}))), '${weight}')`;
  return [
    `alter table search_documents drop column document`,
    `alter table search_documents add column document tsvector generated always as (
       ${vector('heading', 'A')} || ${vector('body', 'B')} || ${vector('summary', 'C')} ||
       ${vector('rationale', 'D')} || ${vector('byline', 'D')}) stored`,
    `create index search_documents_document on search_documents using gin (document)`,
  ];
}

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) {
      return;
    }
    const statements = [
      `create text search dictionary claimdesk_porter (template = snowball, language = porter)`,
      `create text search configuration claimdesk_search (parser = default)`,
      // After claimdesk_search_text only words, words with digits and numbers are left.
      `alter text search configuration claimdesk_search add mapping for
         asciiword, word, numword, asciihword, hword, numhword,
         hword_asciipart, hword_part, hword_numpart with claimdesk_porter`,
      `alter text search configuration claimdesk_search add mapping for
         int, uint, float, sfloat, version with simple`,
      await searchTextFunction(db, 'claimdesk_unaccent'),
      ...recomputedDocuments(),
    ];
    for (const statement of statements) {
      await sql.raw(statement).execute(db);
    }
  },
};
