/**
 * Claim suggestions: stored when an article comes in (or a JSON report is
 * imported) and listed. Deciding one is in suggestion-decisions.ts.
 */
import { randomUUID } from 'node:crypto';
import type { ClaimantType, ClaimKind } from '../../src/domain/claim';
import type { Suggestion, SuggestionStatus } from '../../src/domain/suggestion';
import type { SuggestionRow } from '../database/schema';
import type { Db } from './claims';

/** What the suggester found; the rest of a suggestion is given on storing. */
export type NewSuggestion = Pick<
  Suggestion,
  'start' | 'end' | 'quote' | 'score' | 'reasons' | 'suggestedKind'
> &
  Partial<Pick<Suggestion, 'claimant' | 'claimantType'>>;

/** Rows per INSERT, well under SQLite's limit on bound parameters. */
const INSERT_CHUNK = 200;
/**
 * Longest stretch of inserting before other requests may run: an import's few thousand
 * suggestions took 40-60 ms in one go on a loaded machine (as `insertRows` in articles.ts).
 */
const SLICE_MS = 15;

export function toSuggestion(row: SuggestionRow): Suggestion {
  return {
    id: row.id,
    articleId: row.article_id,
    start: row.start_offset,
    end: row.end_offset,
    quote: row.quote,
    score: row.score,
    reasons: JSON.parse(row.reasons) as string[],
    suggestedKind: row.suggested_kind as ClaimKind,
    claimant: row.claimant,
    claimantType: row.claimant_type as ClaimantType,
    status: row.status as SuggestionStatus,
    claimId: row.claim_id,
    decidedBy: row.decided_by,
    decidedAt: row.decided_at,
    createdAt: row.created_at,
  };
}

/** Whether the suggester has read the article (it may have found nothing). */
export async function suggestionsGenerated(db: Db, articleId: string): Promise<boolean> {
  const row = await db
    .selectFrom('suggestion_runs')
    .select('article_id')
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * A suggestion as a JSON report carries it: with its decision, to store back
 * as it was. A report made before suggestions named a claimant has none.
 */
export type StoredSuggestion = Omit<Suggestion, 'id' | 'articleId' | 'claimant' | 'claimantType'> &
  Partial<Pick<Suggestion, 'claimant' | 'claimantType'>>;

/** Stores what the suggester found for an article and marks it read. */
export async function storeSuggestions(
  db: Db,
  articleId: string,
  suggestions: readonly NewSuggestion[],
  at: string,
): Promise<void> {
  await storeDecidedSuggestions(
    db,
    articleId,
    suggestions.map((s) => ({
      ...s,
      status: 'open',
      claimId: null,
      decidedBy: null,
      decidedAt: null,
      createdAt: at,
    })),
    at,
  );
}

/** Stores suggestions with their decisions (an imported JSON report's) and marks the article read. */
export async function storeDecidedSuggestions(
  db: Db,
  articleId: string,
  suggestions: readonly StoredSuggestion[],
  at: string,
): Promise<void> {
  let sliceStart = performance.now();
  for (let i = 0; i < suggestions.length; i += INSERT_CHUNK) {
    if (performance.now() - sliceStart > SLICE_MS) {
      await new Promise((resolve) => setImmediate(resolve));
      sliceStart = performance.now();
    }
    await db
      .insertInto('suggestions')
      .values(
        suggestions.slice(i, i + INSERT_CHUNK).map((s) => ({
          id: randomUUID(),
          article_id: articleId,
          start_offset: s.start,
          end_offset: s.end,
          quote: s.quote,
          score: s.score,
          reasons: JSON.stringify(s.reasons),
          suggested_kind: s.suggestedKind,
          claimant: s.claimant ?? null,
          claimant_type: s.claimantType ?? 'Person',
          status: s.status,
          claim_id: s.claimId,
          decided_by: s.decidedBy,
          decided_at: s.decidedAt,
          created_at: s.createdAt,
        })),
      )
      .execute();
  }
  await db
    .insertInto('suggestion_runs')
    .values({ article_id: articleId, generated_at: at })
    .execute();
}

/**
 * Every stored suggestion of an article, whatever its status, in article
 * order, for the JSON report; undefined when the suggester has not read the
 * article yet (an import of the report then runs it).
 */
export async function allSuggestions(
  db: Db,
  articleId: string,
): Promise<Required<StoredSuggestion>[] | undefined> {
  if (!(await suggestionsGenerated(db, articleId))) {
    return undefined;
  }
  const rows = await db
    .selectFrom('suggestions')
    .selectAll()
    .where('article_id', '=', articleId)
    .orderBy('start_offset')
    .orderBy('end_offset')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map((row) => {
    const s = toSuggestion(row);
    return {
      start: s.start,
      end: s.end,
      quote: s.quote,
      score: s.score,
      reasons: s.reasons,
      suggestedKind: s.suggestedKind,
      claimant: s.claimant,
      claimantType: s.claimantType,
      status: s.status,
      claimId: s.claimId,
      decidedBy: s.decidedBy,
      decidedAt: s.decidedAt,
      createdAt: s.createdAt,
    };
  });
}

/**
 * The article's suggestions with `status`, in article order. Open ones that
 * overlap a claim are left out: someone logged those words already.
 */
export async function listSuggestions(
  db: Db,
  articleId: string,
  status: SuggestionStatus,
): Promise<Suggestion[]> {
  const rows = await db
    .selectFrom('suggestions')
    .selectAll('suggestions')
    .where('suggestions.article_id', '=', articleId)
    .where('suggestions.status', '=', status)
    .orderBy('suggestions.start_offset')
    .orderBy('suggestions.end_offset')
    .orderBy('suggestions.id')
    .execute();
  if (status !== 'open') {
    return rows.map(toSuggestion);
  }
  // Open ones leave out those a claim overlaps. Matched here in one pass over the
  // claims in order, not with a subquery per suggestion: that scanned the claims
  // before each one's end, seconds for an article of 10,000 claims (issue 13).
  const claims = await db
    .selectFrom('claims')
    .select(['start_offset', 'end_offset'])
    .where('article_id', '=', articleId)
    .orderBy('start_offset')
    .execute();
  return withoutClaimed(rows, claims).map(toSuggestion);
}

/**
 * The suggestions no claim overlaps (a claim starting before a suggestion's end
 * and ending after its start). `claims` in order of start: the claims starting
 * before a suggestion's end are a prefix, and the furthest end among them decides.
 */
function withoutClaimed<T extends Pick<SuggestionRow, 'start_offset' | 'end_offset'>>(
  suggestions: readonly T[],
  claims: readonly { start_offset: number; end_offset: number }[],
): T[] {
  const starts = claims.map((claim) => Number(claim.start_offset));
  const furthestEnd: number[] = [];
  for (const claim of claims) {
    furthestEnd.push(Math.max(furthestEnd.at(-1) ?? -Infinity, Number(claim.end_offset)));
  }
  return suggestions.filter((suggestion) => {
    const end = Number(suggestion.end_offset);
    // How many claims start before the suggestion ends (binary search).
    let low = 0;
    let high = starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (starts[middle] < end) low = middle + 1;
      else high = middle;
    }
    return low === 0 || furthestEnd[low - 1] <= Number(suggestion.start_offset);
  });
}

export async function findSuggestion(
  db: Db,
  articleId: string,
  id: string,
): Promise<Suggestion | undefined> {
  const row = await db
    .selectFrom('suggestions')
    .selectAll()
    .where('article_id', '=', articleId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toSuggestion(row) : undefined;
}

/** The id and decision of each stored suggestion of an article, by its span ("start:end"). */
export async function suggestionsBySpan(
  db: Db,
  articleId: string,
): Promise<Map<string, { id: string; status: SuggestionStatus }>> {
  const rows = await db
    .selectFrom('suggestions')
    .select(['id', 'start_offset', 'end_offset', 'status', 'created_at'])
    .where('article_id', '=', articleId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const found = new Map<string, { id: string; status: SuggestionStatus }>();
  for (const row of rows) {
    // The first stored at a span stands for it (an imported report may hold two).
    const key = `${row.start_offset}:${row.end_offset}`;
    if (!found.has(key)) {
      found.set(key, { id: row.id, status: row.status as SuggestionStatus });
    }
  }
  return found;
}
