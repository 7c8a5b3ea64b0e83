/** Search on SQLite: FTS5's index (migration 0011), ranked by bm25(), marked by highlight(). */
import { type Kysely, sql } from 'kysely';
import type { Database } from '../database/schema';
import { fts5Query } from './search-query';
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
  type Range,
} from './search-snippet';

type Db = Kysely<Database>;

/** Heading (statement, headline, title) first: it says what the item is. */
const BM25_WEIGHTS = sql.raw('4.0, 2.0, 2.0, 1.0, 1.0');

/**
 * The full-text index drives both queries (CROSS JOIN fixes SQLite's join order): run the
 * other way round, from the documents of the kinds asked for, the planner asks FTS5 for one
 * rowid at a time, each a walk of the term's whole list, and a common word took seconds.
 */
export async function searchSqlite(db: Db, options: SearchOptions): Promise<Hit[]> {
  const match = fts5Query(options.terms);
  const hits = sql`
    select d.id, d.kind, d.ref, d.article_id, d.claim_id, a.headline, a.archived,
           -bm25(search_fts, ${BM25_WEIGHTS}) as score
      from search_fts
      cross join search_documents d on d.id = search_fts.rowid
      cross join articles a on a.id = d.article_id
     where search_fts match ${match}`;
  const after = options.after;
  const afterScore =
    after === undefined
      ? undefined
      : ((
          await sql<{ score: number }>`
            select -bm25(search_fts, ${BM25_WEIGHTS}) as score
              from search_fts
             where search_fts match ${match}
               and search_fts.rowid =
                   (select id from search_documents where kind = ${after.kind} and ref = ${after.ref})`.execute(
            db,
          )
        ).rows[0]?.score ?? after.score);
  const ranked = await rankedPage(hits, options, afterScore, sql``)
    .$castTo<RankedRow & { id: number }>()
    .execute(db);
  if (ranked.rows.length === 0) {
    return [];
  }
  const ids = ranked.rows.slice(0, options.limit).map((row) => row.id);
  const marks = sql.lit(MARK_START);
  const ends = sql.lit(MARK_END);
  const texts = await sql<Record<Column | `m_${Column}`, string | null> & { id: number }>`
    select search_fts.rowid as id,
           ${storedColumns()},
           ${sql.join(
             COLUMNS.map(
               (column, i) =>
                 sql`highlight(search_fts, ${sql.lit(i)}, ${marks}, ${ends}) as ${sql.ref(`m_${column}`)}`,
             ),
           )}
      from search_fts
      cross join search_documents d on d.id = search_fts.rowid
     where search_fts match ${match}
       and search_fts.rowid in (${sql.join(ids)})`.execute(db);
  const byId = new Map(texts.rows.map((row) => [Number(row.id), row]));
  return ranked.rows.map((row) => {
    const stored = byId.get(row.id);
    const text = columnsOf(stored);
    const marked = columnsOf(stored, 'm_');
    const ranges = Object.fromEntries(
      COLUMNS.map((column) => {
        const original = text[column];
        const withMarks = marked[column];
        const found =
          original === null || withMarks === null ? null : markedRanges(original, withMarks);
        return [column, found === null ? [] : joinAcrossSeparators(original ?? '', found)];
      }),
    ) as Record<Column, Range[]>;
    return toHit(row, text, ranges);
  });
}
