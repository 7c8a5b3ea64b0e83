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
 * - People by display name, as the Markdown and HTML reports name them, with
 *   the username in a column of its own for sorting and matching.
 * - The notes' text, one note per paragraph with who wrote it and when; a
 *   deleted note keeps who deleted it and when, never its text (as in every
 *   report). Each source on a line of its own: stance, title and URL.
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
import { formatTime, oneLine, personName, verdictLabel } from './readable';

type Cell = (claim: ExportedClaim, report: ExportedReport) => string | number;

/** A person's two columns: "Approved by" (display name) and "Approved by (username)". */
function person(header: string, username: (claim: ExportedClaim) => string | null) {
  return [
    {
      header,
      cell: ((c, report) => {
        const name = username(c);
        return name ? personName(report, name) : '';
      }) satisfies Cell,
    },
    { header: `${header} (username)`, cell: ((c) => username(c) ?? '') satisfies Cell },
  ];
}

/** Every note, oldest first, a blank line between; a deleted one without its text. */
function notesText(claim: ExportedClaim, report: ExportedReport): string {
  return claim.notes
    .map((note) => {
      const who = `${personName(report, note.author)}, ${formatTime(note.createdAt)}`;
      return note.deletedAt
        ? `Note deleted by ${note.deletedBy ? personName(report, note.deletedBy) : 'unknown'}, ` +
            `${formatTime(note.deletedAt)} (written by ${who})`
        : `${who}: ${note.text}`;
    })
    .join('\n\n');
}

/** The columns, in order: header text and how a claim fills the cell. */
export const CSV_COLUMNS: readonly {
  readonly header: string;
  readonly cell: Cell;
}[] = [
  { header: 'Article ID', cell: (_c, report) => report.file.article.id },
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
  ...person('Assignee', (c) => c.assignee),
  { header: 'Due at', cell: (c) => c.dueAt ?? '' },
  { header: 'In stage since', cell: (c) => c.stageSince },
  {
    // One line per source: "refutes https://…".
    header: 'Evidence (stance and URL)',
    cell: (c) => c.evidence.map((e) => `${e.stance} ${e.url}`).join('\n'),
  },
  {
    // One line per source, in the same order: "refutes: Official report — https://…".
    header: 'Evidence (stance, title and URL)',
    cell: (c) => c.evidence.map((e) => `${e.stance}: ${oneLine(e.title)} — ${e.url}`).join('\n'),
  },
  { header: 'Evidence count', cell: (c) => c.evidence.length },
  // Deleted notes (tombstones) are not counted, as in the dashboard.
  { header: 'Note count', cell: (c) => c.notes.filter((n) => n.deletedAt === null).length },
  { header: 'Notes', cell: notesText },
  ...person('Submitted by', (c) => c.submittedBy),
  ...person('Approved by', (c) => c.approvedBy),
  { header: 'Approved at', cell: (c) => c.approvedAt ?? '' },
  { header: 'Last updated at', cell: (c) => c.updatedAt },
  ...person('Last updated by', (c) => c.updatedBy),
  { header: 'Start offset', cell: (c) => c.start },
  { header: 'End offset', cell: (c) => c.end },
];

export function renderCsv(report: ExportedReport): string {
  return stringify(
    report.file.claims.map((claim) => CSV_COLUMNS.map((column) => column.cell(claim, report))),
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
