/**
 * The shapes of articles, claims, evidence and notes as the API serves them.
 * Shared by the dashboard and the server.
 */
import { DismissReason, Role, Stage } from './workflow';
import type { FieldChange } from './history-changes';
import { Verdict } from './verdicts';

export const CLAIM_KINDS = [
  'figure',
  'event',
  'attribution',
  'characterisation',
  'prediction',
  'opinion',
] as const;
export type ClaimKind = (typeof CLAIM_KINDS)[number];

export const CLAIM_KIND_LABELS: Readonly<Record<ClaimKind, string>> = {
  figure: 'Figure',
  event: 'Event',
  attribution: 'Attribution / quote',
  characterisation: 'Characterisation',
  prediction: 'Prediction / speculation',
  opinion: 'Opinion',
};

export const STANCES = ['supports', 'refutes', 'context'] as const;
export type Stance = (typeof STANCES)[number];

export const SOURCE_TYPES = ['primary', 'secondary'] as const;
export type SourceType = (typeof SOURCE_TYPES)[number];

/** Who made a claim, as schema.org names the author of a ClaimReview's item. */
export const CLAIMANT_TYPES = ['Person', 'Organization'] as const;
export type ClaimantType = (typeof CLAIMANT_TYPES)[number];

/** Field limits, in characters: one rule for the dashboard's forms and the server's schemas. */
export const CLAIMANT_MAX_LENGTH = 200;
export const SUMMARY_MAX_LENGTH = 200;
/** A statement longer than this reads badly as a published claim: the UI asks for a summary. */
export const SUMMARY_ADVISED_ABOVE = 75;

export interface Heading {
  /** 0-based line index in the article text. */
  readonly line: number;
  readonly start: number;
  readonly end: number;
  readonly text: string;
}

export interface ArticleMetadata {
  readonly id: string;
  readonly headline: string;
  readonly outlet: string | null;
  readonly url: string | null;
  /** ISO date (YYYY-MM-DD) or null when unknown. */
  readonly publishedAt: string | null;
  readonly language: string;
}

export interface ArticleSummary extends ArticleMetadata {
  /** Bumped on every change to the metadata or archive state; `PATCH` needs it in If-Match. */
  readonly version: number;
  /** An archived article leaves the lists, queues and search; its claims are read-only. */
  readonly archived: boolean;
  readonly claimCount: number;
  readonly stageCounts: Readonly<Record<Stage, number>>;
  /** Counts per verdict; `none` counts claims without a verdict yet. */
  readonly verdictCounts: Readonly<Record<Verdict | 'none', number>>;
  readonly createdAt: string;
  readonly updatedAt: string;
}

export interface ArticleDetail extends ArticleSummary {
  readonly text: string;
  readonly headings: readonly Heading[];
}

export interface ClaimSummary {
  readonly id: string;
  readonly articleId: string;
  readonly quote: string;
  /** UTF-16 offsets: `article.text.slice(start, end) === quote`. */
  readonly start: number;
  readonly end: number;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly rationale: string | null;
  readonly assignee: string | null;
  readonly submittedBy: string | null;
  readonly dismissReason: DismissReason | null;
  /** ISO 8601 date-time by which the check is due, or null. */
  readonly dueAt: string | null;
  /** When the claim entered its current stage (read-only). */
  readonly stageSince: string;
  /** Who made the claim ("Vladimir Putin"), or null when not yet said. */
  readonly claimant: string | null;
  readonly claimantType: ClaimantType;
  /** YYYY-MM-DD: when the claim was made. */
  readonly claimDate: string | null;
  /** The claim as it will be published (ClaimReview's claimReviewed), at most SUMMARY_MAX_LENGTH. */
  readonly summary: string | null;
  readonly evidenceCount: number;
  readonly noteCount: number;
  /** The earlier claim this one repeats (always the original check, never a repeat), or null. */
  readonly repeatOf: string | null;
  /** How many claims say they repeat this one. */
  readonly repeatCount: number;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string | null;
}

export interface Evidence {
  readonly id: string;
  readonly claimId: string;
  readonly url: string;
  readonly title: string;
  readonly publisher: string;
  readonly stance: Stance;
  readonly sourceType: SourceType;
  readonly quote: string | null;
  readonly archivedUrl: string | null;
  readonly accessedAt: string | null;
  readonly createdAt: string;
  readonly createdBy: string;
  /** The claim whose check this item was adopted from (`POST /api/claims/:id/adopt`), or null. */
  readonly adoptedFrom: string | null;
}

export interface Note {
  readonly id: string;
  readonly claimId: string;
  readonly author: string;
  readonly authorRole: Role;
  /** Plain text, never HTML. Empty once deleted. */
  readonly text: string;
  readonly createdAt: string;
  readonly deletedAt: string | null;
  readonly deletedBy: string | null;
  /**
   * Usernames of the active people the text mentions (`@username`), as the server found
   * them when the note was written; empty for older notes and once deleted.
   */
  readonly mentions: readonly string[];
}

export interface ClaimDetail extends ClaimSummary {
  readonly evidence: readonly Evidence[];
  readonly notes: readonly Note[];
}

export interface HistoryEntry {
  readonly id: number;
  readonly claimId: string;
  readonly at: string;
  readonly actor: string;
  /** A workflow action, or `create`, `update`, `evidence_add`, `evidence_update`, `evidence_remove`, `note_add`, `note_delete`, `import`. */
  readonly action: string;
  readonly before: Readonly<Record<string, unknown>> | null;
  readonly after: Readonly<Record<string, unknown>> | null;
  readonly note: string | null;
  readonly correction: boolean;
  /** The fields the entry changed, from and to (history-changes.ts); empty for other entries. */
  readonly changes: readonly FieldChange[];
}

/**
 * Only http and https links are accepted (evidence, archived copies, articles):
 * links a browser can open, without white space or control characters that the
 * URL parser would silently drop, and with a host name that has a letter or digit
 * (`http://./` parses, but leads nowhere).
 */
export function isWebUrl(value: string): boolean {
  if (/[\s\p{Cc}]/u.test(value)) {
    return false;
  }
  try {
    const url = new URL(value);
    return (
      (url.protocol === 'http:' || url.protocol === 'https:') && /[\p{L}\p{N}]/u.test(url.hostname)
    );
  } catch {
    return false;
  }
}
