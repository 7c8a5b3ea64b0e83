/**
 * An article with everything recorded on it, in the article file format of
 * `claims/` with all its optional fields (`src/domain/article-file.ts`): the
 * JSON report, the input of every other report format, and what the intake
 * reads back without loss. The queries are in repositories/report-data.ts;
 * here the claims-table filter picks and orders the claims.
 */
import type { Kysely } from 'kysely';
import {
  applyFilter,
  type ClaimFilter,
  compareArticleOrder,
  EMPTY_FILTER,
  type FilterQuery,
  filterToQuery,
} from '../../src/domain/claim-filter';
import type { Database } from '../database/schema';
import { loadReportData } from '../repositories/report-data';
import type { ExportedArticleFile } from '../repositories/report-types';

export type {
  ExportedArticle,
  ExportedArticleFile,
  ExportedClaim,
  ExportedEvidence,
  ExportedNote,
} from '../repositories/report-types';

export interface ExportOptions {
  /**
   * The claims-table filter to limit the claims to. Its stage, verdict, kind,
   * mine and search select claims exactly as the table does (search includes
   * note text); its sort applies only with `order: 'table'`.
   */
  readonly filter?: ClaimFilter;
  /** Username for the filter's "assigned to me". */
  readonly me?: string | null;
  /** `article` (default): claims in article order, as the file format has them; `table`: the filter's sort. */
  readonly order?: 'article' | 'table';
  /**
   * `full` (default): each claim's whole history, as the file format has it.
   * `last`: only its latest entry, for the readable reports that show the last
   * change; `none`: no history. Anything but `full` is not a lossless file.
   */
  readonly history?: 'full' | 'last' | 'none';
  /** Adds the `report` block: who generated the file and when. */
  readonly report?: { readonly generatedBy: string; readonly generatedAt: string };
  /** Finds which approved claims ClaimReview may publish (`ExportedReport.publishable`). */
  readonly approvals?: boolean;
}

export interface ExportedReport {
  readonly file: ExportedArticleFile;
  /** Claims in the article, before the filter. */
  readonly articleClaimCount: number;
  /** The filter parameters that shaped `file.claims` (empty: every claim, article order). */
  readonly filter: FilterQuery;
  /** With `approvals`: the approved claims whose approval was made here or restored by an admin. */
  readonly publishable?: ReadonlySet<string>;
  /** Username → display name of every account, for the readable formats. */
  readonly displayNames: ReadonlyMap<string, string>;
}

type Db = Kysely<Database>;

/** The article as an article file, or undefined when there is no such article. */
export async function loadArticleFile(
  db: Db,
  articleId: string,
  options: ExportOptions = {},
): Promise<ExportedArticleFile | undefined> {
  return (await loadReport(db, articleId, options))?.file;
}

export async function loadReport(
  db: Db,
  articleId: string,
  options: ExportOptions = {},
): Promise<ExportedReport | undefined> {
  const data = await loadReportData(db, articleId, {
    history: options.history ?? 'full',
    approvals: options.approvals ?? false,
  });
  if (!data) {
    return undefined;
  }
  // The dashboard's order, which applyFilter expects; the database's collation could differ on ties.
  const rows = [...data.claims].sort(compareArticleOrder);

  const requested = options.filter ?? EMPTY_FILTER;
  const applied: ClaimFilter =
    options.order === 'table' ? requested : { ...requested, sort: 'position', descending: false };
  const selected = applyFilter(rows, applied, options.me ?? null, (row) => row.noteText);

  const file: ExportedArticleFile = {
    formatVersion: 1,
    article: data.article,
    claims: selected.map((row) => row.exported),
    ...(data.suggestions ? { suggestions: data.suggestions } : {}),
    ...(options.report
      ? {
          report: {
            generatedAt: options.report.generatedAt,
            generatedBy: options.report.generatedBy,
            filter: { ...filterToQuery(applied) },
          },
        }
      : {}),
  };
  return {
    file,
    articleClaimCount: rows.length,
    filter: filterToQuery(applied),
    ...(data.publishable ? { publishable: data.publishable } : {}),
    displayNames: new Map(data.people.map((person) => [person.username, person.display_name])),
  };
}
