/**
 * What both engines' search implementations share: the options, the hit each returns, and
 * the end of their ranking query (kinds, archived, the page after the last item, order).
 */
import { type RawBuilder, sql } from 'kysely';
import type { SearchType } from '../../src/domain/search';
import type { SearchTerm } from './search-query';
import type { Range } from './search-snippet';

/** Where a page ended: its last item, and that item's score when the page was answered. */
export interface SearchPosition {
  readonly kind: SearchType;
  readonly ref: string;
  readonly score: number;
}

export interface SearchOptions {
  /** At least one (parseSearchQuery). */
  readonly terms: readonly SearchTerm[];
  readonly types: readonly SearchType[];
  /** Include the items of archived articles. */
  readonly archived: boolean;
  readonly limit: number;
  /** The items ranked after this one (the previous page's last). */
  readonly after?: SearchPosition;
}

export const COLUMNS = ['heading', 'body', 'summary', 'rationale', 'byline'] as const;
export type Column = (typeof COLUMNS)[number];

/** A match, ranked: which item, its columns as stored and the ranges the engine marked. */
export interface Hit {
  readonly kind: SearchType;
  readonly ref: string;
  readonly articleId: string;
  readonly claimId: string | null;
  readonly headline: string;
  readonly score: number;
  readonly text: Record<Column, string | null>;
  readonly ranges: Record<Column, Range[]>;
}

/** The stored columns of a row of either engine's second query. */
export function columnsOf(
  row: Partial<Record<string, unknown>> | undefined,
  prefix = '',
): Record<Column, string | null> {
  return Object.fromEntries(
    COLUMNS.map((column) => {
      const value = row?.[`${prefix}${column}`];
      return [column, typeof value === 'string' ? value : null];
    }),
  ) as Record<Column, string | null>;
}

/** A ranked document, as both engines' first query answers it. */
export interface RankedRow {
  readonly kind: SearchType;
  readonly ref: string;
  readonly article_id: string;
  readonly claim_id: string | null;
  readonly headline: string;
  readonly score: number;
}

/**
 * The ranking query around `hits` (each match's kind, ref, article and score): the kinds
 * asked for, archived or not, the items ranked after the previous page's last (by the
 * score it has now, or had if it no longer matches), best first, one more than a page.
 * Equal scores go by kind and ref, compared as bytes on both engines. A write between
 * two pages neither repeats nor skips an item, as an offset would: only the edited item
 * itself can move.
 */
export function rankedPage(
  hits: RawBuilder<unknown>,
  options: SearchOptions,
  afterScore: number | undefined,
  bytes: RawBuilder<unknown>,
) {
  const kinds = sql.join(options.types.map((type) => sql.lit(type)));
  const after = options.after;
  const afterLast =
    after !== undefined && afterScore !== undefined
      ? sql`and (h.score < ${afterScore} or (h.score = ${afterScore} and
               (h.kind ${bytes} > ${after.kind} or
                (h.kind = ${after.kind} and h.ref ${bytes} > ${after.ref}))))`
      : sql``;
  return sql<RankedRow>`
    select h.*
      from (${hits}) h
     where h.kind in (${kinds})
       ${options.archived ? sql`` : sql`and h.archived = 0`}
       ${afterLast}
     order by h.score desc, h.kind ${bytes}, h.ref ${bytes}
     limit ${options.limit + 1}`;
}

/** The stored text of every column, for the second query of both engines. */
export const storedColumns = () => sql.join(COLUMNS.map((column) => sql`d.${sql.ref(column)}`));

export function toHit(
  row: RankedRow,
  text: Record<Column, string | null>,
  ranges: Record<Column, Range[]>,
): Hit {
  return {
    kind: row.kind,
    ref: row.ref,
    articleId: row.article_id,
    claimId: row.claim_id,
    headline: row.headline,
    score: Number(row.score),
    text,
    ranges,
  };
}
