/**
 * An article with everything recorded on it, in the article file format of
 * `claims/` with all its optional fields (`src/domain/article-file.ts`): the
 * JSON report, the input of every other report format, and what the intake
 * reads back without loss.
 *
 * One query per table whatever the article's size (article, claims,
 * evidence, notes, history; no query per claim), in one transaction so that
 * they all see one state of the data.
 */
import {
  type Kysely,
  type RawBuilder,
  type SelectQueryBuilder,
  sql,
  type Transaction,
} from 'kysely';
import type {
  ArticleFile,
  ArticleFileClaim,
  ArticleFileEvidence,
  ArticleFileHistoryEntry,
  ArticleFileNote,
} from '../../src/domain/article-file';
import type { ClaimantType, ClaimKind, Heading } from '../../src/domain/claim';
import {
  applyFilter,
  type ClaimFilter,
  compareArticleOrder,
  EMPTY_FILTER,
  type FilterableClaim,
  type FilterQuery,
  filterToQuery,
} from '../../src/domain/claim-filter';
import type { Verdict } from '../../src/domain/verdicts';
import type { DismissReason, Stage } from '../../src/domain/workflow';
import type { Database } from '../database/schema';
import { allSuggestions } from '../repositories/suggestions';
import {
  EVIDENCE_ORDER,
  evidenceJson,
  HISTORY_ORDER,
  historyEntryJson,
  NOTE_ORDER,
  noteJson,
} from './export-sql';

/** `T` with the listed optional fields present (null where the file format allows null). */
type Complete<T, K extends keyof T> = Omit<T, K> & {
  readonly [P in K]-?: Exclude<T[P], undefined>;
};

export type ExportedEvidence = Complete<
  ArticleFileEvidence,
  'quote' | 'archivedUrl' | 'accessedAt' | 'createdAt' | 'createdBy'
>;
export type ExportedNote = Complete<ArticleFileNote, 'authorRole' | 'deletedAt' | 'deletedBy'>;
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

/** What a claim offers the shared filter, beside its exported form. */
interface Row extends FilterableClaim {
  readonly exported: ExportedClaim;
  readonly noteText: string;
}

type ClaimIds = SelectQueryBuilder<Database, 'claims', { id: string }>;
/** A claim's items, by claim id. */
type Grouped<T> = (claimId: string) => T[];

/**
 * The items of every claim as one JSON document `{claimId: [item, …]}`,
 * built by SQLite from `export-sql.ts`'s entries and parsed once: for tens of
 * thousands of rows about twice as fast as a row object each mapped in JS.
 */
async function collect<T>(
  trx: Transaction<Database>,
  perClaim: RawBuilder<{ claim_id: string; entries: string }>,
): Promise<Grouped<T>> {
  const { rows } = await sql<{ groups: string | null }>`
    select '{' || group_concat(json_quote(claim_id) || ':[' || entries || ']', ',') || '}' as groups
    from (${perClaim})`.execute(trx);
  const groups = JSON.parse(rows[0]?.groups ?? '{}') as Record<string, T[]>;
  // Own keys only: a claim id such as `constructor` must not find Object's.
  return (claimId) => (Object.hasOwn(groups, claimId) ? groups[claimId] : []);
}

function evidenceOf(trx: Transaction<Database>, claimIds: ClaimIds) {
  return collect<ExportedEvidence>(
    trx,
    sql`select e.claim_id, group_concat(${evidenceJson}, ',' order by ${EVIDENCE_ORDER}) as entries
      from evidence e where e.claim_id in (${claimIds}) group by e.claim_id`,
  );
}

function notesOf(trx: Transaction<Database>, claimIds: ClaimIds) {
  return collect<ExportedNote>(
    trx,
    sql`select n.claim_id, group_concat(${noteJson}, ',' order by ${NOTE_ORDER}) as entries
      from notes n where n.claim_id in (${claimIds}) group by n.claim_id`,
  );
}

function historyOf(trx: Transaction<Database>, claimIds: ClaimIds, mode: 'full' | 'last') {
  // history.article_id has no index; the claim ids reach history_claim (claim_id, id).
  const rows =
    mode === 'last'
      ? sql`h.id in (select max(id) from history where claim_id in (${claimIds}) group by claim_id)`
      : sql`h.claim_id in (${claimIds})`;
  return collect<ArticleFileHistoryEntry>(
    trx,
    sql`select h.claim_id, group_concat(${historyEntryJson}, ',' order by ${HISTORY_ORDER}) as entries
      from history h where ${rows} group by h.claim_id`,
  );
}

/**
 * The claims whose approval ClaimReview may publish: the latest of their
 * approve, reopen and import entries is an approval by the editor the claim
 * names, or an import of the claim as approved by the start-up import of
 * `claims/` (actor `import`) or an admin's restore. An editor's import never
 * is: it starts claims again as new.
 */
async function approvalsOf(trx: Transaction<Database>, claimIds: ClaimIds): Promise<Set<string>> {
  const { rows } = await sql<{ id: string }>`
    select c.id from claims c join history h on h.id = (
      select max(id) from history
      where claim_id = c.id and action in ('approve', 'reopen', 'import')
    )
    join articles a on a.id = c.article_id
    where c.id in (${claimIds}) and c.stage = 'approved' and (
      -- Made here: after the article arrived (a file imported before imports were marked as
      -- such could carry an approve entry, dated before), and not in the future.
      (h.action = 'approve' and h.actor = c.approved_by
        and h.at >= a.created_at and h.at <= strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))
      or (h.action = 'import' and json_valid(h.after) and h.after ->> '$.stage' = 'approved'
        and (h.actor = 'import' or h.after ->> '$.restored' = 1))
    )`.execute(trx);
  return new Set(rows.map((row) => row.id));
}

export async function loadReport(
  db: Db,
  articleId: string,
  options: ExportOptions = {},
): Promise<ExportedReport | undefined> {
  const historyMode = options.history ?? 'full';
  // One snapshot for every table read, outside any write batch (see database/group-commit.ts).
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
      const claimIds = trx.selectFrom('claims').select('id').where('article_id', '=', articleId);
      return {
        article,
        claims: await trx
          .selectFrom('claims')
          .selectAll()
          .where('article_id', '=', articleId)
          .execute(),
        evidence: await evidenceOf(trx, claimIds),
        notes: await notesOf(trx, claimIds),
        history: historyMode === 'none' ? () => [] : await historyOf(trx, claimIds, historyMode),
        approvals: options.approvals ? await approvalsOf(trx, claimIds) : undefined,
        people: await trx.selectFrom('users').select(['username', 'display_name']).execute(),
        // The lossless file carries the suggestions and their decisions too.
        suggestions: historyMode === 'full' ? await allSuggestions(trx, articleId) : undefined,
      };
    });
  if (!data) {
    return undefined;
  }

  const rows: Row[] = data.claims.map((row) => {
    const evidence = data.evidence(row.id);
    const notes = data.notes(row.id);
    let noteCount = 0;
    let noteText = '';
    for (const note of notes) {
      if (note.deletedAt === null) {
        noteCount += 1;
        noteText += `${note.text}\n`;
      }
    }
    const exported: ExportedClaim = {
      id: row.id,
      quote: row.quote,
      start: row.start_offset,
      end: row.end_offset,
      statement: row.statement,
      kind: row.kind as ClaimKind,
      stage: row.stage as Stage,
      verdict: row.verdict as Verdict | null,
      rationale: row.rationale,
      assignee: row.assignee,
      evidence,
      notes,
      submittedBy: row.submitted_by,
      dismissReason: row.dismiss_reason as DismissReason | null,
      approvedBy: row.approved_by,
      approvedAt: row.approved_at,
      version: row.version,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
      updatedBy: row.updated_by,
      dueAt: row.due_at,
      stageSince: row.stage_since,
      claimant: row.claimant,
      claimantType: row.claimant_type as ClaimantType,
      claimDate: row.claim_date,
      summary: row.summary,
      history: data.history(row.id),
    };
    return {
      id: exported.id,
      start: exported.start,
      end: exported.end,
      quote: exported.quote,
      statement: exported.statement,
      rationale: exported.rationale,
      kind: exported.kind,
      stage: exported.stage,
      verdict: exported.verdict,
      assignee: exported.assignee,
      evidenceCount: evidence.length,
      noteCount,
      updatedAt: exported.updatedAt,
      dueAt: exported.dueAt,
      exported,
      noteText,
    };
  });
  // The dashboard's order, which applyFilter expects; SQLite's collation could differ on ties.
  rows.sort(compareArticleOrder);

  const requested = options.filter ?? EMPTY_FILTER;
  const applied: ClaimFilter =
    options.order === 'table' ? requested : { ...requested, sort: 'position', descending: false };
  const selected = applyFilter(rows, applied, options.me ?? null, (row) => row.noteText);

  const article = data.article;
  const file: ExportedArticleFile = {
    formatVersion: 1,
    article: {
      id: article.id,
      headline: article.headline,
      outlet: article.outlet,
      url: article.url,
      publishedAt: article.published_at,
      language: article.language,
      text: article.text,
      headings: JSON.parse(article.headings) as Heading[],
      createdAt: article.created_at,
      createdBy: article.created_by,
    },
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
    ...(data.approvals ? { publishable: data.approvals } : {}),
    displayNames: new Map(data.people.map((person) => [person.username, person.display_name])),
  };
}
