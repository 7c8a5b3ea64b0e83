/**
 * Search across every article: one function, one implementation per engine
 * (search-sqlite.ts, search-postgres.ts), over the index migrations 0011 and 0015 keep in
 * step with every write. Both read text alike (words cut at every character that is not
 * a letter or digit, case and accents folded, no stop words, Porter's stemmer), rank with
 * their own formula (FTS5's bm25(), PostgreSQL's ts_rank_cd()), break ties alike, page
 * after the last item given rather than by an offset, and mark the matched words for the
 * snippet (search-snippet.ts).
 */
import type { Kysely } from 'kysely';
import type { SearchField, SearchResult, SearchType } from '../../src/domain/search';
import { isPostgres } from '../database/engine';
import type { Database } from '../database/schema';
import { searchPostgres } from './search-postgres';
import {
  type Column,
  COLUMNS,
  type Hit,
  type SearchOptions,
  type SearchPosition,
} from './search-ranking';
import { cutSnippet, type Range } from './search-snippet';
import { searchSqlite } from './search-sqlite';

export type { SearchOptions, SearchPosition } from './search-ranking';

type Db = Kysely<Database>;

export interface SearchAnswer {
  readonly items: SearchResult[];
  /** The page's last item, when more results follow it. */
  readonly next: SearchPosition | null;
}

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

export async function searchEverything(db: Db, options: SearchOptions): Promise<SearchAnswer> {
  if (options.terms.length === 0 || options.types.length === 0) {
    return { items: [], next: null };
  }
  const hits = await (isPostgres(db) ? searchPostgres(db, options) : searchSqlite(db, options));
  const page = hits.slice(0, options.limit);
  const statements = await claimStatements(
    db,
    page.filter((hit) => hit.kind === 'note').map((hit) => hit.claimId ?? ''),
  );
  const last = page[page.length - 1];
  return {
    items: page.map((hit) => toResult(hit, statements)),
    next:
      hits.length > options.limit && last
        ? { kind: last.kind, ref: last.ref, score: last.score }
        : null,
  };
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
  let best: { column: Column; ranges: Range[]; marked: number } | undefined;
  for (const column of COLUMNS) {
    if (fields[column] === undefined || hit.text[column] === null) {
      continue;
    }
    const ranges = hit.ranges[column];
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
