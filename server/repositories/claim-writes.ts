/**
 * The two commonest writes, each with its history entry and its change event: a change
 * of a claim's own fields (a PATCH, a workflow step) and a new note.
 *
 * PostgreSQL runs each as one statement (data-modifying CTEs): a write's cost there is
 * its round trips to the server, far more than the work in them. The claim the event
 * carries is the one read at the start of the change with the change applied, which
 * the statement writes only if the claim is still at the version read. SQLite runs in
 * this process, where three statements cost no more than one: it writes them in turn
 * and reads the claim back for the event.
 */
import { sql } from 'kysely';
import type { ClaimSummary, Note } from '../../src/domain/claim';
import { isPostgres } from '../database/engine';
import {
  type ClaimChanges,
  type Db,
  findClaim,
  recordClaimEventOf,
  updateClaimReturning,
  versionedUpdate,
} from './claims';
import { type ChangeEvent, eventOfRow, eventRow, recordEvent } from './events';
import { type HistoryInput, historyRow, recordHistory } from './history';
import { insertNote, noteRow } from './notes';

/** Where each column a change may set shows in the claim the API serves, if it does. */
const FIELD_OF_COLUMN = {
  statement: 'statement',
  kind: 'kind',
  verdict: 'verdict',
  rationale: 'rationale',
  assignee: 'assignee',
  stage: 'stage',
  submitted_by: 'submittedBy',
  dismiss_reason: 'dismissReason',
  approved_by: null,
  approved_at: null,
  due_at: 'dueAt',
  stage_since: 'stageSince',
  claimant: 'claimant',
  claimant_type: 'claimantType',
  claim_date: 'claimDate',
  summary: 'summary',
  repeat_of: 'repeatOf',
} as const satisfies Record<keyof ClaimChanges, keyof ClaimSummary | null>;

/** The claim as `versionedUpdate` leaves it (its counts as read: the change leaves them). */
export function claimAfter(
  claim: ClaimSummary,
  changes: ClaimChanges,
  actor: string,
  at: string,
): ClaimSummary {
  const after: Record<string, unknown> = {
    ...claim,
    version: claim.version + 1,
    updatedAt: at,
    updatedBy: actor,
  };
  for (const [column, value] of Object.entries(changes)) {
    const field = FIELD_OF_COLUMN[column as keyof ClaimChanges];
    if (field !== null && value !== undefined) {
      after[field] = value;
    }
  }
  return after as unknown as ClaimSummary;
}

/** `insert into history … select …` of one entry, for a CTE; `from` names the CTE it waits on. */
function historyInsert(entry: HistoryInput, from: string) {
  const row = historyRow(entry);
  return sql`insert into history (claim_id, article_id, at, actor, action, before, after, note, correction)
    select ${row.claim_id}, ${row.article_id}, ${row.at}, ${row.actor}, ${row.action},
      ${row.before}, ${row.after}, ${row.note}, cast(${row.correction} as integer)
    from ${sql.table(from)}`;
}

/**
 * Applies `changes` to `claim` if it is still at the version read, with its history entry
 * and a `claim.updated` event; undefined, and nothing written, when the version moved on.
 */
export async function updateClaimRecorded(
  db: Db,
  claim: ClaimSummary,
  changes: ClaimChanges,
  actor: string,
  at: string,
  history: HistoryInput,
): Promise<{ value: ClaimSummary; event: ChangeEvent } | undefined> {
  if (!isPostgres(db)) {
    const saved = await updateClaimReturning(db, claim, changes, actor, at);
    if (!saved) {
      return undefined;
    }
    await recordHistory(db, history);
    return { value: saved, event: await recordClaimEventOf(db, 'claim.updated', saved) };
  }
  const saved = claimAfter(claim, changes, actor, at);
  const data = { claim: saved };
  const event = eventRow('claim.updated', saved.articleId, saved.id, data);
  const update = versionedUpdate(db, claim.id, claim.version, changes, actor, at).returning('id');
  const { rows } = await sql<{ id: number }>`with saved as (${update}),
    logged as (${historyInsert(history, 'saved')})
    insert into events (at, type, article_id, claim_id, payload)
    select ${event.at}, ${event.type}, ${event.article_id}, ${event.claim_id}, ${event.payload}
    from saved
    returning id`.execute(db);
  const row = rows[0];
  return row ? { value: saved, event: eventOfRow(row.id, event, data) } : undefined;
}

/**
 * Stores a new note of `claim` (read in this transaction), with its history entry and a
 * `note.changed` event carrying the claim with the note counted; answers the claim so.
 */
export async function insertNoteRecorded(
  db: Db,
  claim: ClaimSummary,
  note: Note,
  history: HistoryInput,
): Promise<{ claim: ClaimSummary; event: ChangeEvent }> {
  if (!isPostgres(db)) {
    await insertNote(db, note);
    await recordHistory(db, history);
    const saved = await findClaim(db, claim.id);
    if (!saved) {
      throw new Error(`claim ${claim.id} vanished inside its own transaction`);
    }
    return {
      claim: saved,
      event: await recordEvent(db, 'note.changed', saved.articleId, saved.id, { claim: saved }),
    };
  }
  const saved: ClaimSummary = { ...claim, noteCount: claim.noteCount + 1 };
  const data = { claim: saved };
  const event = eventRow('note.changed', saved.articleId, saved.id, data);
  const values = noteRow(note);
  const { rows } = await sql<{ id: number }>`with noted as (
      insert into notes (id, claim_id, author, author_role, text, created_at, deleted_at, deleted_by, mentions)
      values (${values.id}, ${values.claim_id}, ${values.author}, ${values.author_role}, ${values.text},
        ${values.created_at}, ${values.deleted_at}, ${values.deleted_by}, ${values.mentions})
      returning id
    ),
    logged as (${historyInsert(history, 'noted')})
    insert into events (at, type, article_id, claim_id, payload)
    select ${event.at}, ${event.type}, ${event.article_id}, ${event.claim_id}, ${event.payload}
    from noted
    returning id`.execute(db);
  return { claim: saved, event: eventOfRow(rows[0].id, event, data) };
}
