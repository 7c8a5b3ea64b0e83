/**
 * An article with everything recorded on it, as the report queries return it:
 * the article file format of `claims/` (`src/domain/article-file.ts`) with
 * every optional field filled in. server/reports/* formats these.
 */
import type {
  ArticleFile,
  ArticleFileClaim,
  ArticleFileEvidence,
  ArticleFileHistoryEntry,
  ArticleFileNote,
} from '../../src/domain/article-file';
import type { FilterableClaim } from '../../src/domain/claim-filter';

/** `T` with the listed optional fields present (null where the file format allows null). */
type Complete<T, K extends keyof T> = Omit<T, K> & {
  readonly [P in K]-?: Exclude<T[P], undefined>;
};

export type ExportedEvidence = Complete<
  ArticleFileEvidence,
  'quote' | 'archivedUrl' | 'accessedAt' | 'createdAt' | 'createdBy' | 'adoptedFrom'
>;
export type ExportedNote = Complete<ArticleFileNote, 'authorRole' | 'deletedAt' | 'deletedBy'>;
export type ExportedHistoryEntry = Complete<ArticleFileHistoryEntry, 'changes'>;
export type ExportedClaim = Complete<
  Omit<ArticleFileClaim, 'evidence' | 'notes'>,
  | 'submittedBy'
  | 'dismissReason'
  | 'approvedBy'
  | 'approvedAt'
  | 'version'
  | 'createdAt'
  | 'updatedAt'
  | 'updatedBy'
  | 'dueAt'
  | 'stageSince'
  | 'claimant'
  | 'claimantType'
  | 'claimDate'
  | 'summary'
  | 'repeatOf'
  | 'history'
> & {
  readonly evidence: readonly ExportedEvidence[];
  readonly notes: readonly ExportedNote[];
};
export type ExportedArticle = Complete<ArticleFile['article'], 'createdAt' | 'createdBy'>;

/** An article file as the server exports it: every optional field filled in. */
export interface ExportedArticleFile extends ArticleFile {
  readonly article: ExportedArticle;
  readonly claims: readonly ExportedClaim[];
}

/** A claim as the reports' filter sees it (the claims table's fields), beside its exported form. */
export interface ReportClaim extends FilterableClaim {
  readonly exported: ExportedClaim;
  /** The text of its notes that are not deleted, one per line, for the filter's search. */
  readonly noteText: string;
}
