/** A claim's history: every change written beside it, and read back as the API serves it. */
import type { HistoryEntry } from '../../src/domain/claim';
import { historyChanges } from '../../src/domain/history-changes';
import { isPostgres } from '../database/engine';
import type { HistoryRow } from '../database/schema';
import type { Db } from './claims';
import { blankDeletedNotes, HISTORY_AFTER, HISTORY_BEFORE, HISTORY_NOTE } from './report-history';

export interface HistoryInput {
  readonly claimId: string;
  readonly articleId: string;
  readonly actor: string;
  readonly action: string;
  readonly before: Record<string, unknown> | null;
  readonly after: Record<string, unknown> | null;
  readonly note?: string | null;
  readonly correction?: boolean;
  readonly at: string;
}

/** The history row of an entry, as stored. */
export function historyRow(entry: HistoryInput) {
  return {
    claim_id: entry.claimId,
    article_id: entry.articleId,
    at: entry.at,
    actor: entry.actor,
    action: entry.action,
    before: entry.before ? JSON.stringify(entry.before) : null,
    after: entry.after ? JSON.stringify(entry.after) : null,
    note: entry.note ?? null,
    correction: entry.correction ? 1 : 0,
  };
}

export async function recordHistory(db: Db, entry: HistoryInput): Promise<void> {
  await db.insertInto('history').values(historyRow(entry)).execute();
}

type HistoryRead = Omit<HistoryRow, 'article_id'>;

function toHistoryEntry(row: HistoryRead): HistoryEntry {
  const before = row.before ? (JSON.parse(row.before) as Record<string, unknown>) : null;
  const after = row.after ? (JSON.parse(row.after) as Record<string, unknown>) : null;
  return {
    id: row.id,
    claimId: row.claim_id,
    at: row.at,
    actor: row.actor,
    action: row.action,
    before,
    after,
    note: row.note,
    correction: row.correction === 1,
    changes: historyChanges({ action: row.action, before, after }),
  };
}

/** A claim's history as the API serves it: deleted notes' text blanked (report-history.ts). */
export async function listHistory(db: Db, claimId: string): Promise<HistoryEntry[]> {
  if (isPostgres(db)) {
    const rows = await db
      .selectFrom('history')
      .select(['id', 'claim_id', 'at', 'actor', 'action', 'before', 'after', 'note', 'correction'])
      .where('claim_id', '=', claimId)
      .orderBy('id')
      .execute();
    return (await blankDeletedNotes(db, rows)).map(toHistoryEntry);
  }
  const rows = await db
    .selectFrom('history as h')
    .select(['h.id', 'h.claim_id', 'h.at', 'h.actor', 'h.action', 'h.correction'])
    .select([HISTORY_BEFORE.as('before'), HISTORY_AFTER.as('after'), HISTORY_NOTE.as('note')])
    .where('h.claim_id', '=', claimId)
    .orderBy('h.id')
    .execute();
  return rows.map(toHistoryEntry);
}
