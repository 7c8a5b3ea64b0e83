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
 * A deleted note's text is blanked wherever history holds it, by the same
 * fragments as the history API (repositories/claims.ts). Who and when stay.
 */
import { sql } from 'kysely';
import { HISTORY_AFTER, HISTORY_BEFORE, HISTORY_NOTE } from '../repositories/claims';

/** One history entry of `history h` as JSON text. */
export const historyEntryJson = sql<string>`'{"at":' || json_quote(h.at)
  || ',"actor":' || json_quote(h.actor) || ',"action":' || json_quote(h.action)
  || ',"before":' || coalesce(${HISTORY_BEFORE}, 'null')
  || ',"after":' || coalesce(${HISTORY_AFTER}, 'null')
  || ',"note":' || json_quote(${HISTORY_NOTE})
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
