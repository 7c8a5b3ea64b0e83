/**
 * Claim memory (issue 11): a claim marked as a repeat of an earlier check, and that
 * check adopted into it. Each change is written in one transaction with its history
 * entry and change event, like every other claim change (claim-changes.ts).
 *
 * `repeat_of` always names the ORIGINAL check (migration 0012): marking a claim as a
 * repeat of a repeat stores that repeat's original, and a claim that others repeat,
 * once marked as a repeat itself, hands its repeats on to its own original. So a
 * claim's repeats are counted in one place and no chain is ever walked.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClaimDetail, ClaimSummary } from '../../src/domain/claim';
import { canAdopt, canMarkRepeat, MEMORY_ACTIONS } from '../../src/domain/claim-memory';
import type { Actor, Decision } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import type { FirstAppearance } from '../reports/claimreview';
import { writeTransaction } from '../database/transaction';
import { Changed, changeableClaim, claimOrThrow } from './claim-guards';
import { Db, findClaim, findClaimDetail } from './claims';
import {
  recordClaimEvent,
  recordClaimEventOf,
  updateClaimIfVersion,
  updateClaimReturning,
} from './claim-updates';
import {
  ConflictError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
} from './errors';
import type { ChangeEvent } from './events';
import { insertEvidence, listEvidence } from './evidence';
import { recordHistory } from './history';
import { now } from './time';

function refuse(decision: Decision, field?: string): void {
  if (!decision.allowed) {
    throw new ForbiddenError(decision.refusal.message, decision.refusal.code, field);
  }
}

/**
 * A claim's repeatCount is part of its summary: the originals a change counted on or off
 * (and a claim that handed its repeats on) are announced as they now stand, so that a
 * desk showing them follows. Their version does not move: nothing of theirs was edited.
 */
async function announceCounts(trx: Db, ids: readonly (string | null)[]): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  for (const id of new Set(ids)) {
    if (id !== null && (await findClaim(trx, id))) {
      events.push((await recordClaimEvent(trx, 'claim.updated', id)).event);
    }
  }
  return events;
}

/** The claim a change is about, at the version the person saw. */
async function claimAtVersion(trx: Db, id: string, expectedVersion: number) {
  const claim = await changeableClaim(trx, id);
  if (claim.version !== expectedVersion) {
    throw new VersionConflictError('claim', claim);
  }
  return claim;
}

/** Sets a claim's repeat_of with its history entry and event; `via` explains a hand-on. */
async function writeRepeatOf(
  trx: Db,
  claim: ClaimSummary,
  repeatOf: string | null,
  actor: string,
  at: string,
  via?: string,
): Promise<{ saved: ClaimSummary; event: ChangeEvent }> {
  const saved = await updateClaimReturning(trx, claim, { repeat_of: repeatOf }, actor, at);
  if (!saved) {
    throw new VersionConflictError('claim', await claimOrThrow(trx, claim.id));
  }
  await recordHistory(trx, {
    claimId: claim.id,
    articleId: claim.articleId,
    actor,
    action: repeatOf === null ? MEMORY_ACTIONS.unmarkRepeat : MEMORY_ACTIONS.markRepeat,
    before: { repeatOf: claim.repeatOf },
    after: { repeatOf, ...(via ? { via } : {}) },
    at,
  });
  return { saved, event: await recordClaimEventOf(trx, 'claim.updated', saved) };
}

/**
 * Marks claim `id` as a repeat of `originalId` (`PUT /api/claims/:id/repeat-of`).
 * Refuses the claim itself (400), a claim that does not exist (404) and a loop (409:
 * the one named repeats this claim); all name `claimId`.
 */
export async function markRepeat(
  db: Kysely<Database>,
  id: string,
  originalId: string,
  expectedVersion: number,
  actor: Actor,
): Promise<Changed<ClaimSummary>> {
  return writeTransaction(db, async (trx) => {
    const claim = await claimAtVersion(trx, id, expectedVersion);
    refuse(canMarkRepeat(claim, actor), 'claimId');
    if (originalId === id) {
      throw new ValidationError('claimId', 'must name an earlier claim, not this one.');
    }
    const named = await findClaim(trx, originalId);
    if (!named) {
      throw new NotFoundError('Claim', originalId, 'claimId');
    }
    const original = named.repeatOf ?? named.id;
    if (original === id) {
      throw new ConflictError(
        `Claim ${originalId} is marked as a repeat of this claim: a claim cannot repeat its own repeat.`,
        'repeat_cycle',
        'claimId',
      );
    }
    if (claim.repeatOf === original) {
      return { value: claim, events: [] };
    }
    const at = now();
    const { saved, event } = await writeRepeatOf(trx, claim, original, actor.username, at);
    const events = [event];
    // This claim's own repeats now repeat its original too (see the file's comment).
    const repeats = await trx
      .selectFrom('claims')
      .select('id')
      .where('repeat_of', '=', id)
      .orderBy('id')
      .execute();
    for (const { id: repeatId } of repeats) {
      const repeat = await claimOrThrow(trx, repeatId);
      events.push((await writeRepeatOf(trx, repeat, original, actor.username, at, id)).event);
    }
    const value = repeats.length ? await claimOrThrow(trx, id) : saved;
    const counted = [claim.repeatOf, original, ...(repeats.length ? [id] : [])];
    return { value, events: [...events, ...(await announceCounts(trx, counted))] };
  });
}

/** `DELETE /api/claims/:id/repeat-of`: the claim is no repeat (nothing adopted is undone). */
export async function unmarkRepeat(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  actor: Actor,
): Promise<Changed<ClaimSummary>> {
  return writeTransaction(db, async (trx) => {
    const claim = await claimAtVersion(trx, id, expectedVersion);
    refuse(canMarkRepeat(claim, actor));
    if (claim.repeatOf === null) {
      return { value: claim, events: [] };
    }
    const { saved, event } = await writeRepeatOf(trx, claim, null, actor.username, now());
    return { value: saved, events: [event, ...(await announceCounts(trx, [claim.repeatOf]))] };
  });
}

/**
 * `POST /api/claims/:id/adopt`: the original check's verdict, rationale and evidence
 * copied into the repeat, each evidence item marked `adoptedFrom` (a link the repeat
 * already has is not copied twice; a copy keeps who found it and when). The stage does not move: the repeat is reviewed
 * like any claim. Only an approved check with a verdict is adopted.
 */
export async function adoptCheck(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  actor: Actor,
): Promise<Changed<ClaimDetail>> {
  return writeTransaction(db, async (trx) => {
    const claim = await claimAtVersion(trx, id, expectedVersion);
    if (claim.repeatOf === null) {
      throw new ConflictError(
        'Mark the claim as a repeat of an earlier check before adopting that check.',
        'not_a_repeat',
        'repeatOf',
      );
    }
    const decision = canAdopt(claim, actor);
    refuse(decision, decision.field);
    const original = await findClaimDetail(trx, claim.repeatOf);
    if (!original || original.stage !== 'approved' || original.verdict === null) {
      throw new ConflictError(
        `The earlier claim ${claim.repeatOf} has no approved check to adopt yet.`,
        'original_not_approved',
        'repeatOf',
      );
    }
    const at = now();
    const changes = { verdict: original.verdict, rationale: original.rationale };
    if (!(await updateClaimIfVersion(trx, id, claim.version, changes, actor.username, at))) {
      throw new VersionConflictError('claim', await claimOrThrow(trx, id));
    }
    const held = new Set((await listEvidence(trx, id)).map((item) => item.url));
    const adopted: string[] = [];
    // Copies as they were (who found each link and when, in the original's order),
    // marked as adopted; the history says who adopted them and when.
    for (const item of original.evidence.filter((e) => !held.has(e.url))) {
      const copy = { ...item, id: randomUUID(), claimId: id, adoptedFrom: original.id };
      await insertEvidence(trx, copy);
      adopted.push(copy.id);
    }
    await recordHistory(trx, {
      claimId: id,
      articleId: claim.articleId,
      actor: actor.username,
      action: MEMORY_ACTIONS.adopt,
      before: { verdict: claim.verdict, rationale: claim.rationale },
      after: { ...changes, adoptedFrom: original.id, adoptedEvidence: adopted },
      at,
    });
    const { event, claim: saved } = await recordClaimEvent(trx, 'claim.updated', id);
    const evidenceEvent = await recordClaimEventOf(trx, 'evidence.changed', saved);
    const value = await findClaimDetail(trx, id);
    if (!value) {
      throw new Error(`claim ${id} vanished inside its own transaction`);
    }
    return { value, events: [event, evidenceEvent] };
  });
}

/**
 * After an import stored an article's claims: a `repeatOf` the file gave is kept only
 * if it names a claim that now exists (this file's or an earlier one), and then as
 * that claim's original, so that the rule above holds for imported claims too.
 */
export async function settleImportedRepeats(db: Db, articleIds: readonly string[]) {
  if (articleIds.length === 0) {
    return;
  }
  await db
    .updateTable('claims')
    .set((eb) => ({
      repeat_of: eb
        .selectFrom('claims as named')
        .select((inner) => inner.fn.coalesce('named.repeat_of', 'named.id').as('original'))
        .whereRef('named.id', '=', 'claims.repeat_of'),
    }))
    .where('article_id', 'in', articleIds)
    .where('repeat_of', 'is not', null)
    .execute();
  await db
    .updateTable('claims')
    .set({ repeat_of: null })
    .where('article_id', 'in', articleIds)
    .whereRef('repeat_of', '=', 'id')
    .execute();
}

/**
 * The article where each repeat among `claims` was first checked (its original's
 * article), for ClaimReview's `firstAppearance`; keyed by the repeat's id.
 */
export async function firstAppearances(
  db: Db,
  claims: readonly { readonly id: string; readonly repeatOf?: string | null }[],
): Promise<Map<string, FirstAppearance>> {
  const repeats = claims.filter((claim) => claim.repeatOf).map((claim) => claim.id);
  const found = new Map<string, FirstAppearance>();
  for (let i = 0; i < repeats.length; i += 500) {
    const rows = await db
      .selectFrom('claims as c')
      .innerJoin('claims as o', 'o.id', 'c.repeat_of')
      .innerJoin('articles as a', 'a.id', 'o.article_id')
      .select(['c.id', 'a.headline', 'a.url', 'a.published_at', 'a.outlet'])
      .where('c.id', 'in', repeats.slice(i, i + 500))
      .execute();
    for (const row of rows) {
      found.set(row.id, {
        headline: row.headline,
        url: row.url,
        publishedAt: row.published_at,
        outlet: row.outlet,
      });
    }
  }
  return found;
}
