/** What the claim matcher's in-memory index (matching/claim-index.ts) loads from the database. */
import type { Stage } from '../../src/domain/workflow';
import type { Verdict } from '../../src/domain/verdicts';
import type { Db } from './claims';

/** A claim as the matcher indexes and answers it. */
export interface MatchableClaim {
  readonly id: string;
  readonly articleId: string;
  readonly quote: string;
  readonly statement: string;
  readonly summary: string | null;
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly version: number;
}

export interface ArticleHeadline {
  readonly id: string;
  readonly headline: string;
  readonly version: number;
}

/**
 * Every claim, one article's, or one; `after` and `limit` read them a page at a time
 * (in id order, the page after the claim `after`).
 */
export async function listMatchableClaims(
  db: Db,
  only: { articleId?: string; claimId?: string; after?: string; limit?: number } = {},
): Promise<MatchableClaim[]> {
  let query = db
    .selectFrom('claims')
    .select(['id', 'article_id', 'quote', 'statement', 'summary', 'stage', 'verdict', 'version']);
  if (only.articleId !== undefined) {
    query = query.where('article_id', '=', only.articleId);
  }
  if (only.claimId !== undefined) {
    query = query.where('id', '=', only.claimId);
  }
  if (only.after !== undefined) {
    query = query.where('id', '>', only.after);
  }
  if (only.limit !== undefined) {
    query = query.limit(only.limit);
  }
  const rows = await query.orderBy('id').execute();
  return rows.map((row) => ({
    id: row.id,
    articleId: row.article_id,
    quote: row.quote,
    statement: row.statement,
    summary: row.summary,
    stage: row.stage as Stage,
    verdict: row.verdict as Verdict | null,
    version: Number(row.version),
  }));
}

/** Every article's headline, or one article's. */
export async function listArticleHeadlines(db: Db, articleId?: string): Promise<ArticleHeadline[]> {
  let query = db.selectFrom('articles').select(['id', 'headline', 'version']);
  if (articleId !== undefined) {
    query = query.where('id', '=', articleId);
  }
  const rows = await query.execute();
  return rows.map((row) => ({ id: row.id, headline: row.headline, version: Number(row.version) }));
}
