/** Articles and their per-stage and per-verdict counts. */
import type { Kysely } from 'kysely';
import type { ArticleDetail, ArticleSummary, Heading } from '../../src/domain/claim';
import { VERDICTS, Verdict } from '../../src/domain/verdicts';
import { STAGES, Stage } from '../../src/domain/workflow';
import type { ArticleRow, Database } from '../database/schema';

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

function emptyCounts(): Counts {
  return {
    stage: Object.fromEntries(STAGES.map((s) => [s, 0])) as Record<Stage, number>,
    verdict: Object.fromEntries([...VERDICTS, 'none'].map((v) => [v, 0])) as Record<
      Verdict | 'none',
      number
    >,
  };
}

async function countsByArticle(
  db: Kysely<Database>,
  articleId?: string,
): Promise<Map<string, Counts>> {
  let query = db
    .selectFrom('claims')
    .select(({ fn }) => ['article_id', 'stage', 'verdict', fn.countAll<number>().as('n')])
    .groupBy(['article_id', 'stage', 'verdict']);
  if (articleId !== undefined) {
    query = query.where('article_id', '=', articleId);
  }
  const counts = new Map<string, Counts>();
  for (const row of await query.execute()) {
    const entry = counts.get(row.article_id) ?? emptyCounts();
    entry.stage[row.stage as Stage] += Number(row.n);
    entry.verdict[(row.verdict ?? 'none') as Verdict | 'none'] += Number(row.n);
    counts.set(row.article_id, entry);
  }
  return counts;
}

function toSummary(row: ArticleRow, counts: Counts | undefined): ArticleSummary {
  const c = counts ?? emptyCounts();
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
  };
}

export async function listArticles(db: Kysely<Database>): Promise<ArticleSummary[]> {
  const rows = await db.selectFrom('articles').selectAll().orderBy('created_at').execute();
  const counts = await countsByArticle(db);
  return rows.map((row) => toSummary(row, counts.get(row.id)));
}

export async function findArticle(
  db: Kysely<Database>,
  id: string,
): Promise<ArticleDetail | undefined> {
  const row = await db.selectFrom('articles').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) {
    return undefined;
  }
  const counts = await countsByArticle(db, id);
  return {
    ...toSummary(row, counts.get(id)),
    text: row.text,
    headings: JSON.parse(row.headings) as Heading[],
  };
}

export async function findArticleText(
  db: Kysely<Database>,
  id: string,
): Promise<string | undefined> {
  const row = await db
    .selectFrom('articles')
    .select('text')
    .where('id', '=', id)
    .executeTakeFirst();
  return row?.text;
}

export async function articleExists(db: Kysely<Database>, id: string): Promise<boolean> {
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
