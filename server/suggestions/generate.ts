/**
 * Suggestions for an article stored before the suggester existed (or by a
 * path that does not run it, like the benchmarks' seeding): read once, on the
 * first request for them.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { findArticle } from '../repositories/articles';
import { storeSuggestions, suggestionsGenerated } from '../repositories/suggestions';
import { now } from '../repositories/time';
import { suggestClaims } from './suggester';
import { writeTransaction } from '../database/transaction';

/**
 * Makes sure the article's suggestions are stored. Returns false when the
 * article does not exist. The text is read outside any transaction (it takes
 * a while); storing re-checks, so two requests at once store it once.
 */
export async function ensureSuggestions(db: Kysely<Database>, articleId: string): Promise<boolean> {
  if (await suggestionsGenerated(db, articleId)) {
    return true;
  }
  const article = await findArticle(db, articleId);
  if (!article) {
    return false;
  }
  const found = await suggestClaims(article.text, article.headings, article.language);
  await writeTransaction(db, async (trx) => {
    if (!(await suggestionsGenerated(trx, articleId))) {
      await storeSuggestions(trx, articleId, found, now());
    }
  });
  return true;
}
