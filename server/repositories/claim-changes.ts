/**
 * Every change to a claim: checked against the shared workflow rules and written
 * in one transaction with its history entry and its change event, so that
 * nothing is ever half-written. A claim of an archived article takes no change
 * (ArchivedArticleError). New claims live in claim-create.ts, evidence and note
 * changes in evidence-note-changes.ts; all are imported from here.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClaimSummary } from '../../src/domain/claim';
import type { ClaimPatch, TransitionRequest } from '../../src/domain/requests';
import type { Verdict } from '../../src/domain/verdicts';
import { Actor, applyAction } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import type { Db } from './claims';
import { type ClaimChanges, recordClaimEvent, updateClaimIfVersion } from './claim-updates';
import { recordHistory } from './history';
import { type HandoverFacts, type HandoverKind, recordHandovers } from './handovers';
import {
  assertActiveUser,
  Changed,
  changeableClaim,
  changeTarget,
  claimOrThrow,
  refuseField,
} from './claim-guards';
import { updateClaimRecorded } from './claim-writes';
import { patchClaimInOneStatement } from './claim-patch-statement';
import { PATCH_COLUMNS, type PatchField, storedValue } from './claim-patch-values';
import { VersionConflictError, WorkflowRefusedError } from './errors';
import { activeMentions, insertNote } from './notes';
import { now } from './time';
import { writeStatement, writeTransaction } from '../database/transaction';

export type { Changed } from './claim-guards';
export * from './claim-create';
export * from './evidence-note-changes';

export type { ClaimPatch };

/** How a change made in a bulk batch is marked: its history entry carries the batch id. */
export interface ChangeOptions {
  readonly batchId?: string;
}

const batchMark = (options: ChangeOptions) =>
  options.batchId !== undefined ? { batchId: options.batchId } : {};

export async function patchClaim(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  patch: ClaimPatch,
  actor: Actor,
): Promise<Changed<ClaimSummary>> {
  // Without a new assignee there is no hand-over to record: the change is one statement
  // (claim, history and event, written only if the claim is still at the version read).
  if (!('assignee' in patch)) {
    return writeStatement(
      db,
      async (one) =>
        (await patchClaimInOneStatement(one, id, expectedVersion, patch, actor)) ??
        patchClaimIn(one, id, expectedVersion, patch, actor),
    );
  }
  return writeTransaction(db, (trx) => patchClaimIn(trx, id, expectedVersion, patch, actor));
}

/**
 * `patchClaim` inside the caller's transaction; `expectedVersion` null (a bulk
 * change) takes the claim as it stands. No events when nothing changed.
 */
export async function patchClaimIn(
  trx: Db,
  id: string,
  expectedVersion: number | null,
  patch: ClaimPatch,
  actor: Actor,
  options: ChangeOptions = {},
): Promise<Changed<ClaimSummary>> {
  const { claim, articleHeadline } = await changeTarget(trx, id);
  if (expectedVersion !== null && claim.version !== expectedVersion) {
    throw new VersionConflictError('claim', claim);
  }
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  const changes: Record<string, unknown> = {};
  for (const field of Object.keys(PATCH_COLUMNS) as PatchField[]) {
    if (!(field in patch)) {
      continue;
    }
    const value = storedValue(field, patch[field]);
    if (value === claim[field]) {
      continue;
    }
    refuseField(claim, actor, field);
    if (field === 'assignee' && typeof value === 'string') {
      await assertActiveUser(trx, value, 'assignee');
    }
    before[field] = claim[field];
    after[field] = value;
    changes[PATCH_COLUMNS[field]] = value;
  }
  if (Object.keys(changes).length === 0) {
    return { value: claim, events: [] };
  }
  const at = now();
  const written = await updateClaimRecorded(
    trx,
    claim,
    changes as ClaimChanges,
    actor.username,
    at,
    {
      claimId: id,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'update',
      before,
      after: { ...after, ...batchMark(options) },
      at,
    },
  );
  if (!written) {
    throw new VersionConflictError('claim', await claimOrThrow(trx, id));
  }
  const { value: saved, event } = written;
  // Work changes hands when the claim gets a (new) assignee; unassigning hands it to nobody.
  const handedOver =
    typeof after['assignee'] === 'string'
      ? await recordHandovers(
          trx,
          [
            {
              kind: 'assigned',
              claim: saved,
              actor,
              at,
              before: { assignee: claim.assignee, submittedBy: claim.submittedBy },
            },
          ],
          articleHeadline,
        )
      : [];
  return { value: saved, events: [event, ...handedOver] };
}

/** The hand-over each workflow action is. */
const HANDOVER_OF_ACTION: Readonly<Record<TransitionInput['action'], HandoverKind>> = {
  start: 'started',
  submit: 'submitted',
  request_changes: 'changes_requested',
  approve: 'approved',
  reopen: 'reopened',
  dismiss: 'dismissed',
  restore: 'restored',
};

/** The transition request as the route received it (one shape with the dashboard's). */
export type TransitionInput = TransitionRequest;

export async function transitionClaim(
  db: Kysely<Database>,
  id: string,
  input: TransitionInput,
  actor: Actor,
  expectedVersion: number | null,
): Promise<Changed<ClaimSummary>> {
  return writeTransaction(db, (trx) => transitionClaimIn(trx, id, input, actor, expectedVersion));
}

/** A bulk transition may set the verdict first, under the verdict's own field rules. */
export interface TransitionOptions extends ChangeOptions {
  readonly verdict?: Verdict;
}

/** `transitionClaim` inside the caller's transaction. */
export async function transitionClaimIn(
  trx: Db,
  id: string,
  input: TransitionInput,
  actor: Actor,
  expectedVersion: number | null,
  options: TransitionOptions = {},
): Promise<Changed<ClaimSummary>> {
  const claim = await changeableClaim(trx, id);
  if (expectedVersion !== null && claim.version !== expectedVersion) {
    throw new VersionConflictError('claim', claim);
  }
  const setsVerdict = options.verdict !== undefined && options.verdict !== claim.verdict;
  if (setsVerdict) {
    refuseField(claim, actor, 'verdict');
  }
  const verdict = setsVerdict ? (options.verdict ?? null) : claim.verdict;
  const result = applyAction({ ...claim, verdict }, actor, input.action, input);
  if (!result.ok) {
    throw new WorkflowRefusedError(result.refusal);
  }
  const { outcome } = result;
  if (input.action === 'start' && outcome.assignee && outcome.assignee !== actor.username) {
    await assertActiveUser(trx, outcome.assignee, 'assignee');
  }
  const at = now();
  const changes: ClaimChanges = {
    stage: outcome.stage,
    assignee: outcome.assignee,
    submitted_by: outcome.submittedBy,
    ...(setsVerdict ? { verdict } : {}),
    ...(outcome.stage !== claim.stage ? { stage_since: at } : {}),
    ...(input.action === 'dismiss' ? { dismiss_reason: input.reason ?? null } : {}),
    ...(input.action === 'restore' ? { dismiss_reason: null } : {}),
    ...(input.action === 'approve' ? { approved_by: actor.username, approved_at: at } : {}),
    ...(input.action === 'reopen' ? { approved_by: null, approved_at: null } : {}),
  };
  if (!(await updateClaimIfVersion(trx, id, claim.version, changes, actor.username, at))) {
    throw new VersionConflictError('claim', await claimOrThrow(trx, id));
  }
  const note = input.note?.trim() || null;
  let handoverNote: HandoverFacts['note'];
  if (note) {
    // The note that comes with an action belongs in the thread the checker reads.
    const noteId = randomUUID();
    const mentions = await activeMentions(trx, note);
    await insertNote(trx, {
      id: noteId,
      claimId: id,
      author: actor.username,
      authorRole: actor.role,
      text: note,
      createdAt: at,
      deletedAt: null,
      deletedBy: null,
      mentions,
    });
    handoverNote = { id: noteId, text: note, mentions };
  }
  await recordHistory(trx, {
    claimId: id,
    articleId: claim.articleId,
    actor: actor.username,
    action: input.action,
    before: { stage: claim.stage, assignee: claim.assignee, verdict: claim.verdict },
    after: {
      stage: outcome.stage,
      assignee: outcome.assignee,
      verdict,
      ...(input.reason ? { reason: input.reason } : {}),
      ...batchMark(options),
    },
    note,
    correction: outcome.correction,
    at,
  });
  const { event, claim: saved } = await recordClaimEvent(trx, 'claim.updated', id);
  const before = { assignee: claim.assignee, submittedBy: claim.submittedBy };
  const handovers: HandoverFacts[] = [
    {
      kind: HANDOVER_OF_ACTION[input.action],
      claim: saved,
      actor,
      at,
      before,
      ...(handoverNote ? { note: handoverNote } : {}),
    },
  ];
  if (
    input.action === 'start' &&
    outcome.assignee !== null &&
    outcome.assignee !== actor.username &&
    outcome.assignee !== claim.assignee
  ) {
    // Starting a claim for someone else hands it to them.
    handovers.push({ kind: 'assigned', claim: saved, actor, at, before });
  }
  return { value: saved, events: [event, ...(await recordHandovers(trx, handovers))] };
}
