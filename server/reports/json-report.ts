/**
 * The JSON report as bytes, without building it as objects first: SQLite
 * writes each claim's JSON (with its evidence, notes and history, from
 * `export-sql.ts`) and hands it over as a BLOB, so neither a UTF-8 decode nor
 * a parse and stringify happens in JS; JS only filters the claims and puts
 * the pieces in order. The result is what `loadReport` with full history
 * gives, `JSON.stringify`-ed (the tests hold them to that).
 */
import { type Kysely, sql } from 'kysely';
import type { Heading } from '../../src/domain/claim';
import {
  applyFilter,
  type ClaimFilter,
  compareArticleOrder,
  EMPTY_FILTER,
  type FilterableClaim,
  filterToQuery,
} from '../../src/domain/claim-filter';
import type { Database } from '../database/schema';
import { allSuggestions } from '../repositories/suggestions';
import type { ExportedArticle } from './article-export';
import {
  EVIDENCE_ORDER,
  evidenceJson,
  HISTORY_ORDER,
  historyEntryJson,
  NOTE_ORDER,
  noteJson,
} from './export-sql';

export interface JsonReportOptions {
  readonly filter?: ClaimFilter;
  readonly me?: string | null;
  readonly report: { readonly generatedBy: string; readonly generatedAt: string };
}

interface ClaimRow extends FilterableClaim {
  /** The claim in the file format, as UTF-8 JSON. */
  readonly json: Uint8Array;
  readonly noteText: string | null;
}

/** Pieces of at most about this size go to the socket together. */
const CHUNK_BYTES = 1 << 20;

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
  || ',"history":[' || coalesce((select group_concat(${historyEntryJson}, ',' order by ${HISTORY_ORDER})
      from history h where h.claim_id = c.id), '') || ']}' as blob)`;

/**
 * The JSON report of the article, limited by the claims-table filter (in
 * article order), as buffers to send in turn; undefined when there is no such
 * article. One read-only transaction: every piece shows one state of the data.
 */
export async function renderJsonReport(
  db: Kysely<Database>,
  articleId: string,
  options: JsonReportOptions,
): Promise<Buffer[] | undefined> {
  const filter = {
    ...(options.filter ?? EMPTY_FILTER),
    sort: 'position' as const,
    descending: false,
  };
  const searchesNotes = filter.query.trim() !== '';
  const data = await db
    .transaction()
    .setAccessMode('read only')
    .execute(async (trx) => {
      const article = await trx
        .selectFrom('articles')
        .selectAll()
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (!article) {
        return undefined;
      }
      const { rows } = await sql<ClaimRow>`
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
      return { article, rows, suggestions: await allSuggestions(trx, articleId) };
    });
  if (!data) {
    return undefined;
  }
  // The dashboard's order, which applyFilter expects; SQLite's collation could differ on ties.
  const rows = [...data.rows].sort(compareArticleOrder);
  const selected = applyFilter(rows, filter, options.me ?? null, (row) => row.noteText ?? '');

  const { article: row } = data;
  const article: ExportedArticle = {
    id: row.id,
    headline: row.headline,
    outlet: row.outlet,
    url: row.url,
    publishedAt: row.published_at,
    language: row.language,
    text: row.text,
    headings: JSON.parse(row.headings) as Heading[],
    createdAt: row.created_at,
    createdBy: row.created_by,
  };
  const report = { ...options.report, filter: { ...filterToQuery(filter) } };
  const suggestions = data.suggestions ? `,"suggestions":${JSON.stringify(data.suggestions)}` : '';

  const chunks: Buffer[] = [];
  let pending: Uint8Array[] = [
    Buffer.from(`{"formatVersion":1,"article":${JSON.stringify(article)},"claims":[`),
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
