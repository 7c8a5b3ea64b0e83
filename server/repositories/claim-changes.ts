/**
 * Every change to a claim, its evidence and notes: checked against the shared
 * workflow rules and written in one transaction with its history entry and its
 * change event, so that nothing is ever half-written.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClaimKind, ClaimSummary, Evidence, Note } from '../../src/domain/claim';
import { mayDeleteNote } from '../../src/domain/notes';
import type { Verdict } from '../../src/domain/verdicts';
import {
  Action,
  ActionInput,
  Actor,
  applyAction,
  canEditField,
  DismissReason,
  EditableField,
} from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { ProblemError } from '../plugins/problems';
import { findArticleText } from './articles';
import {
  ClaimChanges,
  claimIdTaken,
  Db,
  findClaim,
  insertClaim,
  recordClaimEvent,
  recordHistory,
  updateClaimIfVersion,
} from './claims';
import type { ChangeEvent } from './events';
import {
  deleteEvidence,
  EvidenceFields,
  findEvidence,
  insertEvidence,
  updateEvidence,
} from './evidence';
import { findNote, insertNote, tombstoneNote } from './notes';
import { now } from './time';

export interface Changed<T> {
  readonly value: T;
  /** Events to publish once the transaction has committed. */
  readonly events: ChangeEvent[];
}

function notFound(what: string): ProblemError {
  return new ProblemError({ title: 'Not found', status: 404, detail: `${what} does not exist.` });
}

async function claimOrThrow(db: Db, id: string): Promise<ClaimSummary> {
  const claim = await findClaim(db, id);
  if (!claim) {
    throw notFound(`Claim ${id}`);
  }
  return claim;
}

function refuseField(claim: ClaimSummary, actor: Actor, field: EditableField): void {
  const decision = canEditField(claim, actor, field);
  if (!decision.allowed) {
    throw new ProblemError({
      title: 'Not allowed',
      status: 403,
      detail: decision.refusal.message,
      field: field === 'evidence' ? undefined : `/body/${field}`,
      code: decision.refusal.code,
    });
  }
}

async function assertActiveUser(db: Db, username: string, field: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  if (!user) {
    throw new ProblemError({
      title: 'Invalid request',
      status: 400,
      detail: `${field} must be the username of an active user; "${username}" is not.`,
      field,
    });
  }
}

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
  const text = await findArticleText(trx, articleId);
  if (text === undefined) {
    throw notFound(`Article ${articleId}`);
  }
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
    },
    at,
  });
  const { event, claim } = await recordClaimEvent(trx, 'claim.created', id);
  return { value: claim, events: [event] };
}

export interface ClaimPatch {
  statement?: string;
  kind?: ClaimKind;
  verdict?: Verdict | null;
  rationale?: string | null;
  assignee?: string | null;
}

function staleProblem(current: ClaimSummary): ProblemError {
  return new ProblemError({
    title: 'Precondition failed',
    status: 412,
    detail: `Someone else changed this claim (now version ${current.version}) since you loaded it.`,
    code: 'stale',
    current,
  });
}

export async function patchClaim(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  patch: ClaimPatch,
  actor: Actor,
): Promise<Changed<ClaimSummary>> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimOrThrow(trx, id);
    if (claim.version !== expectedVersion) {
      throw staleProblem(claim);
    }
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    const changes: ClaimChanges = {};
    for (const field of ['statement', 'kind', 'verdict', 'rationale', 'assignee'] as const) {
      if (!(field in patch)) {
        continue;
      }
      let value = patch[field];
      if (typeof value === 'string') {
        value = value.trim();
        if (value === '' && field !== 'statement' && field !== 'kind') {
          value = null;
        }
      }
      if (value === claim[field]) {
        continue;
      }
      refuseField(claim, actor, field);
      if (field === 'assignee' && typeof value === 'string') {
        await assertActiveUser(trx, value, '/body/assignee');
      }
      before[field] = claim[field];
      after[field] = value;
      Object.assign(changes, { [field]: value });
    }
    if (Object.keys(changes).length === 0) {
      return { value: claim, events: [] };
    }
    const at = now();
    if (!(await updateClaimIfVersion(trx, id, expectedVersion, changes, actor.username, at))) {
      throw staleProblem(await claimOrThrow(trx, id));
    }
    await recordHistory(trx, {
      claimId: id,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'update',
      before,
      after,
      at,
    });
    const { event, claim: saved } = await recordClaimEvent(trx, 'claim.updated', id);
    return { value: saved, events: [event] };
  });
}

export interface TransitionInput {
  readonly action: Action;
  readonly note?: string;
  readonly reason?: DismissReason;
  readonly assignee?: string;
}

export async function transitionClaim(
  db: Kysely<Database>,
  id: string,
  input: TransitionInput,
  actor: Actor,
  expectedVersion: number | null,
): Promise<Changed<ClaimSummary>> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimOrThrow(trx, id);
    if (expectedVersion !== null && claim.version !== expectedVersion) {
      throw staleProblem(claim);
    }
    const actionInput: ActionInput = input;
    const result = applyAction(claim, actor, input.action, actionInput);
    if (!result.ok) {
      throw new ProblemError({
        title: 'Action refused',
        status: 409,
        detail: result.refusal.message,
        code: result.refusal.code,
      });
    }
    const { outcome } = result;
    if (input.action === 'start' && outcome.assignee && outcome.assignee !== actor.username) {
      await assertActiveUser(trx, outcome.assignee, '/body/assignee');
    }
    const at = now();
    const changes: ClaimChanges = {
      stage: outcome.stage,
      assignee: outcome.assignee,
      submitted_by: outcome.submittedBy,
      ...(outcome.stage !== claim.stage ? { stage_since: at } : {}),
      ...(input.action === 'dismiss' ? { dismiss_reason: input.reason ?? null } : {}),
      ...(input.action === 'restore' ? { dismiss_reason: null } : {}),
      ...(input.action === 'approve' ? { approved_by: actor.username, approved_at: at } : {}),
      ...(input.action === 'reopen' ? { approved_by: null, approved_at: null } : {}),
    };
    if (!(await updateClaimIfVersion(trx, id, claim.version, changes, actor.username, at))) {
      throw staleProblem(await claimOrThrow(trx, id));
    }
    const note = input.note?.trim() || null;
    if (note) {
      // The note that comes with an action belongs in the thread the checker reads.
      await insertNote(trx, {
        id: randomUUID(),
        claimId: id,
        author: actor.username,
        authorRole: actor.role,
        text: note,
        createdAt: at,
        deletedAt: null,
        deletedBy: null,
      });
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
        verdict: claim.verdict,
        ...(input.reason ? { reason: input.reason } : {}),
      },
      note,
      correction: outcome.correction,
      at,
    });
    const { event, claim: saved } = await recordClaimEvent(trx, 'claim.updated', id);
    return { value: saved, events: [event] };
  });
}

export type EvidenceInput = Omit<
  EvidenceFields,
  'publisher' | 'quote' | 'archivedUrl' | 'accessedAt'
> & {
  publisher?: string | null;
  quote?: string | null;
  archivedUrl?: string | null;
  accessedAt?: string | null;
};

/** The link's host, the default publisher; the link itself should a stored one not parse. */
function hostOf(url: string): string {
  try {
    return new URL(url).host || url;
  } catch {
    return url;
  }
}

function withDefaults(input: EvidenceInput): EvidenceFields {
  return {
    url: input.url,
    title: input.title.trim(),
    publisher: input.publisher?.trim() || hostOf(input.url),
    stance: input.stance,
    sourceType: input.sourceType,
    quote: input.quote?.trim() || null,
    archivedUrl: input.archivedUrl || null,
    accessedAt: input.accessedAt || null,
  };
}

export async function addEvidence(
  db: Kysely<Database>,
  claimId: string,
  input: EvidenceInput,
  actor: Actor,
): Promise<Changed<Evidence>> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimOrThrow(trx, claimId);
    refuseField(claim, actor, 'evidence');
    const at = now();
    const evidence: Evidence = {
      ...withDefaults(input),
      id: randomUUID(),
      claimId,
      createdAt: at,
      createdBy: actor.username,
    };
    await insertEvidence(trx, evidence);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'evidence_add',
      before: null,
      after: { ...withDefaults(input), id: evidence.id },
      at,
    });
    const { event } = await recordClaimEvent(trx, 'evidence.changed', claimId);
    return { value: evidence, events: [event] };
  });
}

/** The claim and the evidence link a change is about, once the actor may change it. */
async function evidenceForChange(
  trx: Db,
  claimId: string,
  evidenceId: string,
  actor: Actor,
): Promise<{ claim: ClaimSummary; current: Evidence }> {
  const claim = await claimOrThrow(trx, claimId);
  const current = await findEvidence(trx, claimId, evidenceId);
  if (!current) {
    throw notFound(`Evidence ${evidenceId}`);
  }
  refuseField(claim, actor, 'evidence');
  return { claim, current };
}

export async function changeEvidence(
  db: Kysely<Database>,
  claimId: string,
  evidenceId: string,
  patch: Partial<EvidenceInput>,
  actor: Actor,
): Promise<Changed<Evidence>> {
  return db.transaction().execute(async (trx) => {
    const { claim, current } = await evidenceForChange(trx, claimId, evidenceId, actor);
    const merged = withDefaults({
      ...current,
      ...patch,
      // A new URL with no publisher given takes the new host, not the old publisher.
      publisher: 'publisher' in patch ? patch.publisher : patch.url ? null : current.publisher,
    });
    const updated: Evidence = { ...current, ...merged };
    const before: Record<string, unknown> = {};
    const after: Record<string, unknown> = {};
    for (const key of Object.keys(merged) as (keyof EvidenceFields)[]) {
      if (merged[key] !== current[key]) {
        before[key] = current[key];
        after[key] = merged[key];
      }
    }
    if (Object.keys(after).length === 0) {
      return { value: current, events: [] };
    }
    await updateEvidence(trx, updated);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'evidence_update',
      before: { id: evidenceId, ...before },
      after: { id: evidenceId, ...after },
      at: now(),
    });
    const { event } = await recordClaimEvent(trx, 'evidence.changed', claimId);
    return { value: updated, events: [event] };
  });
}

export async function removeEvidence(
  db: Kysely<Database>,
  claimId: string,
  evidenceId: string,
  actor: Actor,
): Promise<Changed<null>> {
  return db.transaction().execute(async (trx) => {
    const { claim, current } = await evidenceForChange(trx, claimId, evidenceId, actor);
    await deleteEvidence(trx, evidenceId);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'evidence_remove',
      before: { ...current },
      after: null,
      at: now(),
    });
    const { event } = await recordClaimEvent(trx, 'evidence.changed', claimId);
    return { value: null, events: [event] };
  });
}

export async function addNote(
  db: Kysely<Database>,
  claimId: string,
  text: string,
  actor: Actor,
): Promise<Changed<Note>> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimOrThrow(trx, claimId);
    const note: Note = {
      id: randomUUID(),
      claimId,
      author: actor.username,
      authorRole: actor.role,
      text,
      createdAt: now(),
      deletedAt: null,
      deletedBy: null,
    };
    await insertNote(trx, note);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'note_add',
      before: null,
      after: { id: note.id, text },
      at: note.createdAt,
    });
    const { event } = await recordClaimEvent(trx, 'note.changed', claimId);
    return { value: note, events: [event] };
  });
}

export async function deleteNote(
  db: Kysely<Database>,
  claimId: string,
  noteId: string,
  actor: Actor,
): Promise<Changed<Note>> {
  return db.transaction().execute(async (trx) => {
    const claim = await claimOrThrow(trx, claimId);
    const note = await findNote(trx, claimId, noteId);
    if (!note || note.deletedAt) {
      throw notFound(`Note ${noteId}`);
    }
    if (!mayDeleteNote(note, actor)) {
      throw new ProblemError({
        title: 'Not allowed',
        status: 403,
        detail: 'Only the author or an editor can delete a note.',
      });
    }
    const at = now();
    await tombstoneNote(trx, noteId, actor.username, at);
    await recordHistory(trx, {
      claimId,
      articleId: claim.articleId,
      actor: actor.username,
      action: 'note_delete',
      before: { id: noteId, text: note.text, author: note.author },
      after: { id: noteId, deleted: true },
      at,
    });
    const { event } = await recordClaimEvent(trx, 'note.changed', claimId);
    const deleted = await findNote(trx, claimId, noteId);
    return { value: deleted ?? note, events: [event] };
  });
}
