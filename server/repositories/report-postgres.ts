/**
 * The report queries on PostgreSQL: each claim's evidence, notes and history
 * as plain rows, shaped into the file format in TypeScript. PostgreSQL's own
 * JSON functions write `{"a" : 1}` (spaces) where the reports promise
 * JSON.stringify's bytes, and cannot test text for JSON before version 16
 * (report-history.ts); rows are no slower to read than JSON text from a
 * server across a socket. SQLite's counterparts are in report-sqlite.ts.
 */
import type { Transaction } from 'kysely';
import { historyChanges } from '../../src/domain/history-changes';
import type { Database } from '../database/schema';
import type { ClaimIds, ClaimItems, Grouped, HistoryMode } from './report-data';
import { blankDeletedNotes } from './report-history';
import type { ExportedEvidence, ExportedHistoryEntry, ExportedNote } from './report-types';

function grouped<R extends { claim_id: string }, T>(
  rows: readonly R[],
  shape: (row: R) => T,
): Grouped<T> {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const items = groups.get(row.claim_id);
    if (items) {
      items.push(shape(row));
    } else {
      groups.set(row.claim_id, [shape(row)]);
    }
  }
  return (claimId) => groups.get(claimId) ?? [];
}

const parsed = (text: string | null) =>
  text === null ? null : (JSON.parse(text) as ExportedHistoryEntry['before']);

/** The evidence, notes and history (`mode`) of the claims, grouped by claim. */
export async function postgresClaimItems(
  trx: Transaction<Database>,
  claimIds: ClaimIds,
  mode: HistoryMode,
): Promise<ClaimItems> {
  const evidenceRows = await trx
    .selectFrom('evidence')
    .selectAll()
    .where('claim_id', 'in', claimIds)
    .orderBy('claim_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const evidence = grouped(evidenceRows, (e): ExportedEvidence => ({
    id: e.id,
    url: e.url,
    title: e.title,
    publisher: e.publisher,
    stance: e.stance as ExportedEvidence['stance'],
    sourceType: e.source_type as ExportedEvidence['sourceType'],
    quote: e.quote,
    archivedUrl: e.archived_url,
    accessedAt: e.accessed_at,
    createdAt: e.created_at,
    createdBy: e.created_by,
    adoptedFrom: e.adopted_from,
  }));
  const noteRows = await trx
    .selectFrom('notes')
    .selectAll()
    .where('claim_id', 'in', claimIds)
    .orderBy('claim_id')
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  const notes = grouped(noteRows, (n): ExportedNote => ({
    id: n.id,
    author: n.author,
    authorRole: n.author_role as ExportedNote['authorRole'],
    // A deleted note keeps its tombstone: who, when, no text.
    text: n.deleted_at === null ? n.text : '',
    createdAt: n.created_at,
    deletedAt: n.deleted_at,
    deletedBy: n.deleted_by,
  }));
  if (mode === 'none') {
    return { evidence, notes, history: () => [] };
  }
  let historyQuery = trx
    .selectFrom('history')
    .select(['id', 'claim_id', 'at', 'actor', 'action', 'before', 'after', 'note', 'correction']);
  historyQuery =
    mode === 'last'
      ? historyQuery.where('id', 'in', (eb) =>
          eb
            .selectFrom('history')
            .select((e) => e.fn.max('id').as('id'))
            .where('claim_id', 'in', claimIds)
            .groupBy('claim_id'),
        )
      : historyQuery.where('claim_id', 'in', claimIds);
  const historyRows = await blankDeletedNotes(trx, await historyQuery.orderBy('id').execute());
  const history = grouped(historyRows, (h): ExportedHistoryEntry => {
    const before = parsed(h.before);
    const after = parsed(h.after);
    return {
      at: h.at,
      actor: h.actor,
      action: h.action,
      before,
      after,
      changes: historyChanges({ action: h.action, before, after }),
      note: h.note,
      correction: h.correction !== 0,
    };
  });
  return { evidence, notes, history };
}
