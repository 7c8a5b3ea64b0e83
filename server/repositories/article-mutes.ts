/**
 * Muted articles: an editor who mutes an article is not told of its submissions
 * (notifications.ts reads the table in the same query that finds the editors).
 */
import type { Db } from './claims';
import { now } from './time';

/** Whether `username` muted `articleId`. */
export async function isArticleMuted(
  db: Db,
  username: string,
  articleId: string,
): Promise<boolean> {
  const row = await db
    .selectFrom('article_mutes')
    .select('article_id')
    .where('username', '=', username)
    .where('article_id', '=', articleId)
    .executeTakeFirst();
  return row !== undefined;
}

/** Mutes or unmutes an article for one person; doing it twice is doing it once. */
export async function setArticleMuted(
  db: Db,
  username: string,
  articleId: string,
  muted: boolean,
): Promise<void> {
  if (muted) {
    await db
      .insertInto('article_mutes')
      .values({ username, article_id: articleId, created_at: now() })
      .onConflict((oc) => oc.columns(['username', 'article_id']).doNothing())
      .execute();
  } else {
    await db
      .deleteFrom('article_mutes')
      .where('username', '=', username)
      .where('article_id', '=', articleId)
      .execute();
  }
}
