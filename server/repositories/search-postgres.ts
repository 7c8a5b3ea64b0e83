/**
 * Search on PostgreSQL: the tsvector of migration 0015 (text read as FTS5 reads it, Porter's
 * stemmer, no stop words), ranked by ts_rank_cd(), marked by ts_headline().
 */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema';
import type { SearchTerm } from './search-query';
import {
  type Column,
  COLUMNS,
  columnsOf,
  type Hit,
  type RankedRow,
  rankedPage,
  type SearchOptions,
  storedColumns,
  toHit,
} from './search-ranking';
import {
  joinAcrossSeparators,
  MARK_END,
  MARK_START,
  markedRanges,
  markedRuns,
  type Range,
} from './search-snippet';

type Db = Kysely<Database>;

/** A term as a tsquery over the text as FTS5 reads it: a word FTS5 cuts in two ("e-mail") is a phrase. */
function termQuery(term: SearchTerm) {
  return term.kind === 'prefix'
    ? // Letters and digits only (parseSearchQuery): one lexeme, stemmed as FTS5 stems it.
      sql`to_tsquery('claimdesk_search', '''' || claimdesk_search_text(${term.text}) || ''':*')`
    : sql`phraseto_tsquery('claimdesk_search', claimdesk_search_text(${term.text}))`;
}

/** All terms must match. */
function tsQuery(terms: readonly SearchTerm[]) {
  return sql.join(terms.map(termQuery), sql` && `);
}

/** How many words FTS5 reads in a term's text. */
function wordCount(text: string): number {
  return text
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}\p{Co}]+/u)
    .filter((word) => word !== '').length;
}

/**
 * What ts_headline is asked to mark, and how many words in a row make a match: the
 * single words and prefixes together, each phrase of several words on its own (ts_headline
 * marks a phrase's words wherever they stand; FTS5 only the phrase).
 */
function markGroups(terms: readonly SearchTerm[]) {
  const single = terms.filter((term) => term.kind === 'prefix' || wordCount(term.text) <= 1);
  const phrases = terms.filter((term) => !single.includes(term));
  return [
    ...(single.length > 0 ? [{ query: tsQuery(single), words: 1 }] : []),
    ...phrases.map((term) => ({ query: termQuery(term), words: wordCount(term.text) })),
  ];
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

/** Item ids and kinds compared as bytes, as SQLite compares them, whatever the collation. */
const BYTES = sql`collate "C"`;

export async function searchPostgres(db: Db, options: SearchOptions): Promise<Hit[]> {
  const query = tsQuery(options.terms);
  // ts_rank_cd() is a real: as a double it comes back to the next page unchanged.
  const score = (document: ReturnType<typeof sql>) =>
    sql`ts_rank_cd(${document}, (${query}), 1)::float8`;
  const hits = sql`
    select d.kind, d.ref, d.article_id, d.claim_id, a.headline, a.archived,
           ${score(sql`d.document`)} as score
      from search_documents d
      join articles a on a.id = d.article_id
     where d.document @@ (${query})`;
  const after = options.after;
  const afterScore =
    after === undefined
      ? undefined
      : ((
          await sql<{ score: number }>`
            select ${score(sql`d.document`)} as score
              from search_documents d
             where d.kind = ${after.kind} and d.ref = ${after.ref}
               and d.document @@ (${query})`.execute(db)
        ).rows[0]?.score ?? after.score);
  const ranked = await rankedPage(hits, options, afterScore, BYTES)
    .$castTo<RankedRow>()
    .execute(db);
  const page = ranked.rows.slice(0, options.limit);
  if (page.length === 0) {
    return [];
  }
  const groups = markGroups(options.terms);
  // ts_headline reads the text as the index did, one character for one (migration 0015),
  // so its marks fall on the same offsets of the stored text.
  const texts = await sql<Record<string, string | null> & { kind: string; ref: string }>`
    select d.kind, d.ref,
           ${storedColumns()},
           ${sql.join(
             groups.flatMap((group, g) =>
               COLUMNS.map(
                 (column) =>
                   sql`ts_headline('claimdesk_search', claimdesk_search_text(d.${sql.ref(column)}), ${group.query}, ${HEADLINE_OPTIONS}) as ${sql.ref(`m${g}_${column}`)}`,
               ),
             ),
           )}
      from search_documents d
     where (d.kind, d.ref) in (${sql.join(page.map((row) => sql`(${row.kind}, ${row.ref})`))})`.execute(
    db,
  );
  const byKey = new Map(texts.rows.map((row) => [`${row.kind} ${row.ref}`, row]));
  return ranked.rows.map((row) => {
    const stored = byKey.get(`${row.kind} ${row.ref}`);
    const text = columnsOf(stored);
    const ranges = Object.fromEntries(
      COLUMNS.map((column) => {
        const original = text[column] ?? '';
        const found: Range[] = groups.flatMap((group, g) => {
          const marked = columnsOf(stored, `m${g}_`)[column];
          const marks = marked === null ? null : markedRanges(original, marked);
          return markedRuns(original, marks ?? [])
            .filter((run) => run.marks >= group.words)
            .map((run) => run.range);
        });
        return [column, joinAcrossSeparators(original, found)];
      }),
    ) as Record<Column, Range[]>;
    return toHit(row, text, ranges);
  });
}
