/**
 * An article's claims as the dashboard asks for them (`GET /api/articles/:id/claim-rows`):
 * the same ClaimSummary list as `GET /api/articles/:id/claims`, one array of values per
 * claim instead of one object, without what the reader already has. Each key name was
 * most of a claim's bytes: 10,000 claims are 5 MB of JSON as objects, which the browser
 * takes in and parses on its main thread while the page starts.
 *
 * Left out: `articleId` (the article asked for), and `quote` wherever it is the article
 * text between `start` and `end` (always, unless the two ever disagree: then it is sent).
 */
import type { ClaimSummary } from './claim';

/** The values of a row, in this order: a ClaimSummary's fields but `articleId`. */
export const CLAIM_ROW_FIELDS = [
  'id',
  'quote',
  'start',
  'end',
  'statement',
  'kind',
  'stage',
  'verdict',
  'rationale',
  'assignee',
  'submittedBy',
  'dismissReason',
  'dueAt',
  'stageSince',
  'claimant',
  'claimantType',
  'claimDate',
  'summary',
  'evidenceCount',
  'noteCount',
  'repeatOf',
  'repeatCount',
  'version',
  'updatedAt',
  'updatedBy',
] as const satisfies readonly Exclude<keyof ClaimSummary, 'articleId'>[];

export type ClaimRowField = (typeof CLAIM_ROW_FIELDS)[number];

/** One claim's values, in the order `fields` names them; `quote` null when the text has it. */
export type ClaimRow = readonly (string | number | null)[];

export interface ClaimRows {
  /** The fields each row holds, in order (CLAIM_ROW_FIELDS when both ends are this version). */
  readonly fields: readonly string[];
  readonly rows: readonly ClaimRow[];
}

/** The claims of the article whose text is `text` as rows (the server's side). */
export function toClaimRows(claims: readonly ClaimSummary[], text: string): ClaimRows {
  return {
    fields: CLAIM_ROW_FIELDS,
    rows: claims.map((claim) =>
      CLAIM_ROW_FIELDS.map((field) =>
        field === 'quote' && text.slice(claim.start, claim.end) === claim.quote
          ? null
          : claim[field],
      ),
    ),
  };
}

/**
 * The ClaimSummary list the rows stand for, with the article's id and text (the
 * dashboard's side). Fields are found by name, so that rows with fields in another order,
 * or with fields this version does not know, still read right; a field missing is an error.
 */
export function fromClaimRows(rows: ClaimRows, articleId: string, text: string): ClaimSummary[] {
  const at = Object.fromEntries(
    CLAIM_ROW_FIELDS.map((field) => {
      const index = rows.fields.indexOf(field);
      if (index < 0) {
        throw new Error(`the claim rows have no ${field}`);
      }
      return [field, index];
    }),
  ) as Record<ClaimRowField, number>;
  // One object literal with every field in the list's order: the same shape as the list's
  // JSON objects, so that code reading claims meets one hidden class.
  return rows.rows.map(
    (row): ClaimSummary =>
      ({
        id: row[at.id],
        articleId,
        quote: row[at.quote] ?? text.slice(row[at.start] as number, row[at.end] as number),
        start: row[at.start],
        end: row[at.end],
        statement: row[at.statement],
        kind: row[at.kind],
        stage: row[at.stage],
        verdict: row[at.verdict],
        rationale: row[at.rationale],
        assignee: row[at.assignee],
        submittedBy: row[at.submittedBy],
        dismissReason: row[at.dismissReason],
        dueAt: row[at.dueAt],
        stageSince: row[at.stageSince],
        claimant: row[at.claimant],
        claimantType: row[at.claimantType],
        claimDate: row[at.claimDate],
        summary: row[at.summary],
        evidenceCount: row[at.evidenceCount],
        noteCount: row[at.noteCount],
        repeatOf: row[at.repeatOf],
        repeatCount: row[at.repeatCount],
        version: row[at.version],
        updatedAt: row[at.updatedAt],
        updatedBy: row[at.updatedBy],
      }) as ClaimSummary,
  );
}
