/** New claims: an id a report can carry, the quote taken from the article text. */
import type { Kysely } from 'kysely';
import type { ClaimantType, ClaimKind, ClaimSummary } from '../../src/domain/claim';
import type { Actor } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { claimIdTaken, Db, insertClaim } from './claims';
import { recordClaimEvent } from './claim-updates';
import { recordHistory } from './history';
import { recordHandovers } from './handovers';
import { Changed, openArticleText } from './claim-guards';
import { ValidationError } from './errors';
import { now } from './time';
import { isPostgres } from '../database/engine';
import { writeTransaction } from '../database/transaction';

const CLAIM_ID_PREFIX_LENGTH = 24;

/**
 * A new claim id a person can read and a JSON report can carry back in
 * (claims/article.schema.json: `^[a-z0-9]+(-[a-z0-9]+)*$`, at most 64
 * characters): the article id's first words, at most 24 characters and never cut
 * mid-word where a word boundary allows, then the claim's number in three
 * digits, `council-parking-fees-007`; `claim-…` when the article id gives
 * nothing usable.
 */
export function newClaimId(articleId: string, sequence: number): string {
  const words = articleId
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let prefix = '';
  for (const word of words) {
    const next = prefix ? `${prefix}-${word}` : word;
    if (next.length > CLAIM_ID_PREFIX_LENGTH) {
      prefix ||= word.slice(0, CLAIM_ID_PREFIX_LENGTH);
      break;
    }
    prefix = next;
  }
  return `${prefix || 'claim'}-${String(sequence).padStart(3, '0')}`;
}

/** The next free number after the article's claims: ids of deleted or imported claims are skipped. */
async function freeClaimId(trx: Db, articleId: string): Promise<string> {
  if (isPostgres(trx)) {
    // Claims added to one article at once, through any process, take their numbers one
    // after the other: the article's row lock holds the next until this transaction ends.
    await trx.selectFrom('articles').select('id').where('id', '=', articleId).forUpdate().execute();
  }
  const row = await trx
    .selectFrom('claims')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  for (let sequence = Number(row?.n ?? 0) + 1; ; sequence++) {
    const id = newClaimId(articleId, sequence);
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
  return writeTransaction(db, (trx) => createClaimIn(trx, articleId, input, actor));
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
    throw new ValidationError(
      'end',
      `must be after start and at most ${text.length}, the length of the article text.`,
    );
  }
  const quote = text.slice(input.start, input.end);
  if (quote.trim().length === 0) {
    throw new ValidationError(['start', 'end'], 'select only white space.');
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
  // A claim created for someone hands it to them (today's requests name nobody: no-op).
  const handedOver = claim.assignee
    ? await recordHandovers(trx, [
        {
          kind: 'assigned',
          claim,
          actor,
          at,
          before: { assignee: null, submittedBy: null },
        },
      ])
    : [];
  return { value: claim, events: [event, ...handedOver] };
}
