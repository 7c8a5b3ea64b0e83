/**
 * Claim suggestions: stored when an article comes in, listed, and decided by
 * an editor. Accepting one creates its claim (with history and event) and marks
 * the suggestion in the same transaction.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClaimantType, ClaimKind } from '../../src/domain/claim';
import type {
  AcceptedSuggestion,
  AcceptSuggestion,
  Suggestion,
  SuggestionStatus,
} from '../../src/domain/suggestion';
import type { Actor } from '../../src/domain/workflow';
import type { Database, SuggestionRow } from '../database/schema';
import { articleExists, findArticleText } from './articles';
import type { Changed } from './claim-changes';
import { createClaimIn } from './claim-create';
import type { Db } from './claims';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { recordEvent } from './events';
import { now } from './time';
import { writeTransaction } from '../database/transaction';

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
const STATEMENT_MAX = 1000;

function toSuggestion(row: SuggestionRow): Suggestion {
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

function alreadyDecided(suggestion: Suggestion): ConflictError {
  return new ConflictError(
    `This suggestion was already ${suggestion.status} by ${suggestion.decidedBy ?? 'someone'}.`,
    'decided',
  );
}

/** The open suggestion a decision is about: not found naming what is missing, else not decided. */
async function openSuggestion(db: Db, articleId: string, id: string): Promise<Suggestion> {
  const suggestion = await findSuggestion(db, articleId, id);
  if (!suggestion) {
    throw (await articleExists(db, articleId))
      ? new NotFoundError('Suggestion', id)
      : new NotFoundError('Article', articleId);
  }
  if (suggestion.status !== 'open') {
    throw alreadyDecided(suggestion);
  }
  return suggestion;
}

/** Marks an open suggestion decided; false when someone decided it first. */
async function decide(
  db: Db,
  id: string,
  status: Exclude<SuggestionStatus, 'open'>,
  claimId: string | null,
  actor: string,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('suggestions')
    .set({ status, claim_id: claimId, decided_by: actor, decided_at: at })
    .where('id', '=', id)
    .where('status', '=', 'open')
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

async function decided(
  db: Db,
  suggestion: Suggestion,
  status: Exclude<SuggestionStatus, 'open'>,
  claimId: string | null,
  actor: Actor,
) {
  if (!(await decide(db, suggestion.id, status, claimId, actor.username, now()))) {
    throw alreadyDecided(
      (await findSuggestion(db, suggestion.articleId, suggestion.id)) ?? suggestion,
    );
  }
  const saved = await findSuggestion(db, suggestion.articleId, suggestion.id);
  if (!saved) {
    throw new Error(`suggestion ${suggestion.id} vanished inside its own transaction`);
  }
  const event = await recordEvent(db, 'suggestion.changed', suggestion.articleId, claimId, {
    suggestionId: suggestion.id,
    status,
  });
  return { saved, event };
}

/**
 * Turns a suggestion into a claim: the editor's offsets, statement and kind,
 * or the suggestion's (the statement defaults to the quote at the final offsets).
 */
export async function acceptSuggestion(
  db: Kysely<Database>,
  articleId: string,
  id: string,
  input: AcceptSuggestion,
  actor: Actor,
): Promise<Changed<AcceptedSuggestion>> {
  return writeTransaction(db, async (trx) => {
    const suggestion = await openSuggestion(trx, articleId, id);
    const start = input.start ?? suggestion.start;
    const end = input.end ?? suggestion.end;
    let statement = input.statement;
    if (statement === undefined) {
      statement = ((await findArticleText(trx, articleId)) ?? '').slice(start, end).trim();
      if (statement.length > STATEMENT_MAX) {
        throw new ValidationError(
          'statement',
          `is needed: the quote is longer than ${STATEMENT_MAX} characters.`,
        );
      }
    }
    const created = await createClaimIn(
      trx,
      articleId,
      {
        start,
        end,
        statement,
        kind: input.kind ?? suggestion.suggestedKind,
        // Only as the editor confirmed it: the suggestion's guess is never stored unseen.
        claimant: input.claimant,
        claimantType: input.claimantType,
      },
      actor,
    );
    const { saved, event } = await decided(trx, suggestion, 'accepted', created.value.id, actor);
    return {
      value: { suggestion: saved, claim: created.value },
      events: [...created.events, event],
    };
  });
}

export async function rejectSuggestion(
  db: Kysely<Database>,
  articleId: string,
  id: string,
  actor: Actor,
): Promise<Changed<Suggestion>> {
  return writeTransaction(db, async (trx) => {
    const suggestion = await openSuggestion(trx, articleId, id);
    const { saved, event } = await decided(trx, suggestion, 'rejected', null, actor);
    return { value: saved, events: [event] };
  });
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
