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
  type AliasedSelectQueryBuilder,
  type Kysely,
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
import type { ClaimKind, Heading } from '../../src/domain/claim';
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
}

export interface ExportedReport {
  readonly file: ExportedArticleFile;
  /** Claims in the article, before the filter. */
  readonly articleClaimCount: number;
  /** The filter parameters that shaped `file.claims` (empty: every claim, article order). */
  readonly filter: FilterQuery;
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
/** Per claim: its id and its items as a JSON array text. */
type PerClaim = AliasedSelectQueryBuilder<{ claim_id: string; entries: string }, 'per_claim'>;

/**
 * The items of every claim as one JSON document `{claimId: [item, …]}`, built
 * by SQLite and parsed once. For tens of thousands of rows this is about twice
 * as fast as a row object each, mapped to the file format's shape in JS (and a
 * parse of every history entry's before and after, JSON already): V8 makes the
 * final objects straight from the text.
 */
async function collect<T>(trx: Transaction<Database>, perClaim: PerClaim): Promise<Grouped<T>> {
  const row = await trx
    .selectFrom(perClaim)
    .select(sql<string | null>`json_group_object(claim_id, json(entries))`.as('groups'))
    .executeTakeFirst();
  const groups = JSON.parse(row?.groups ?? '{}') as Record<string, T[]>;
  // Own keys only: a claim id such as `constructor` must not find Object's.
  return (claimId) => (Object.hasOwn(groups, claimId) ? groups[claimId] : []);
}

function evidenceOf(trx: Transaction<Database>, claimIds: ClaimIds) {
  return collect<ExportedEvidence>(
    trx,
    trx
      .selectFrom('evidence')
      .select([
        'claim_id',
        sql<string>`json_group_array(json_object(
          'id', id, 'url', url, 'title', title, 'publisher', publisher, 'stance', stance,
          'sourceType', source_type, 'quote', quote, 'archivedUrl', archived_url,
          'accessedAt', accessed_at, 'createdAt', created_at, 'createdBy', created_by
        ) order by created_at, id)`.as('entries'),
      ])
      .where('claim_id', 'in', claimIds)
      .groupBy('claim_id')
      .as('per_claim'),
  );
}

function notesOf(trx: Transaction<Database>, claimIds: ClaimIds) {
  // A deleted note keeps its tombstone: author, role, times, and no text.
  return collect<ExportedNote>(
    trx,
    trx
      .selectFrom('notes')
      .select([
        'claim_id',
        sql<string>`json_group_array(json_object(
          'id', id, 'author', author, 'authorRole', author_role,
          'text', iif(deleted_at is null, text, ''), 'createdAt', created_at,
          'deletedAt', deleted_at, 'deletedBy', deleted_by
        ) order by created_at, id)`.as('entries'),
      ])
      .where('claim_id', 'in', claimIds)
      .groupBy('claim_id')
      .as('per_claim'),
  );
}

function historyOf(trx: Transaction<Database>, claimIds: ClaimIds, mode: 'full' | 'last') {
  const perClaim = trx
    .selectFrom('history')
    .select([
      'claim_id',
      sql<string>`json_group_array(json_object(
        'at', at, 'actor', actor, 'action', action,
        'before', json(before), 'after', json(after), 'note', note,
        'correction', json(iif(correction, 'true', 'false'))
      ) order by id)`.as('entries'),
    ])
    .groupBy('claim_id');
  return collect<ArticleFileHistoryEntry>(
    trx,
    (mode === 'last'
      ? perClaim.where(
          'id',
          'in',
          trx
            .selectFrom('history')
            .select((eb) => eb.fn.max('id').as('id'))
            .where('claim_id', 'in', claimIds)
            .groupBy('claim_id'),
        )
      : // history.article_id has no index; the claim ids reach history_claim (claim_id, id).
        perClaim.where('claim_id', 'in', claimIds)
    ).as('per_claim'),
  );
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
  return { file, articleClaimCount: rows.length, filter: filterToQuery(applied) };
}
