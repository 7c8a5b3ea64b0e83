/**
 * The article file format's evidence, notes and history entries as JSON text,
 * built by SQLite: both the JSON report (which sends the text as it is) and
 * the other formats (which parse it once per table) take them from here, so
 * that what a report leaves out it leaves out in every format.
 *
 * History entries are spliced together from their columns rather than with
 * `json_object(… json(before) …)`: `before` and `after` are JSON text already
 * (always written by JSON.stringify), parsing them again costs time, and
 * SQLite's JSON parser refuses nesting deeper than 1,000 levels, which the
 * file format allowed before it was restricted to flat records.
 *
 * A deleted note's text is blanked wherever history holds it: `after.text`
 * of its `note_add` entry, `before.text` of its `note_delete` entry, and the
 * note of the workflow action that wrote it into the thread (same claim,
 * author and time). Who and when stay.
 */
import { sql } from 'kysely';
import { ACTIONS } from '../../src/domain/workflow';

/** A deleted note of the entry `h` (by the id in its `field`). */
const deletedNote = (field: 'before' | 'after') =>
  `exists (select 1 from notes n where n.id = h.${field} ->> '$.id' and n.deleted_at is not null)`;

const WORKFLOW_ACTIONS = ACTIONS.map((action) => `'${action}'`).join(', ');

/** The entry's note, blank when it is also a note of the thread that was deleted since. */
const NOTE = `case when h.note is not null and h.action in (${WORKFLOW_ACTIONS}) and exists (
    select 1 from notes n where n.claim_id = h.claim_id and n.created_at = h.at
      and n.author = h.actor and n.deleted_at is not null
  ) then '' else h.note end`;

/** CASE, not AND: SQLite promises the order of CASE branches, and `->>` must not read invalid JSON. */
const BEFORE = `case when h.action <> 'note_delete' then h.before
    when json_valid(h.before) then json_replace(h.before, '$.text', '') else h.before end`;
const AFTER = `case when h.action <> 'note_add' then h.after
    when not json_valid(h.after) then h.after
    when ${deletedNote('after')} then json_replace(h.after, '$.text', '') else h.after end`;

/** One history entry of `history h` as JSON text. */
export const historyEntryJson = sql<string>`'{"at":' || json_quote(h.at)
  || ',"actor":' || json_quote(h.actor) || ',"action":' || json_quote(h.action)
  || ',"before":' || coalesce(${sql.raw(BEFORE)}, 'null')
  || ',"after":' || coalesce(${sql.raw(AFTER)}, 'null')
  || ',"note":' || json_quote(${sql.raw(NOTE)})
  || ',"correction":' || iif(h.correction, 'true', 'false') || '}'`;

/** One evidence item of `evidence e` as JSON text. */
export const evidenceJson = sql<string>`json_object(
  'id', e.id, 'url', e.url, 'title', e.title, 'publisher', e.publisher, 'stance', e.stance,
  'sourceType', e.source_type, 'quote', e.quote, 'archivedUrl', e.archived_url,
  'accessedAt', e.accessed_at, 'createdAt', e.created_at, 'createdBy', e.created_by)`;

/** One note of `notes n` as JSON text; a deleted one keeps its tombstone: who, when, no text. */
export const noteJson = sql<string>`json_object(
  'id', n.id, 'author', n.author, 'authorRole', n.author_role,
  'text', iif(n.deleted_at is null, n.text, ''), 'createdAt', n.created_at,
  'deletedAt', n.deleted_at, 'deletedBy', n.deleted_by)`;

/** The order of each claim's items in the file format. */
export const EVIDENCE_ORDER = sql.raw('e.created_at, e.id');
export const NOTE_ORDER = sql.raw('n.created_at, n.id');
export const HISTORY_ORDER = sql.raw('h.id');
