/**
 * An editor's decision on a suggestion. Accepting one creates its claim (with
 * history and event) and marks the suggestion in the same transaction;
 * rejecting one marks it. A suggestion is decided once: the second decision is
 * a conflict.
 */
import type { Kysely } from 'kysely';
import type {
  AcceptedSuggestion,
  AcceptSuggestion,
  Suggestion,
  SuggestionStatus,
} from '../../src/domain/suggestion';
import type { Actor } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { writeTransaction } from '../database/transaction';
import { articleExists, findArticleText } from './articles';
import type { Changed } from './claim-changes';
import { createClaimIn } from './claim-create';
import type { Db } from './claims';
import { ConflictError, NotFoundError, ValidationError } from './errors';
import { recordEvent } from './events';
import { findSuggestion } from './suggestions';
import { now } from './time';

/** The longest quote that becomes a claim's statement unedited. */
const STATEMENT_MAX = 1000;

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
