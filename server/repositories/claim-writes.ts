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
import { queryTemplate, queryTemplates } from '../database/query-template';
import { type Db, findClaim } from './claims';
import {
  type ClaimChanges,
  recordClaimEventOf,
  updateClaimReturning,
  versionedUpdate,
} from './claim-updates';
import { type ChangeEvent, eventOfRow, eventRow, recordEvent } from './events';
import { type HistoryInput, historyRow, recordHistory } from './history';
import { insertNote, noteRow } from './notes';
import { claimEventPayloadSql } from './claim-summary-json';
import { now } from './time';

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

/**
 * Adds a row's columns to a template's values, each name prefixed (history and event rows
 * share some); a plain loop, as this runs on every write.
 */
function withPrefixed(
  values: Record<string, unknown>,
  prefix: string,
  row: Record<string, unknown>,
): Record<string, unknown> {
  for (const name in row) {
    values[prefix + name] = row[name];
  }
  return values;
}

/** `insert into history … select …` of the entry in values `h_*`, for a CTE; `from` names the CTE it waits on. */
function historyInsert(values: Record<string, unknown>, from: string) {
  const v = (name: keyof ReturnType<typeof historyRow>) => values[`h_${name}`];
  return sql`insert into history (claim_id, article_id, at, actor, action, before, after, note, correction)
    select ${v('claim_id')}, ${v('article_id')}, ${v('at')}, ${v('actor')}, ${v('action')},
      ${v('before')}, ${v('after')}, ${v('note')}, cast(${v('correction')} as integer)
    from ${sql.table(from)}`;
}

/** `insert into events … select … returning id` of the event in values `e_*`, after CTE `from`. */
function eventInsert(values: Record<string, unknown>, from: string) {
  const v = (name: keyof ReturnType<typeof eventRow>) => values[`e_${name}`];
  return sql`insert into events (at, type, article_id, claim_id, payload)
    select ${v('at')}, ${v('type')}, ${v('article_id')}, ${v('claim_id')}, ${v('payload')}
    from ${sql.table(from)}
    returning id`;
}

/**
 * PostgreSQL: the claim's UPDATE (the columns in `shape`, values `c_*`), its history entry
 * and its event as one statement, compiled once per set of columns.
 */
const claimUpdateStatement = queryTemplates(
  (columns: readonly (keyof ClaimChanges)[]) => columns.join(','),
  (db, values: Record<string, unknown>, columns) => {
    const changes = Object.fromEntries(columns.map((column) => [column, values[`c_${column}`]]));
    const update = versionedUpdate(
      db,
      values['id'] as string,
      values['version'] as number,
      changes as ClaimChanges,
      values['actor'] as string,
      values['at'] as string,
    ).returning('id');
    return sql<{ id: number }>`with saved as (${update}),
      logged as (${historyInsert(values, 'saved')})
      ${eventInsert(values, 'saved')}`;
  },
);

/** PostgreSQL: a new note (values `n_*`), its history entry and its event as one statement. */
const noteInsertStatement = queryTemplate((_db, values: Record<string, unknown>) => {
  const v = (name: keyof ReturnType<typeof noteRow>) => values[`n_${name}`];
  return sql<{ id: number }>`with noted as (
      insert into notes (id, claim_id, author, author_role, text, created_at, deleted_at, deleted_by, mentions)
      values (${v('id')}, ${v('claim_id')}, ${v('author')}, ${v('author_role')}, ${v('text')},
        ${v('created_at')}, ${v('deleted_at')}, ${v('deleted_by')}, ${v('mentions')})
      returning id
    ),
    logged as (${historyInsert(values, 'noted')})
    ${eventInsert(values, 'noted')}`;
});

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
  // Columns in one order, so that a shape is one template however the change was built.
  const columns = (Object.keys(changes) as (keyof ClaimChanges)[]).sort();
  const values: Record<string, unknown> = { id: claim.id, version: claim.version, actor, at };
  for (const column of columns) {
    values[`c_${column}`] = changes[column];
  }
  withPrefixed(values, 'h_', historyRow(history));
  const { rows } = await claimUpdateStatement(db, columns, withPrefixed(values, 'e_', event));
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
  const values = withPrefixed({}, 'n_', noteRow(note));
  withPrefixed(values, 'h_', historyRow(history));
  const { rows } = await noteInsertStatement(db, withPrefixed(values, 'e_', event));
  return { claim: saved, event: eventOfRow(rows[0].id, event, data) };
}

/**
 * PostgreSQL: a new note of a claim that is there, whose article is not archived, on a
 * desk with no active webhook, as ONE statement with no read before it: the claim is
 * read inside the statement, which writes the note, its history entry and its
 * `note.changed` event (the claim with the note counted, as JSON built by the statement,
 * claim-summary-json.ts) only when all three hold. The checks and the writes then see
 * one snapshot, and the write costs one round trip instead of two.
 */
const noteInsertCheckedStatement = queryTemplate((_db, values: Record<string, unknown>) => {
  const n = (name: keyof ReturnType<typeof noteRow>) => values[`n_${name}`];
  const h = (name: keyof ReturnType<typeof historyRow>) => values[`h_${name}`];
  return sql<{ id: number; payload: string }>`with target as (
      select c.id, c.article_id, ${claimEventPayloadSql(1)} as payload
      from claims c join articles a on a.id = c.article_id
      where c.id = ${n('claim_id')} and a.archived = 0
        and not exists (select 1 from webhooks w where w.active = 1)
    ),
    noted as (
      insert into notes (id, claim_id, author, author_role, text, created_at, deleted_at, deleted_by, mentions)
      select ${n('id')}, target.id, ${n('author')}, ${n('author_role')}, ${n('text')},
        ${n('created_at')}, ${n('deleted_at')}, ${n('deleted_by')}, ${n('mentions')}
      from target
    ),
    logged as (
      insert into history (claim_id, article_id, at, actor, action, before, after, note, correction)
      select target.id, target.article_id, ${h('at')}, ${h('actor')}, ${h('action')},
        ${h('before')}, ${h('after')}, ${h('note')}, cast(${h('correction')} as integer)
      from target
    )
    insert into events (at, type, article_id, claim_id, payload)
    select ${values['e_at']}, ${values['e_type']}, target.article_id, target.id, target.payload
    from target
    returning id, payload`;
});

/**
 * PostgreSQL: `note` with its history entry (of the claim's article, which the statement
 * reads) and its `note.changed` event, in one statement, when its claim exists, its
 * article is not archived and no webhook is active; undefined, and nothing written,
 * otherwise (the caller then takes the path that tells which, or that queues the
 * webhooks' deliveries). The caller has made sure the note hands nothing over.
 */
export async function insertNoteChecked(
  db: Db,
  note: Note,
  history: Omit<HistoryInput, 'articleId'>,
): Promise<ChangeEvent | undefined> {
  // The statement takes the claim and its article from the row it reads.
  const entry: Record<string, unknown> = historyRow({ ...history, articleId: '' });
  delete entry['article_id'];
  delete entry['claim_id'];
  const type = 'note.changed';
  const values = withPrefixed({ e_at: now(), e_type: type }, 'n_', noteRow(note));
  const { rows } = await noteInsertCheckedStatement(db, withPrefixed(values, 'h_', entry));
  const written = rows[0];
  if (!written) {
    return undefined;
  }
  const data = JSON.parse(written.payload) as { claim: ClaimSummary };
  return {
    id: written.id,
    at: values['e_at'] as string,
    type,
    articleId: data.claim.articleId,
    claimId: note.claimId,
    data,
  };
}
