/**
 * A claim row's updates, each only at the version the change was checked against, and
 * the change events that carry the claim as it then stands.
 */
import type { ClaimantType, ClaimKind, ClaimSummary } from '../../src/domain/claim';
import type { Verdict } from '../../src/domain/verdicts';
import type { DismissReason, Stage } from '../../src/domain/workflow';
import { type Db, findClaim, toClaimSummary } from './claims';
import { type ChangeEvent, recordEvent } from './events';

/** Columns a claim change may set, in database names. */
export interface ClaimChanges {
  statement?: string;
  kind?: ClaimKind;
  verdict?: Verdict | null;
  rationale?: string | null;
  assignee?: string | null;
  stage?: Stage;
  submitted_by?: string | null;
  dismiss_reason?: DismissReason | null;
  approved_by?: string | null;
  approved_at?: string | null;
  due_at?: string | null;
  stage_since?: string;
  claimant?: string | null;
  claimant_type?: ClaimantType;
  claim_date?: string | null;
  summary?: string | null;
  repeat_of?: string | null;
}

/**
 * Applies `changes` only if the claim is still at `expectedVersion`; returns
 * false when someone else changed it first (nothing is written then).
 */
export async function updateClaimIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: ClaimChanges,
  actor: string,
  at: string,
): Promise<boolean> {
  const result = await versionedUpdate(
    db,
    id,
    expectedVersion,
    changes,
    actor,
    at,
  ).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** The claim's changes, a version further, if it still is at `expectedVersion`. */
export function versionedUpdate(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: ClaimChanges,
  actor: string,
  at: string,
) {
  return db
    .updateTable('claims')
    .set((eb) => ({
      ...changes,
      version: eb('version', '+', 1),
      updated_at: at,
      updated_by: actor,
    }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion);
}

/**
 * `updateClaimIfVersion` that answers the claim as the update left it (its counts as
 * given: a change of the claim's own columns leaves its evidence and notes alone), or
 * undefined when the version had moved on. One statement where a re-read would be two.
 */
export async function updateClaimReturning(
  db: Db,
  claim: ClaimSummary,
  changes: ClaimChanges,
  actor: string,
  at: string,
): Promise<ClaimSummary | undefined> {
  const row = await versionedUpdate(db, claim.id, claim.version, changes, actor, at)
    .returningAll()
    .executeTakeFirst();
  return row
    ? toClaimSummary({
        ...row,
        evidence_count: claim.evidenceCount,
        note_count: claim.noteCount,
        repeat_count: claim.repeatCount,
      })
    : undefined;
}

/** The change event of a claim whose new state the caller holds, in its transaction. */
export async function recordClaimEventOf(
  db: Db,
  type: 'claim.created' | 'claim.updated' | 'evidence.changed' | 'note.changed',
  claim: ClaimSummary,
): Promise<ChangeEvent> {
  return recordEvent(db, type, claim.articleId, claim.id, { claim });
}

/**
 * Writes the change event for a claim as it now stands, in the caller's
 * transaction, and returns both: the claim is read once per change.
 */
export async function recordClaimEvent(
  db: Db,
  type: 'claim.created' | 'claim.updated' | 'evidence.changed' | 'note.changed',
  claimId: string,
): Promise<{ event: ChangeEvent; claim: ClaimSummary }> {
  const claim = await findClaim(db, claimId);
  if (!claim) {
    throw new Error(`claim ${claimId} vanished inside its own transaction`);
  }
  const event = await recordEvent(db, type, claim.articleId, claim.id, { claim });
  return { event, claim };
}
