/**
 * Bulk changes: one operation over many claims, each claim checked by the rules
 * that apply to it alone and changed in a transaction of its own, with its own
 * history entry (marked with the batch id) and change event, exactly as the
 * same change made alone. The batch keeps, per claim changed, the values it
 * replaced and the version it left, so that its author can undo it while
 * nothing else has changed the claim since.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClaimSummary } from '../../src/domain/claim';
import { BULK_UNDO_WINDOW_MS, type BulkOp } from '../../src/domain/desk';
import type { Actor } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { patchClaimIn, transitionClaimIn } from './claim-changes';
import { assertArticleOpen, claimOrThrow } from './claim-guards';
import { type Db, findClaim } from './claims';
import { type ClaimChanges, recordClaimEvent, updateClaimIfVersion } from './claim-updates';
import { recordHistory } from './history';
import { ConflictError, DomainError, ForbiddenError, NotFoundError } from './errors';
import type { ChangeEvent } from './events';
import { now } from './time';
import { writeTransaction } from '../database/transaction';

/** The history action of a claim put back by an undo. */
export const BULK_UNDO_ACTION = 'bulk_undo';

/** The columns each kind of operation changes: what an undo puts back. */
const OP_COLUMNS = {
  assign: ['assignee'],
  due: ['due_at'],
  transition: [
    'stage',
    'stage_since',
    'assignee',
    'submitted_by',
    'dismiss_reason',
    'approved_by',
    'approved_at',
    'verdict',
  ],
} as const satisfies Record<BulkOp['type'], readonly (keyof ClaimChanges)[]>;

type UndoColumn = (typeof OP_COLUMNS)[BulkOp['type']][number];

/** The claim's field names, for history entries people and reports read. */
const FIELD_OF: Readonly<Record<UndoColumn, string>> = {
  assignee: 'assignee',
  due_at: 'dueAt',
  stage: 'stage',
  stage_since: 'stageSince',
  submitted_by: 'submittedBy',
  dismiss_reason: 'dismissReason',
  approved_by: 'approvedBy',
  approved_at: 'approvedAt',
  verdict: 'verdict',
};

/**
 * How the change of one claim went: the claim as it was saved, or why not: a
 * DomainError as the same change alone would have met (with the claim as it
 * stands, which tells the person why: "already dismissed"), or any other
 * error, a fault, for the caller to log.
 */
export type BatchItem =
  | { readonly id: string; readonly claim: ClaimSummary; readonly error?: undefined }
  | { readonly id: string; readonly claim?: ClaimSummary; readonly error: unknown };

export interface BatchOutcome {
  readonly batchId: string;
  /** In the order of the request's ids (or of the batch, for an undo). */
  readonly items: BatchItem[];
  /** To publish: every claim's transaction has committed. */
  readonly events: ChangeEvent[];
}

interface Outcome {
  readonly item: BatchItem;
  readonly events: ChangeEvent[];
}

/** Runs `change` in a transaction of its own and says how it went; never throws. */
async function each(
  db: Kysely<Database>,
  id: string,
  change: (trx: Db) => Promise<{ value: ClaimSummary; events: ChangeEvent[] }>,
): Promise<Outcome> {
  try {
    const { value, events } = await writeTransaction(db, change);
    return { item: { id, claim: value }, events };
  } catch (error) {
    if (error instanceof DomainError && !(error instanceof NotFoundError)) {
      const claim = await findClaim(db, id);
      return { item: { id, error, ...(claim ? { claim } : {}) }, events: [] };
    }
    return { item: { id, error }, events: [] };
  }
}

/** The outcomes as one batch's answer. */
function outcomeOf(batchId: string, outcomes: readonly Outcome[]): BatchOutcome {
  return {
    batchId,
    items: outcomes.map((outcome) => outcome.item),
    events: outcomes.flatMap((outcome) => outcome.events),
  };
}

async function columnsOf(trx: Db, id: string, columns: readonly UndoColumn[]) {
  return trx.selectFrom('claims').select(columns).where('id', '=', id).executeTakeFirst();
}

/** The change of one claim, in its transaction; its undo record when it changed anything. */
async function changeOne(
  trx: Db,
  batchId: string,
  position: number,
  id: string,
  op: BulkOp,
  actor: Actor,
): Promise<{ value: ClaimSummary; events: ChangeEvent[] }> {
  const before = await columnsOf(trx, id, OP_COLUMNS[op.type]);
  const options = { batchId };
  const changed =
    op.type === 'assign'
      ? await patchClaimIn(trx, id, null, { assignee: op.assignee }, actor, options)
      : op.type === 'due'
        ? await patchClaimIn(trx, id, null, { dueAt: op.dueAt }, actor, options)
        : await transitionClaimIn(
            trx,
            id,
            { action: op.action, note: op.note, reason: op.reason },
            actor,
            null,
            { ...options, verdict: op.verdict },
          );
  if (changed.events.length > 0 && before) {
    await trx
      .insertInto('bulk_batch_claims')
      .values({
        batch_id: batchId,
        claim_id: id,
        position,
        before: JSON.stringify(before),
        version_after: changed.value.version,
      })
      .execute();
  }
  return changed;
}

/** Applies `op` to every claim of `ids`, each alone; the results follow the order of `ids`. */
export async function runBatch(
  db: Kysely<Database>,
  ids: readonly string[],
  op: BulkOp,
  actor: Actor,
): Promise<BatchOutcome> {
  const batchId = randomUUID();
  await db
    .insertInto('bulk_batches')
    .values({
      id: batchId,
      author: actor.username,
      created_at: now(),
      op: JSON.stringify(op),
      undone_at: null,
    })
    .execute();
  // Started together, so that the claims' transactions share group commits.
  const outcomes = await Promise.all(
    ids.map((id, position) =>
      each(db, id, (trx) => changeOne(trx, batchId, position, id, op, actor)),
    ),
  );
  return outcomeOf(batchId, outcomes);
}

/** Claims a batch to undo, once: only its author, within the undo window. */
async function claimBatchForUndo(db: Kysely<Database>, batchId: string, actor: Actor) {
  const batch = await db
    .selectFrom('bulk_batches')
    .selectAll()
    .where('id', '=', batchId)
    .executeTakeFirst();
  if (!batch) {
    throw new NotFoundError('Bulk change', batchId);
  }
  if (batch.author !== actor.username) {
    throw new ForbiddenError(
      `Only ${batch.author}, who made this bulk change, can undo it.`,
      'not_author',
    );
  }
  if (batch.undone_at !== null) {
    throw new ConflictError('This bulk change has been undone already.', 'already_undone');
  }
  if (Date.parse(batch.created_at) + BULK_UNDO_WINDOW_MS < Date.now()) {
    const minutes = Math.round(BULK_UNDO_WINDOW_MS / 60_000);
    throw new ConflictError(
      `A bulk change can be undone for ${minutes} minutes; this one is older.`,
      'undo_expired',
    );
  }
  // The row decides between two undos sent at once: only one of them marks it.
  const marked = await db
    .updateTable('bulk_batches')
    .set({ undone_at: now() })
    .where('id', '=', batchId)
    .where('undone_at', 'is', null)
    .executeTakeFirst();
  if (Number(marked.numUpdatedRows) !== 1) {
    throw new ConflictError('This bulk change has been undone already.', 'already_undone');
  }
  return { op: JSON.parse(batch.op) as BulkOp };
}

/** Puts one claim back as the batch found it, if the batch's version is still its version. */
async function undoOne(
  trx: Db,
  batchId: string,
  op: BulkOp,
  item: { claim_id: string; before: string; version_after: number },
  actor: Actor,
): Promise<{ value: ClaimSummary; events: ChangeEvent[] }> {
  const id = item.claim_id;
  const claim = await claimOrThrow(trx, id);
  await assertArticleOpen(trx, claim.articleId);
  if (claim.version !== item.version_after) {
    throw new ConflictError(
      `${claim.updatedBy ?? 'Someone'} changed this claim after the bulk change ` +
        `(it is now version ${claim.version}), so it was left as it is.`,
      'changed_since',
    );
  }
  const columns = OP_COLUMNS[op.type];
  const stored = JSON.parse(item.before) as Record<string, unknown>;
  const current = ((await columnsOf(trx, id, columns)) ?? {}) as Record<string, unknown>;
  const restore: Record<string, unknown> = {};
  const before: Record<string, unknown> = {};
  const after: Record<string, unknown> = {};
  for (const column of columns) {
    restore[column] = stored[column] ?? null;
    before[FIELD_OF[column]] = current[column] ?? null;
    after[FIELD_OF[column]] = stored[column] ?? null;
  }
  const at = now();
  if (
    !(await updateClaimIfVersion(
      trx,
      id,
      claim.version,
      restore as ClaimChanges,
      actor.username,
      at,
    ))
  ) {
    throw new ConflictError(
      'Someone changed this claim during the undo; it was left as it is.',
      'changed_since',
    );
  }
  await recordHistory(trx, {
    claimId: id,
    articleId: claim.articleId,
    actor: actor.username,
    action: BULK_UNDO_ACTION,
    before,
    after: { ...after, batchId },
    at,
  });
  const { event, claim: saved } = await recordClaimEvent(trx, 'claim.updated', id);
  return { value: saved, events: [event] };
}

/** Undoes a batch: each claim it changed, alone; a claim changed since stays as it is. */
export async function undoBatch(
  db: Kysely<Database>,
  batchId: string,
  actor: Actor,
): Promise<BatchOutcome> {
  const { op } = await claimBatchForUndo(db, batchId, actor);
  const items = await db
    .selectFrom('bulk_batch_claims')
    .select(['claim_id', 'before', 'version_after'])
    .where('batch_id', '=', batchId)
    .orderBy('position')
    .execute();
  const outcomes = await Promise.all(
    items.map((item) => each(db, item.claim_id, (trx) => undoOne(trx, batchId, op, item, actor))),
  );
  return outcomeOf(batchId, outcomes);
}
