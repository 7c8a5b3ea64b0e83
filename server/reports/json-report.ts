/**
 * The JSON report as bytes, without building it as objects first: each
 * claim's JSON comes from the report queries as UTF-8 (on SQLite written by
 * the database, repositories/report-sqlite.ts), so JS only filters the claims
 * and puts the pieces in order. The result is what `loadReport` with full
 * history gives, `JSON.stringify`-ed (the tests hold them to that).
 */
import type { Kysely } from 'kysely';
import {
  applyFilter,
  type ClaimFilter,
  compareArticleOrder,
  EMPTY_FILTER,
  filterToQuery,
} from '../../src/domain/claim-filter';
import type { Database } from '../database/schema';
import { loadJsonReportData } from '../repositories/report-data';

export interface JsonReportOptions {
  readonly filter?: ClaimFilter;
  readonly me?: string | null;
  readonly report: { readonly generatedBy: string; readonly generatedAt: string };
}

/** Pieces of at most about this size go to the socket together. */
const CHUNK_BYTES = 1 << 20;

/**
 * The JSON report of the article, limited by the claims-table filter (in
 * article order), as buffers to send in turn; undefined when there is no such
 * article. One read-only snapshot: every piece shows one state of the data.
 */
export async function renderJsonReport(
  db: Kysely<Database>,
  articleId: string,
  options: JsonReportOptions,
): Promise<Buffer[] | undefined> {
  const filter: ClaimFilter = {
    ...(options.filter ?? EMPTY_FILTER),
    sort: 'position',
    descending: false,
  };
  const data = await loadJsonReportData(db, articleId, {
    searchesNotes: filter.query.trim() !== '',
  });
  if (!data) {
    return undefined;
  }
  // The dashboard's order, which applyFilter expects; the database's collation could differ on ties.
  const rows = [...data.claims].sort(compareArticleOrder);
  const selected = applyFilter(rows, filter, options.me ?? null, (row) => row.noteText ?? '');

  const report = { ...options.report, filter: { ...filterToQuery(filter) } };
  const suggestions = data.suggestions ? `,"suggestions":${JSON.stringify(data.suggestions)}` : '';

  const chunks: Buffer[] = [];
  let pending: Uint8Array[] = [
    Buffer.from(`{"formatVersion":1,"article":${JSON.stringify(data.article)},"claims":[`),
  ];
  let pendingBytes = 0;
  const comma = Buffer.from(',');
  selected.forEach((claim, index) => {
    if (index > 0) {
      pending.push(comma);
    }
    pending.push(claim.json);
    pendingBytes += claim.json.byteLength;
    if (pendingBytes >= CHUNK_BYTES) {
      chunks.push(Buffer.concat(pending));
      pending = [];
      pendingBytes = 0;
    }
  });
  pending.push(Buffer.from(`]${suggestions},"report":${JSON.stringify(report)}}\n`));
  chunks.push(Buffer.concat(pending));
  return chunks;
}
