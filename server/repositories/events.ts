/** The change feed: every change is written here in its own transaction, then pushed live. */
import type { Kysely } from 'kysely';
import type { ChangeEvent as ChangeEventOf, ChangeType } from '../../src/domain/change-event';
import type { Database, EventRow } from '../database/schema';
import { now } from './time';

export type { ChangeType };

/** The shared event shape; the server writes many kinds, so it reads `data` as unknown. */
export type ChangeEvent = ChangeEventOf<unknown>;

export async function recordEvent(
  db: Kysely<Database>,
  type: ChangeType,
  articleId: string | null,
  claimId: string | null,
  data: unknown,
): Promise<ChangeEvent> {
  const at = now();
  const row = await db
    .insertInto('events')
    .values({ at, type, article_id: articleId, claim_id: claimId, payload: JSON.stringify(data) })
    .returning('id')
    .executeTakeFirstOrThrow();
  return { id: row.id, at, type, articleId, claimId, data };
}

export function toChangeEvent(row: EventRow): ChangeEvent {
  return {
    id: row.id,
    at: row.at,
    type: row.type as ChangeType,
    articleId: row.article_id,
    claimId: row.claim_id,
    data: JSON.parse(row.payload) as unknown,
  };
}

export async function eventsAfter(
  db: Kysely<Database>,
  lastId: number,
  limit = 1000,
): Promise<ChangeEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('id', '>', lastId)
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map(toChangeEvent);
}
