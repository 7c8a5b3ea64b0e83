/**
 * Migration 0017: PostgreSQL's search document keeps the tsvector of each of its five
 * texts, and a change computes only the texts that changed; SQLite has nothing to do.
 *
 * The stored `document` (0015, 0016) was one generated column over all five texts, and a
 * generated column is computed anew on every UPDATE of its row: a PATCH of a claim's
 * rationale re-read its statement, its quote, its summary and its claimant too (folded,
 * cut into words and stemmed), about three quarters of the search work of that write.
 * Now a BEFORE trigger keeps one tsvector per text (`heading_vector` …), computing on an
 * UPDATE only those whose text differs, and `document` is generated as their
 * concatenation: the same expression as before, term for term (`||` of the same parts
 * in the same order), so what search finds and ranks does not change.
 */
import { type Kysely, type Migration, sql } from 'kysely';
import { isPostgres } from '../engine';

const PG_INDEXED_CHARACTERS = 262_144;

/** Each text of a search document with its weight, in the order of 0015's `document`. */
const PARTS = [
  ['heading', 'A'],
  ['body', 'B'],
  ['summary', 'C'],
  ['rationale', 'D'],
  ['byline', 'D'],
] as const;

/** 0015's tsvector of one text (`row.column`), with claimdesk_search_text as 0016 left it. */
const vector = (text: string, weight: string) =>
  `setweight(to_tsvector('claimdesk_search'::regconfig,
     claimdesk_search_text(left(coalesce(${text}, ''), ${PG_INDEXED_CHARACTERS}))), '${weight}')`;

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    if (!isPostgres(db)) {
      return;
    }
    const statements = [
      `alter table search_documents drop column document`,
      `alter table search_documents ${PARTS.map(
        ([column]) => `add column ${column}_vector tsvector`,
      ).join(', ')}`,
      `update search_documents set ${PARTS.map(
        ([column, weight]) => `${column}_vector = ${vector(column, weight)}`,
      ).join(', ')}`,
      `alter table search_documents ${PARTS.map(
        ([column]) => `alter column ${column}_vector set not null`,
      ).join(', ')}`,
      `create function search_documents_vectors() returns trigger language plpgsql as $$
       begin
         ${PARTS.map(
           ([column, weight]) =>
             `if tg_op = 'INSERT' or new.${column} is distinct from old.${column} then
                new.${column}_vector := ${vector(`new.${column}`, weight)};
              end if;`,
         ).join('\n')}
         return new;
       end $$`,
      // BEFORE triggers run before generated columns are computed.
      `create trigger search_documents_vectors before insert or update on search_documents
       for each row execute function search_documents_vectors()`,
      `alter table search_documents add column document tsvector generated always as (
         ${PARTS.map(([column]) => `${column}_vector`).join(' || ')}) stored`,
      `create index search_documents_document on search_documents using gin (document)`,
    ];
    for (const statement of statements) {
      await sql.raw(statement).execute(db);
    }
  },
};
