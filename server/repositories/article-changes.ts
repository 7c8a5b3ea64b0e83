/**
 * Changing an article's metadata or archiving it: under the article's version
 * (If-Match), written in one transaction with its `article.updated` change
 * event. Archiving deletes nothing: the article leaves the lists and its
 * claims become read-only until it is un-archived.
 */
import type { Kysely } from 'kysely';
import type { ArticleSummary } from '../../src/domain/claim';
import type { Database } from '../database/schema';
import { type ArticleChanges, findArticleSummary, updateArticleIfVersion } from './articles';
import type { Db } from './claims';
import { NotFoundError, VersionConflictError } from './errors';
import { type ChangeEvent, recordEvent } from './events';
import { now } from './time';
import { writeTransaction } from '../database/transaction';

/** The body of `PATCH /api/articles/:id`: any of these, as the schema let them through. */
export interface ArticlePatch {
  readonly headline?: string;
  readonly outlet?: string | null;
  readonly url?: string | null;
  readonly publishedAt?: string | null;
  readonly archived?: boolean;
}

/** Headline and outlet are single lines, as the intake stores them. */
const oneLine = (text: string) => text.replace(/\s+/g, ' ').trim();

async function summaryOrThrow(db: Db, id: string): Promise<ArticleSummary> {
  const article = await findArticleSummary(db, id);
  if (!article) {
    throw new NotFoundError('Article', id);
  }
  return article;
}

/** The columns that change, compared with the article as it stands. */
function changesOf(article: ArticleSummary, patch: ArticlePatch): ArticleChanges {
  const changes: ArticleChanges = {};
  if (patch.headline !== undefined && oneLine(patch.headline) !== article.headline) {
    changes.headline = oneLine(patch.headline);
  }
  if (patch.outlet !== undefined) {
    const outlet = patch.outlet === null ? null : oneLine(patch.outlet) || null;
    if (outlet !== article.outlet) {
      changes.outlet = outlet;
    }
  }
  if (patch.url !== undefined && patch.url !== article.url) {
    changes.url = patch.url;
  }
  if (patch.publishedAt !== undefined && patch.publishedAt !== article.publishedAt) {
    changes.published_at = patch.publishedAt;
  }
  if (patch.archived !== undefined && patch.archived !== article.archived) {
    changes.archived = patch.archived ? 1 : 0;
  }
  return changes;
}

/**
 * Applies the patch if the article is still at `expectedVersion` (else
 * VersionConflictError with the article as it now stands). A patch that
 * changes nothing answers with the article as it is, without a new version or
 * event.
 */
export async function patchArticle(
  db: Kysely<Database>,
  id: string,
  expectedVersion: number,
  patch: ArticlePatch,
): Promise<{ value: ArticleSummary; events: ChangeEvent[] }> {
  return writeTransaction(db, async (trx) => {
    const article = await summaryOrThrow(trx, id);
    if (article.version !== expectedVersion) {
      throw new VersionConflictError('article', article);
    }
    const changes = changesOf(article, patch);
    if (Object.keys(changes).length === 0) {
      return { value: article, events: [] };
    }
    // The version is checked again by the UPDATE itself: a change committed
    // between the read above and here is never overwritten.
    if (!(await updateArticleIfVersion(trx, id, expectedVersion, changes, now()))) {
      throw new VersionConflictError('article', await summaryOrThrow(trx, id));
    }
    const saved = await summaryOrThrow(trx, id);
    const event = await recordEvent(trx, 'article.updated', id, null, { article: saved });
    return { value: saved, events: [event] };
  });
}
