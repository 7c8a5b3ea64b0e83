/**
 * The CSV report: a header row, then one row per claim, written by
 * csv-stringify (quoting, embedded quotes and newlines are its job).
 *
 * - UTF-8 with a byte order mark: without it Excel reads the file as the
 *   system's legacy code page and garbles every accent and curly quote;
 *   LibreOffice and csv-parse (`bom: true`) recognise and drop it.
 * - CRLF between records (RFC 4180, what Excel writes); a line break inside a
 *   cell stays LF, in quotes, which both spreadsheets read as one cell.
 * - Text cells starting with `=`, `+`, `-`, `@`, tab or CR get a leading `'`
 *   (csv-stringify's `escape_formulas`, the OWASP CSV injection list), so a
 *   spreadsheet shows them instead of evaluating them. Numbers are left alone.
 * - Kind, stage and verdict as the dashboard labels them; times in ISO 8601 UTC.
 * - Every text cell is quoted and numbers are not. A spreadsheet guesses a
 *   type for each cell: LibreOffice and Excel read the verdicts "True" and
 *   "False" as the booleans TRUE and FALSE, and an all-digit id such as "001"
 *   as the number 1 (checked by converting a report with LibreOffice). With the
 *   text quoted, LibreOffice's Text Import option "Format quoted field as
 *   text" keeps every text cell exactly as written and the counts and offsets
 *   as numbers; in Excel, import the file (Data → From Text/CSV) and set those
 *   columns to Text.
 */
import { stringify } from 'csv-stringify/sync';
import { CLAIM_KIND_LABELS } from '../../src/domain/claim';
import { DISMISS_REASON_LABELS, STAGE_LABELS } from '../../src/domain/workflow';
import type { ExportedClaim, ExportedReport } from './article-export';
import { verdictLabel } from './readable';

/** The columns, in order: header text and how a claim fills the cell. */
export const CSV_COLUMNS: readonly {
  readonly header: string;
  readonly cell: (claim: ExportedClaim, articleId: string) => string | number;
}[] = [
  { header: 'Article ID', cell: (_c, articleId) => articleId },
  { header: 'Claim ID', cell: (c) => c.id },
  { header: 'Quote', cell: (c) => c.quote },
  { header: 'Statement', cell: (c) => c.statement },
  { header: 'Summary', cell: (c) => c.summary ?? '' },
  { header: 'Claimant', cell: (c) => c.claimant ?? '' },
  // Person or Organization, as schema.org and the JSON report spell them.
  { header: 'Claimant type', cell: (c) => (c.claimant ? c.claimantType : '') },
  { header: 'Claim date', cell: (c) => c.claimDate ?? '' },
  { header: 'Kind', cell: (c) => CLAIM_KIND_LABELS[c.kind] },
  { header: 'Stage', cell: (c) => STAGE_LABELS[c.stage] },
  {
    header: 'Dismiss reason',
    cell: (c) => (c.dismissReason ? DISMISS_REASON_LABELS[c.dismissReason] : ''),
  },
  { header: 'Verdict', cell: (c) => (c.verdict ? verdictLabel(c.verdict) : '') },
  { header: 'Rationale', cell: (c) => c.rationale ?? '' },
  { header: 'Assignee', cell: (c) => c.assignee ?? '' },
  { header: 'Due at', cell: (c) => c.dueAt ?? '' },
  { header: 'In stage since', cell: (c) => c.stageSince },
  {
    // One line per source: "refutes https://…".
    header: 'Evidence (stance and URL)',
    cell: (c) => c.evidence.map((e) => `${e.stance} ${e.url}`).join('\n'),
  },
  { header: 'Evidence count', cell: (c) => c.evidence.length },
  // Deleted notes (tombstones) are not counted, as in the dashboard.
  { header: 'Note count', cell: (c) => c.notes.filter((n) => n.deletedAt === null).length },
  { header: 'Submitted by', cell: (c) => c.submittedBy ?? '' },
  { header: 'Approved by', cell: (c) => c.approvedBy ?? '' },
  { header: 'Approved at', cell: (c) => c.approvedAt ?? '' },
  { header: 'Last updated at', cell: (c) => c.updatedAt },
  { header: 'Last updated by', cell: (c) => c.updatedBy ?? '' },
  { header: 'Start offset', cell: (c) => c.start },
  { header: 'End offset', cell: (c) => c.end },
];

export function renderCsv(report: ExportedReport): string {
  const articleId = report.file.article.id;
  return stringify(
    report.file.claims.map((claim) => CSV_COLUMNS.map((column) => column.cell(claim, articleId))),
    {
      bom: true,
      header: true,
      columns: CSV_COLUMNS.map((column) => column.header),
      record_delimiter: 'windows',
      // With a record delimiter given, csv-stringify no longer quotes a lone LF
      // or CR by default; spreadsheets would end the row there.
      quote_record_delimiter: true,
      // Text quoted, numbers not: what "Format quoted field as text" needs (see above).
      quoted_string: true,
      escape_formulas: true,
    },
  );
}
