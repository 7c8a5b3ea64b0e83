/**
 * The report queries on SQLite: each claim's evidence, notes and history
 * entries as JSON text, written by SQLite. The JSON report takes a whole
 * claim's JSON as bytes (no UTF-8 decode, parse or stringify in JS), the other
 * formats one JSON document per table, parsed once: for tens of thousands of
 * rows about twice as fast as a row object each mapped in JS. PostgreSQL's
 * counterparts are in report-postgres.ts; report-data.ts chooses.
 *
 * History entries are spliced together from their columns rather than with
 * `json_object(… json(before) …)`: `before` and `after` are JSON text already
 * (always written by JSON.stringify), parsing them again costs time, and
 * SQLite's JSON parser refuses nesting deeper than 1,000 levels, which the
 * file format allowed before it was restricted to flat records.
 *
 * A deleted note's text is blanked wherever history holds it, by the same
 * fragments as the history API (report-history.ts). Who and when stay.
 */
import { type RawBuilder, sql, type Transaction } from 'kysely';
import { FIELD_CHANGE_ACTIONS, NOT_FIELDS } from '../../src/domain/history-changes';
import type { Database } from '../database/schema';
import { HISTORY_AFTER, HISTORY_BEFORE, HISTORY_NOTE } from './report-history';
import type { ClaimIds, ClaimItems, Grouped, HistoryMode, JsonClaimRow } from './report-data';
import type { ExportedEvidence, ExportedHistoryEntry, ExportedNote } from './report-types';

const quoted = (names: readonly string[]) => names.map((name) => `'${name}'`).join(', ');

/**
 * The entry's `changes` as JSON text: `historyChanges` (src/domain/history-changes.ts)
 * in SQL, over the stored `before` and `after` (a note's text is never among them).
 * `->` gives a value's JSON text as stored, which JSON.stringify wrote, so comparing
 * and copying it is JSON.stringify's; `e.id` is `after`'s order.
 */
const HISTORY_CHANGES = sql.raw<string>(`case
    when json_valid(h.after) and json_type(h.after) = 'object'
      and (case when h.action = 'import' then h.after ->> '$.fileAction' else h.action end)
        in (${quoted(FIELD_CHANGE_ACTIONS)})
    then '[' || coalesce((select group_concat(
        '{"field":' || json_quote(c.key) || ',"from":' || c.old || ',"to":' || c.new || '}',
        ',' order by c.id)
      from (select e.key, e.id, e.type, h.after -> e.fullkey as new,
          case when json_valid(h.before) and json_type(h.before) = 'object'
            then coalesce(h.before -> e.fullkey, 'null') else 'null' end as old,
          case when json_valid(h.before) and json_type(h.before) = 'object'
            then json_type(h.before, e.fullkey) end as old_type
        from json_each(h.after) e) c
      where c.key not in (${quoted(NOT_FIELDS)})
        and c.key glob '[A-Za-z_]*' and c.key not glob '*[^A-Za-z0-9_]*'
        and c.type <> 'object' and coalesce(c.old_type, '') <> 'object'
        and c.old <> c.new), '') || ']'
    else '[]' end`);

/** One history entry of `history h` as JSON text. */
const historyEntryJson = sql<string>`'{"at":' || json_quote(h.at)
  || ',"actor":' || json_quote(h.actor) || ',"action":' || json_quote(h.action)
  || ',"before":' || coalesce(${HISTORY_BEFORE}, 'null')
  || ',"after":' || coalesce(${HISTORY_AFTER}, 'null')
  || ',"changes":' || ${HISTORY_CHANGES}
  || ',"note":' || json_quote(${HISTORY_NOTE})
  || ',"correction":' || iif(h.correction, 'true', 'false') || '}'`;

/** One evidence item of `evidence e` as JSON text. */
const evidenceJson = sql<string>`json_object(
  'id', e.id, 'url', e.url, 'title', e.title, 'publisher', e.publisher, 'stance', e.stance,
  'sourceType', e.source_type, 'quote', e.quote, 'archivedUrl', e.archived_url,
  'accessedAt', e.accessed_at, 'createdAt', e.created_at, 'createdBy', e.created_by,
  'adoptedFrom', e.adopted_from)`;

/** One note of `notes n` as JSON text; a deleted one keeps its tombstone: who, when, no text. */
const noteJson = sql<string>`json_object(
  'id', n.id, 'author', n.author, 'authorRole', n.author_role,
  'text', iif(n.deleted_at is null, n.text, ''), 'createdAt', n.created_at,
  'deletedAt', n.deleted_at, 'deletedBy', n.deleted_by)`;

/** The order of each claim's items in the file format. */
const EVIDENCE_ORDER = sql.raw('e.created_at, e.id');
const NOTE_ORDER = sql.raw('n.created_at, n.id');
const HISTORY_ORDER = sql.raw('h.id');

/** The claim's own fields in the file format's order, then its items; `c` is the claim. */
const claimJson = sql<Uint8Array>`cast(
  '{"id":' || json_quote(c.id) || ',"quote":' || json_quote(c.quote)
  || ',"start":' || c.start_offset || ',"end":' || c.end_offset
  || ',"statement":' || json_quote(c.statement) || ',"kind":' || json_quote(c.kind)
  || ',"stage":' || json_quote(c.stage) || ',"verdict":' || json_quote(c.verdict)
  || ',"rationale":' || json_quote(c.rationale) || ',"assignee":' || json_quote(c.assignee)
  || ',"evidence":[' || coalesce((select group_concat(${evidenceJson}, ',' order by ${EVIDENCE_ORDER})
      from evidence e where e.claim_id = c.id), '') || ']'
  || ',"notes":[' || coalesce((select group_concat(${noteJson}, ',' order by ${NOTE_ORDER})
      from notes n where n.claim_id = c.id), '') || ']'
  || ',"submittedBy":' || json_quote(c.submitted_by)
  || ',"dismissReason":' || json_quote(c.dismiss_reason)
  || ',"approvedBy":' || json_quote(c.approved_by) || ',"approvedAt":' || json_quote(c.approved_at)
  || ',"version":' || c.version || ',"createdAt":' || json_quote(c.created_at)
  || ',"updatedAt":' || json_quote(c.updated_at) || ',"updatedBy":' || json_quote(c.updated_by)
  || ',"dueAt":' || json_quote(c.due_at) || ',"stageSince":' || json_quote(c.stage_since)
  || ',"claimant":' || json_quote(c.claimant) || ',"claimantType":' || json_quote(c.claimant_type)
  || ',"claimDate":' || json_quote(c.claim_date) || ',"summary":' || json_quote(c.summary)
  || ',"repeatOf":' || json_quote(c.repeat_of)
  || ',"history":[' || coalesce((select group_concat(${historyEntryJson}, ',' order by ${HISTORY_ORDER})
      from history h where h.claim_id = c.id), '') || ']}' as blob)`;

/** Each claim of the article with its file-format JSON (as UTF-8) and what the filter reads. */
export async function sqliteJsonClaims(
  trx: Transaction<Database>,
  articleId: string,
  searchesNotes: boolean,
): Promise<JsonClaimRow[]> {
  const { rows } = await sql<JsonClaimRow>`
    select c.id, c.start_offset as start, c.end_offset as "end", c.quote, c.statement,
      c.rationale, c.kind, c.stage, c.verdict, c.assignee, c.updated_at as updatedAt,
      c.due_at as dueAt,
      (select count(*) from evidence where claim_id = c.id) as evidenceCount,
      (select count(*) from notes where claim_id = c.id and deleted_at is null) as noteCount,
      ${
        searchesNotes
          ? sql`(select group_concat(text, char(10)) from notes
              where claim_id = c.id and deleted_at is null)`
          : sql`null`
      } as noteText,
      ${claimJson} as json
    from claims c where c.article_id = ${articleId}`.execute(trx);
  return rows;
}

/** The items of every claim as one JSON document `{claimId: [item, …]}`, parsed once. */
async function collect<T>(
  trx: Transaction<Database>,
  perClaim: RawBuilder<{ claim_id: string; entries: string }>,
): Promise<Grouped<T>> {
  const { rows } = await sql<{ groups: string | null }>`
    select '{' || group_concat(json_quote(claim_id) || ':[' || entries || ']', ',') || '}' as groups
    from (${perClaim})`.execute(trx);
  const groups = JSON.parse(rows[0]?.groups ?? '{}') as Record<string, T[]>;
  // Own keys only: a claim id such as `constructor` must not find Object's.
  return (claimId) => (Object.hasOwn(groups, claimId) ? groups[claimId] : []);
}

/** The evidence, notes and history (`mode`) of the claims, grouped by claim. */
export async function sqliteClaimItems(
  trx: Transaction<Database>,
  claimIds: ClaimIds,
  mode: HistoryMode,
): Promise<ClaimItems> {
  const evidence = await collect<ExportedEvidence>(
    trx,
    sql`select e.claim_id, group_concat(${evidenceJson}, ',' order by ${EVIDENCE_ORDER}) as entries
      from evidence e where e.claim_id in (${claimIds}) group by e.claim_id`,
  );
  const notes = await collect<ExportedNote>(
    trx,
    sql`select n.claim_id, group_concat(${noteJson}, ',' order by ${NOTE_ORDER}) as entries
      from notes n where n.claim_id in (${claimIds}) group by n.claim_id`,
  );
  if (mode === 'none') {
    return { evidence, notes, history: () => [] };
  }
  // history.article_id has no index; the claim ids reach history_claim (claim_id, id).
  const rows =
    mode === 'last'
      ? sql`h.id in (select max(id) from history where claim_id in (${claimIds}) group by claim_id)`
      : sql`h.claim_id in (${claimIds})`;
  const history = await collect<ExportedHistoryEntry>(
    trx,
    sql`select h.claim_id, group_concat(${historyEntryJson}, ',' order by ${HISTORY_ORDER}) as entries
      from history h where ${rows} group by h.claim_id`,
  );
  return { evidence, notes, history };
}
