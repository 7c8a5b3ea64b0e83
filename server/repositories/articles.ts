/**
 * Articles: their per-stage and per-verdict counts, reads and writes of one article. An
 * imported article's records are stored by article-records.ts.
 */
import type {
  ArticleDetail,
  ArticleSummary,
  Evidence,
  Heading,
  Note,
} from '../../src/domain/claim';
import { VERDICTS, Verdict } from '../../src/domain/verdicts';
import { STAGES, Stage } from '../../src/domain/workflow';
import type { Kysely, Selectable } from 'kysely';
import type { ArticleClaimCountsTable, ArticleRow, Database } from '../database/schema';
import type { Db, NewClaim, RestoredClaimFields } from './claims';
import type { HistoryInput } from './history';

export interface NewArticle {
  readonly id: string;
  readonly headline: string;
  readonly outlet: string | null;
  readonly url: string | null;
  readonly publishedAt: string | null;
  readonly language: string;
  readonly text: string;
  readonly headings: readonly Heading[];
}

interface Counts {
  stage: Record<Stage, number>;
  verdict: Record<Verdict | 'none', number>;
}

/** An article's counts as the database keeps them (migration 0013): one row per article. */
type CountsRow = Omit<Selectable<ArticleClaimCountsTable>, 'article_id'>;

const COUNT_COLUMNS = [
  ...STAGES.map((stage) => `c.stage_${stage}` as const),
  ...[...VERDICTS, 'none' as const].map((verdict) => `c.verdict_${verdict}` as const),
];

function toCounts(row: CountsRow): Counts {
  return {
    stage: Object.fromEntries(STAGES.map((s) => [s, Number(row[`stage_${s}`])])) as Counts['stage'],
    verdict: Object.fromEntries(
      [...VERDICTS, 'none' as const].map((v) => [v, Number(row[`verdict_${v}`])]),
    ) as Counts['verdict'],
  };
}

/** The columns of a summary: never the text or headings, the bulk of an article's row. */
const SUMMARY_COLUMNS = [
  'a.id',
  'a.headline',
  'a.outlet',
  'a.url',
  'a.published_at',
  'a.language',
  'a.created_at',
  'a.updated_at',
  'a.version',
  'a.archived',
] as const;

type SummaryRow = Pick<
  ArticleRow,
  | 'id'
  | 'headline'
  | 'outlet'
  | 'url'
  | 'published_at'
  | 'language'
  | 'created_at'
  | 'updated_at'
  | 'version'
  | 'archived'
> &
  CountsRow;

/**
 * Articles with their counts, one row each: every article has its counts row, made by the
 * database when the article is inserted (migration 0013).
 */
function summaries(db: Db) {
  return db
    .selectFrom('articles as a')
    .innerJoin('article_claim_counts as c', 'c.article_id', 'a.id')
    .select(SUMMARY_COLUMNS)
    .select(COUNT_COLUMNS);
}

function toSummary(row: SummaryRow): ArticleSummary {
  const c = toCounts(row);
  return {
    id: row.id,
    headline: row.headline,
    outlet: row.outlet,
    url: row.url,
    publishedAt: row.published_at,
    language: row.language,
    claimCount: Object.values(c.stage).reduce((sum, n) => sum + n, 0),
    stageCounts: c.stage,
    verdictCounts: c.verdict,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    version: row.version,
    archived: row.archived === 1,
  };
}

/** Every article, oldest first; archived ones only when asked for. */
export async function listArticles(
  db: Kysely<Database>,
  options: { readonly archived?: boolean } = {},
): Promise<ArticleSummary[]> {
  let query = summaries(db).orderBy('a.created_at').orderBy('a.id');
  if (!options.archived) {
    query = query.where('a.archived', '=', 0);
  }
  return (await query.execute()).map(toSummary);
}

/** The article as the list shows it (no text), archived or not. */
export async function findArticleSummary(db: Db, id: string): Promise<ArticleSummary | undefined> {
  const row = await summaries(db).where('a.id', '=', id).executeTakeFirst();
  return row ? toSummary(row) : undefined;
}

/** Whether the article is archived (its claims read-only); undefined when there is no such article. */
export async function articleArchived(db: Db, id: string): Promise<boolean | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('archived')
    .where('id', '=', id)
    .executeTakeFirst();
  return row === undefined ? undefined : row.archived === 1;
}

/** Article columns `PATCH /api/articles/:id` may set. */
export interface ArticleChanges {
  headline?: string;
  outlet?: string | null;
  url?: string | null;
  published_at?: string | null;
  archived?: 0 | 1;
}

/**
 * Applies `changes` only if the article is still at `expectedVersion`, bumping
 * the version; false when someone else changed it first (nothing written then).
 */
export async function updateArticleIfVersion(
  db: Db,
  id: string,
  expectedVersion: number,
  changes: ArticleChanges,
  at: string,
): Promise<boolean> {
  const result = await db
    .updateTable('articles')
    .set((eb) => ({ ...changes, version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .where('version', '=', expectedVersion)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function findArticle(
  db: Kysely<Database>,
  id: string,
): Promise<ArticleDetail | undefined> {
  const row = await summaries(db)
    .select(['a.text', 'a.headings'])
    .where('a.id', '=', id)
    .executeTakeFirst();
  if (!row) {
    return undefined;
  }
  return {
    ...toSummary(row),
    text: row.text,
    headings: JSON.parse(row.headings) as Heading[],
  };
}

export async function findArticleText(db: Db, id: string): Promise<string | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('text')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.text;
}

export async function articleExists(db: Db, id: string): Promise<boolean> {
  const row = await db.selectFrom('articles').select('id').where('id', '=', id).executeTakeFirst();
  return row !== undefined;
}

export async function insertArticle(
  db: Kysely<Database>,
  article: NewArticle,
  at: string,
  createdBy: string | null,
): Promise<void> {
  await db
    .insertInto('articles')
    .values({
      id: article.id,
      headline: article.headline,
      outlet: article.outlet,
      url: article.url,
      published_at: article.publishedAt,
      language: article.language,
      text: article.text,
      headings: JSON.stringify(article.headings),
      created_at: at,
      updated_at: at,
      created_by: createdBy,
    })
    .execute();
}

/** Everything an imported article holds besides itself, as `insertArticleRecords` (article-records.ts) stores it. */
export interface ArticleRecords {
  readonly claims: readonly (NewClaim & Required<RestoredClaimFields>)[];
  readonly evidence: readonly Evidence[];
  readonly notes: readonly Note[];
  readonly history: readonly HistoryInput[];
}
