/** New claims: an id a report can carry, the quote taken from the article text. */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClaimantType, ClaimKind, ClaimSummary } from '../../src/domain/claim';
import type { Actor } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { ProblemError } from '../plugins/problems';
import { claimIdTaken, Db, insertClaim, recordClaimEvent, recordHistory } from './claims';
import { Changed, openArticleText } from './claim-guards';
import { now } from './time';

const CLAIM_ID_PREFIX_LENGTH = 24;

/**
 * A new claim id that a JSON report can carry back in (claims/article.schema.json:
 * `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 64 characters): the article id's first
 * characters as hyphen-separated groups (never a double or trailing hyphen),
 * then 8 random hex digits; `claim-…` when the article id gives nothing usable.
 */
export function newClaimId(articleId: string): string {
  const prefix = articleId
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .slice(0, CLAIM_ID_PREFIX_LENGTH)
    .replace(/^-+|-+$/g, '');
  return `${prefix || 'claim'}-${randomUUID().slice(0, 8)}`;
}

/** A claim id not in use yet: 8 hex digits can collide in a large newsroom database. */
async function freeClaimId(trx: Db, articleId: string): Promise<string> {
  for (;;) {
    const id = newClaimId(articleId);
    if (!(await claimIdTaken(trx, id))) {
      return id;
    }
  }
}

export interface NewClaimInput {
  readonly start: number;
  readonly end: number;
  readonly statement: string;
  readonly kind: ClaimKind;
  /** Who made the claim, when the person creating it knows (blank: nobody named). */
  readonly claimant?: string | null;
  readonly claimantType?: ClaimantType;
}

export async function createClaim(
  db: Kysely<Database>,
  articleId: string,
  input: NewClaimInput,
  actor: Actor,
): Promise<Changed<ClaimSummary>> {
  return db.transaction().execute((trx) => createClaimIn(trx, articleId, input, actor));
}

/** `createClaim` inside the caller's transaction (accepting a suggestion writes both together). */
export async function createClaimIn(
  trx: Db,
  articleId: string,
  input: NewClaimInput,
  actor: Actor,
): Promise<Changed<ClaimSummary>> {
  const text = await openArticleText(trx, articleId);
  if (input.end > text.length || input.end <= input.start) {
    throw new ProblemError({
      title: 'Invalid request',
      status: 400,
      detail: `/body/end must be after start and at most ${text.length}, the length of the article text.`,
      field: '/body/end',
    });
  }
  const quote = text.slice(input.start, input.end);
  if (quote.trim().length === 0) {
    throw new ProblemError({
      title: 'Invalid request',
      status: 400,
      detail: '/body/start and /body/end select only white space.',
      field: '/body/start',
    });
  }
  const at = now();
  const id = await freeClaimId(trx, articleId);
  const claimant = input.claimant?.trim() || null;
  const claimantType = input.claimantType ?? 'Person';
  await insertClaim(
    trx,
    {
      id,
      articleId,
      quote,
      start: input.start,
      end: input.end,
      statement: input.statement.trim(),
      kind: input.kind,
      stage: 'new',
      verdict: null,
      rationale: null,
      assignee: null,
      claimant,
      claimantType,
    },
    at,
    actor.username,
  );
  await recordHistory(trx, {
    claimId: id,
    articleId,
    actor: actor.username,
    action: 'create',
    before: null,
    after: {
      quote,
      start: input.start,
      end: input.end,
      statement: input.statement,
      kind: input.kind,
      ...(claimant !== null ? { claimant, claimantType } : {}),
    },
    at,
  });
  const { event, claim } = await recordClaimEvent(trx, 'claim.created', id);
  return { value: claim, events: [event] };
}
