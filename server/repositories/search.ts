/**
 * Search across every article: one function, one implementation per engine, over the
 * index migration 0011 keeps in step with every write. SQLite ranks with FTS5's bm25(),
 * PostgreSQL with ts_rank_cd(); both stem English words, fold case and accents, and mark
 * the matched words for the snippet (search-snippet.ts).
 */
import { type Kysely, sql } from 'kysely';
import type { SearchField, SearchResult, SearchType } from '../../src/domain/search';
import { isPostgres } from '../database/engine';
import type { Database } from '../database/schema';
import { fts5Query, type SearchTerm } from './search-query';
import { MARK_END, MARK_START, cutSnippet, markedRanges } from './search-snippet';

type Db = Kysely<Database>;

export interface SearchOptions {
  /** At least one (parseSearchQuery). */
  readonly terms: readonly SearchTerm[];
  readonly types: readonly SearchType[];
  /** Include the items of archived articles. */
  readonly archived: boolean;
  readonly limit: number;
  readonly offset: number;
}

export interface SearchAnswer {
  readonly items: SearchResult[];
  /** More results follow this page. */
  readonly more: boolean;
}

const COLUMNS = ['heading', 'body', 'summary', 'rationale', 'byline'] as const;
type Column = (typeof COLUMNS)[number];

/** Each kind's words for the index columns it fills (migration 0011). */
const FIELDS: Record<SearchType, Partial<Record<Column, SearchField>>> = {
  article: { heading: 'headline', body: 'text' },
  claim: {
    heading: 'statement',
    body: 'quote',
    summary: 'summary',
    rationale: 'rationale',
    byline: 'claimant',
  },
  note: { body: 'text' },
  evidence: { heading: 'title', body: 'quote', byline: 'publisher' },
};

/** A match, ranked: which item, and its columns as stored and as the engine marked them. */
interface Hit {
  readonly kind: SearchType;
  readonly ref: string;
  readonly articleId: string;
  readonly claimId: string | null;
  readonly headline: string;
  readonly score: number;
  readonly text: Record<Column, string | null>;
  readonly marked: Record<Column, string | null>;
}

export async function searchEverything(db: Db, options: SearchOptions): Promise<SearchAnswer> {
  if (options.terms.length === 0 || options.types.length === 0) {
    return { items: [], more: false };
  }
  const hits = await (isPostgres(db) ? searchPostgres(db, options) : searchSqlite(db, options));
  const page = hits.slice(0, options.limit);
  const statements = await claimStatements(
    db,
    page.filter((hit) => hit.kind === 'note').map((hit) => hit.claimId ?? ''),
  );
  return {
    items: page.map((hit) => toResult(hit, statements)),
    more: hits.length > options.limit,
  };
}

/** A ranked document, as both engines' first query answers it. */
interface RankedRow {
  readonly kind: SearchType;
  readonly ref: string;
  readonly article_id: string;
  readonly claim_id: string | null;
  readonly headline: string;
  readonly score: number;
}

/** The end of both engines' ranking query: the kinds asked for, archived or not, one page. */
function kindsAndPage(options: SearchOptions) {
  const kinds = sql.join(options.types.map((type) => sql.lit(type)));
  return sql`and d.kind in (${kinds})
       ${options.archived ? sql`` : sql`and a.archived = 0`}
     order by score desc, d.kind, d.ref
     limit ${options.limit + 1} offset ${options.offset}`;
}

/** The stored text of every column, for the second query of both engines. */
const storedColumns = () => sql.join(COLUMNS.map((column) => sql`d.${sql.ref(column)}`));

function toHit(row: RankedRow, stored: Partial<Record<string, unknown>> | undefined): Hit {
  return {
    kind: row.kind,
    ref: row.ref,
    articleId: row.article_id,
    claimId: row.claim_id,
    headline: row.headline,
    score: Number(row.score),
    text: columnsOf(stored, ''),
    marked: columnsOf(stored, 'm_'),
  };
}

/** Heading (statement, headline, title) first: it says what the item is. */
const BM25_WEIGHTS = sql.raw('4.0, 2.0, 2.0, 1.0, 1.0');

/**
 * The full-text index drives both queries (CROSS JOIN fixes SQLite's join order): run the
 * other way round, from the documents of the kinds asked for, the planner asks FTS5 for one
 * rowid at a time, each a walk of the term's whole list, and a common word took seconds.
 */
async function searchSqlite(db: Db, options: SearchOptions): Promise<Hit[]> {
  const match = fts5Query(options.terms);
  const ranked = await sql<RankedRow & { id: number }>`
    select d.id, d.kind, d.ref, d.article_id, d.claim_id, a.headline,
           -bm25(search_fts, ${BM25_WEIGHTS}) as score
      from search_fts
      cross join search_documents d on d.id = search_fts.rowid
      cross join articles a on a.id = d.article_id
     where search_fts match ${match}
       ${kindsAndPage(options)}`.execute(db);
  if (ranked.rows.length === 0) {
    return [];
  }
  const ids = ranked.rows.map((row) => row.id);
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
  return ranked.rows.map((row) => toHit(row, byId.get(row.id)));
}

/** Each term as a tsquery, its accents folded as the index's were; all must match. */
function tsQuery(terms: readonly SearchTerm[]) {
  return sql.join(
    terms.map((term) => {
      switch (term.kind) {
        case 'word':
          return sql`plainto_tsquery('english', claimdesk_unaccent(${term.text}))`;
        case 'phrase':
          return sql`phraseto_tsquery('english', claimdesk_unaccent(${term.text}))`;
        case 'prefix': {
          // Letters and digits only (parseSearchQuery), so quoting makes it one lexeme.
          // Stemmed (`visite*` finds "visit"), or as typed when stemming drops it (`the*`).
          const lexeme = `'${term.text}':*`;
          return sql`(to_tsquery('english', claimdesk_unaccent(${lexeme})) || to_tsquery('simple', claimdesk_unaccent(${lexeme})))`;
        }
      }
    }),
    sql` && `,
  );
}

const HEADLINE_OPTIONS = `StartSel=${MARK_START}, StopSel=${MARK_END}, HighlightAll=true`;

async function searchPostgres(db: Db, options: SearchOptions): Promise<Hit[]> {
  const query = tsQuery(options.terms);
  const ranked = await sql<RankedRow>`
    with q as (select ${query} as query)
    select d.kind, d.ref, d.article_id, d.claim_id, a.headline,
           ts_rank_cd(d.document, q.query, 1) as score
      from q
      cross join search_documents d
      join articles a on a.id = d.article_id
     where d.document @@ q.query
       ${kindsAndPage(options)}`.execute(db);
  if (ranked.rows.length === 0) {
    return [];
  }
  // ts_headline reads the unaccented text (the index's words), one character for one,
  // so its marks fall on the same offsets of the stored text.
  const texts = await sql<
    Record<Column | `m_${Column}`, string | null> & { kind: string; ref: string }
  >`
    with q as (select ${query} as query)
    select d.kind, d.ref,
           ${storedColumns()},
           ${sql.join(
             COLUMNS.map(
               (column) =>
                 sql`ts_headline('english', claimdesk_unaccent(d.${sql.ref(column)}), q.query, ${HEADLINE_OPTIONS}) as ${sql.ref(`m_${column}`)}`,
             ),
           )}
      from q
      cross join search_documents d
     where (d.kind, d.ref) in (${sql.join(ranked.rows.map((row) => sql`(${row.kind}, ${row.ref})`))})`.execute(
    db,
  );
  const byKey = new Map(texts.rows.map((row) => [`${row.kind} ${row.ref}`, row]));
  return ranked.rows.map((row) => toHit(row, byKey.get(`${row.kind} ${row.ref}`)));
}

function columnsOf(
  row: Partial<Record<string, unknown>> | undefined,
  prefix: '' | 'm_',
): Record<Column, string | null> {
  return Object.fromEntries(
    COLUMNS.map((column) => {
      const value = row?.[`${prefix}${column}`];
      return [column, typeof value === 'string' ? value : null];
    }),
  ) as Record<Column, string | null>;
}

async function claimStatements(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('claims')
    .select(['id', 'statement'])
    .where('id', 'in', [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.statement]));
}

/** The snippet comes from the column with the most marked text, the heading first on a tie. */
function toResult(hit: Hit, statements: ReadonlyMap<string, string>): SearchResult {
  const fields = FIELDS[hit.kind];
  let best: { column: Column; ranges: [number, number][]; marked: number } | undefined;
  for (const column of COLUMNS) {
    const text = hit.text[column];
    const marked = hit.marked[column];
    if (fields[column] === undefined || text === null || marked === null) {
      continue;
    }
    const ranges = markedRanges(text, marked) ?? [];
    const length = ranges.reduce((sum, [start, end]) => sum + end - start, 0);
    if (best === undefined || length > best.marked) {
      best = { column, ranges, marked: length };
    }
  }
  const column = best?.column ?? (hit.text.body !== null ? 'body' : 'heading');
  const { snippet, highlights } = cutSnippet(hit.text[column] ?? '', best?.ranges ?? []);
  const title =
    hit.kind === 'note'
      ? (statements.get(hit.claimId ?? '') ?? '')
      : (hit.text.heading ?? hit.headline);
  return {
    type: hit.kind,
    articleId: hit.articleId,
    articleHeadline: hit.headline,
    ...(hit.claimId !== null ? { claimId: hit.claimId } : {}),
    ...(hit.kind === 'note' ? { noteId: hit.ref } : {}),
    ...(hit.kind === 'evidence' ? { evidenceId: hit.ref } : {}),
    title,
    field: fields[column] ?? 'text',
    snippet,
    highlights,
    score: hit.score,
  };
}
