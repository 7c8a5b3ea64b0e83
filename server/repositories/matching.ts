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
 * Every claim's id, or one article's, in the order the claims were created (ids break
 * ties): the order the matcher indexes them in, so that of two claims that score the same
 * the earlier check comes first, after a restart too (ids say nothing about age: they
 * start with the article's name).
 */
export async function listClaimIdsByAge(db: Db, articleId?: string): Promise<string[]> {
  let query = db.selectFrom('claims').select('id');
  if (articleId !== undefined) {
    query = query.where('article_id', '=', articleId);
  }
  const rows = await query.orderBy('created_at').orderBy('id').execute();
  return rows.map((row) => row.id);
}

/** The claims with these ids (a page of `listClaimIdsByAge`), or one, in no set order. */
export async function listMatchableClaims(
  db: Db,
  only: { ids?: readonly string[]; claimId?: string },
): Promise<MatchableClaim[]> {
  let query = db
    .selectFrom('claims')
    .select(['id', 'article_id', 'quote', 'statement', 'summary', 'stage', 'verdict', 'version']);
  if (only.ids !== undefined) {
    if (only.ids.length === 0) {
      return [];
    }
    query = query.where('id', 'in', only.ids);
  }
  if (only.claimId !== undefined) {
    query = query.where('id', '=', only.claimId);
  }
  const rows = await query.execute();
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
