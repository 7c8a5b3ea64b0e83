/**
 * The article file format of `claims/` (schema: `claims/article.schema.json`):
 * an article with its claims. The server imports it (start-up, `POST
 * /api/articles`) and exports it as the JSON report; the data tests check it.
 *
 * Hand-written files give the editorial fields only. The optional fields
 * (timestamps, approvals, tombstones, history) are what the JSON report adds
 * so that exporting and importing back loses nothing.
 */
import { ClaimantType, ClaimKind, Heading, SourceType, Stance } from './claim';
import { Suggestion } from './suggestion';
import type { FieldChange } from './history-changes';
import { Verdict } from './verdicts';
import { DismissReason, Role, Stage } from './workflow';

export interface ArticleFileEvidence {
  readonly id: string;
  readonly url: string;
  readonly title: string;
  readonly publisher: string;
  readonly stance: Stance;
  readonly sourceType: SourceType;
  readonly quote?: string | null;
  readonly archivedUrl?: string | null;
  readonly accessedAt?: string | null;
  readonly createdAt?: string;
  readonly createdBy?: string;
  /** The claim whose earlier check this item was adopted from. */
  readonly adoptedFrom?: string | null;
}

export interface ArticleFileNote {
  readonly id: string;
  readonly author: string;
  readonly authorRole?: Role;
  /** Plain text; empty for a deleted note (its tombstone). */
  readonly text: string;
  readonly createdAt: string;
  readonly deletedAt?: string | null;
  readonly deletedBy?: string | null;
}

/** A value of a history entry's fields: plain values only, never nested (the schema's `flatRecord`). */
export type FlatValue = string | number | boolean | null | readonly string[];
export type FlatRecord = Readonly<Record<string, FlatValue>>;

/**
 * What an `import` entry records of a file's own history entry that it carries as data
 * (server/intake/imported-history.ts): when, by whom and what the file says was done,
 * whether it was a correction, and who imported the file before.
 */
export const IMPORT_PROVENANCE_FIELDS = [
  'fileAt',
  'fileActor',
  'fileAction',
  'fileCorrection',
  'importedVia',
] as const;
/** What the import entry of a restore records: the admin who vouches for the file. */
export const RESTORE_FIELDS = ['restored', 'restoredBy'] as const;

/** The most claims one article may hold: the import refuses more (400 naming `/claims`). */
export const MAX_CLAIMS_PER_ARTICLE = 20_000;

/** One entry of a claim's audit trail (see `HistoryEntry` in claim.ts). */
export interface ArticleFileHistoryEntry {
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly before: FlatRecord | null;
  readonly after: FlatRecord | null;
  readonly note: string | null;
  readonly correction: boolean;
  /**
   * What the entry changed (history-changes.ts), as the JSON report gives it: derived
   * from `before` and `after`, so an import reads those and not this.
   */
  readonly changes?: readonly FieldChange[];
}

export interface ArticleFileClaim {
  readonly id: string;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly statement: string;
  readonly kind: ClaimKind;
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly rationale: string | null;
  readonly assignee: string | null;
  readonly evidence: readonly ArticleFileEvidence[];
  readonly notes: readonly ArticleFileNote[];
  readonly submittedBy?: string | null;
  readonly dismissReason?: DismissReason | null;
  readonly approvedBy?: string | null;
  readonly approvedAt?: string | null;
  readonly version?: number;
  readonly createdAt?: string;
  readonly updatedAt?: string;
  readonly updatedBy?: string | null;
  readonly dueAt?: string | null;
  readonly stageSince?: string;
  readonly claimant?: string | null;
  readonly claimantType?: ClaimantType;
  /** YYYY-MM-DD. */
  readonly claimDate?: string | null;
  readonly summary?: string | null;
  /** The earlier claim (any article) this one repeats: always the original check. */
  readonly repeatOf?: string | null;
  /** Oldest first. Absent in hand-written files; the import then records one entry. */
  readonly history?: readonly ArticleFileHistoryEntry[];
}

/**
 * A claim suggestion with the editors' decision on it (JSON report only): ids
 * come from the file. Reports made before suggestions named a claimant have none.
 */
export type ArticleFileSuggestion = Omit<
  Suggestion,
  'id' | 'articleId' | 'claimant' | 'claimantType'
> &
  Partial<Pick<Suggestion, 'claimant' | 'claimantType'>>;

export interface ArticleFile {
  readonly $schema?: string;
  readonly formatVersion: 1;
  readonly article: {
    readonly id: string;
    readonly headline: string;
    readonly outlet: string | null;
    readonly url: string | null;
    readonly publishedAt: string | null;
    readonly language: string;
    readonly text: string;
    readonly headings: readonly Heading[];
    readonly createdAt?: string;
    readonly createdBy?: string | null;
  };
  readonly claims: readonly ArticleFileClaim[];
  /** Set on a JSON report: what the suggester found and what editors decided. Absent: the import runs the suggester. */
  readonly suggestions?: readonly ArticleFileSuggestion[];
  /** Set on a JSON report: when and by whom it was made, and the filter it applied. */
  readonly report?: {
    readonly generatedAt: string;
    readonly generatedBy: string;
    /** The claims-table filter the report was limited to, as URL query parameters; empty for all. */
    readonly filter: Readonly<Record<string, string>>;
  };
}
