/**
 * A deleted note's text is blanked wherever history holds it, on every read
 * (the history API and every report): `after.text` of its `note_add` entry,
 * `before.text` of its `note_delete` entry, and the note of the workflow action
 * that wrote it into the thread (same claim, author and time); likewise in an
 * `import` entry that records one of these from a file (`fileAction`, `fileAt`;
 * the importer is the author of the imported notes). Who and when stay.
 *
 * One rule, two implementations. SQLite: SQL fragments over `history h`, which
 * the reports splice into the SQL that writes their JSON (no row reaches JS).
 * PostgreSQL has no `json_valid` before version 16 and a `::jsonb` cast of text
 * that is not JSON fails the whole query, so there the rule runs in TypeScript
 * over the rows and the deleted notes they could name. The tests run on both.
 */
import { type Kysely, sql, type Transaction } from 'kysely';
import { ACTIONS } from '../../src/domain/workflow';
import type { Database } from '../database/schema';

type Db = Kysely<Database> | Transaction<Database>;

// --- SQLite ------------------------------------------------------------------------------

// CASE, not AND: SQLite promises the order of CASE branches, and `->>` must not read invalid JSON.

/** A deleted note with the id in `h.after` (its `note_add`). */
const DELETED_NOTE_OF_AFTER = `exists (select 1 from notes n
    where n.id = h.after ->> '$.id' and n.deleted_at is not null)`;

/** A deleted note of the thread written at `at` by the entry's actor. */
const deletedThreadNote = (at: string) => `exists (select 1 from notes n
    where n.claim_id = h.claim_id and n.created_at = ${at}
      and n.author = h.actor and n.deleted_at is not null)`;

const WORKFLOW_ACTIONS = ACTIONS.map((action) => `'${action}'`).join(', ');
const FILE_ACTION = `h.after ->> '$.fileAction'`;
const BLANK_BEFORE = `case when json_valid(h.before)
    then json_replace(h.before, '$.text', '') else h.before end`;

/** The entry's note, blank when it is also a note of the thread that was deleted since. */
export const HISTORY_NOTE = sql.raw<string | null>(`case
    when h.note is null then null
    when h.action in (${WORKFLOW_ACTIONS}) then
      case when ${deletedThreadNote('h.at')} then '' else h.note end
    when h.action <> 'import' or not json_valid(h.after) then h.note
    when ${FILE_ACTION} in (${WORKFLOW_ACTIONS}) and ${deletedThreadNote(`h.after ->> '$.fileAt'`)}
      then ''
    else h.note end`);

/** The entry's `before` as JSON text: a `note_delete` is always of a deleted note. */
export const HISTORY_BEFORE = sql.raw<string | null>(`case
    when h.action = 'note_delete' then ${BLANK_BEFORE}
    when h.action <> 'import' or not json_valid(h.after) then h.before
    when ${FILE_ACTION} = 'note_delete' then ${BLANK_BEFORE}
    else h.before end`);

/** The entry's `after` as JSON text. */
export const HISTORY_AFTER = sql.raw<string | null>(`case
    when h.action not in ('note_add', 'import') or not json_valid(h.after) then h.after
    when h.action = 'import' and coalesce(${FILE_ACTION}, '') <> 'note_add' then h.after
    when ${DELETED_NOTE_OF_AFTER} then json_replace(h.after, '$.text', '')
    else h.after end`);

// --- PostgreSQL (the same rule in TypeScript) ----------------------------------------------

/** A history row as stored: `before` and `after` are JSON text (or, in damaged data, not). */
export interface StoredHistory {
  readonly claim_id: string;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly before: string | null;
  readonly after: string | null;
  readonly note: string | null;
}

/** The deleted notes a set of history rows could name. */
interface DeletedNotes {
  readonly ids: ReadonlySet<string>;
  /** `claim_id`, `created_at` and `author`, joined by NUL. */
  readonly thread: ReadonlySet<string>;
}

const WORKFLOW = new Set<string>(ACTIONS);
const threadKey = (claimId: string, at: string, author: string) =>
  `${claimId}\u0000${at}\u0000${author}`;

/** The JSON object in `text`; undefined for anything else, as `json_valid` and `->>` see it. */
function jsonObject(text: string | null): Record<string, unknown> | undefined {
  if (text === null) {
    return undefined;
  }
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** A field of the object as SQLite's `->>` compares it with a text column. */
function textField(object: Record<string, unknown> | undefined, key: string): string | null {
  const value = object && Object.hasOwn(object, key) ? object[key] : null;
  return typeof value === 'string' || typeof value === 'number' ? String(value) : null;
}

/** `json_replace(text, '$.text', '')`: the text with its `text` field blanked, if it has one. */
function blankText(text: string | null): string | null {
  const object = jsonObject(text);
  return object && Object.hasOwn(object, 'text') ? JSON.stringify({ ...object, text: '' }) : text;
}

/** The entry's note, `before` and `after` (JSON text) with deleted notes' text blanked. */
/** `after` as an object where the rule reads it: only these two actions' rules do. */
const afterRead = (row: StoredHistory) =>
  row.action === 'import' || row.action === 'note_add' ? jsonObject(row.after) : undefined;

function blankRow(
  row: StoredHistory,
  after: Record<string, unknown> | undefined,
  deleted: DeletedNotes,
) {
  const fileAction = after ? textField(after, 'fileAction') : null;
  const isImport = row.action === 'import' && after !== undefined;
  const deletedThreadNoteAt = (at: string | null) =>
    at !== null && deleted.thread.has(threadKey(row.claim_id, at, row.actor));

  let note = row.note;
  if (note !== null) {
    if (WORKFLOW.has(row.action)) {
      note = deletedThreadNoteAt(row.at) ? '' : note;
    } else if (
      isImport &&
      fileAction !== null &&
      WORKFLOW.has(fileAction) &&
      deletedThreadNoteAt(textField(after, 'fileAt'))
    ) {
      note = '';
    }
  }
  const before =
    row.action === 'note_delete' || (isImport && fileAction === 'note_delete')
      ? blankText(row.before)
      : row.before;
  const id = textField(after, 'id');
  const blanksAfter =
    (row.action === 'note_add' || (isImport && fileAction === 'note_add')) &&
    after !== undefined &&
    id !== null &&
    deleted.ids.has(id);
  return { note, before, after: blanksAfter ? blankText(row.after) : row.after };
}

/** The deleted notes that rows of history could name: by id (from `after`) or by thread. */
async function deletedNotesFor(
  db: Db,
  rows: readonly StoredHistory[],
  afters: readonly (Record<string, unknown> | undefined)[],
): Promise<DeletedNotes> {
  const claimIds = new Set<string>();
  const noteIds = new Set<string>();
  rows.forEach((row, index) => {
    claimIds.add(row.claim_id);
    const id = textField(afters[index], 'id');
    if (id !== null) {
      noteIds.add(id);
    }
  });
  if (claimIds.size === 0) {
    return { ids: new Set(), thread: new Set() };
  }
  const { rows: notes } = await sql<{
    id: string;
    claim_id: string;
    created_at: string;
    author: string;
  }>`select id, claim_id, created_at, author from notes
    where deleted_at is not null and (claim_id = any(${[...claimIds]}) or id = any(${[...noteIds]}))`.execute(
    db,
  );
  return {
    ids: new Set(notes.map((n) => n.id)),
    thread: new Set(notes.map((n) => threadKey(n.claim_id, n.created_at, n.author))),
  };
}

/**
 * The rows with deleted notes' text blanked, as HISTORY_NOTE, HISTORY_BEFORE and
 * HISTORY_AFTER give them on SQLite (`before` and `after` stay JSON text).
 */
export async function blankDeletedNotes<T extends StoredHistory>(
  db: Db,
  rows: readonly T[],
): Promise<T[]> {
  const afters = rows.map(afterRead);
  const deleted = await deletedNotesFor(db, rows, afters);
  return rows.map((row, index) => ({ ...row, ...blankRow(row, afters[index], deleted) }));
}
