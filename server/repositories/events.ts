/**
 * The change feed: every change is written here in its own transaction, then pushed live.
 *
 * An event's place in the feed is its `position`, the cursor a client resumes from with
 * Last-Event-ID, given in the order events become visible (commit order), not in the
 * order their transactions began:
 * - SQLite has one writer, so the insert takes the next position itself.
 * - PostgreSQL commits concurrent transactions in any order, and a sequence number taken
 *   at insert time would let a reader past 11 miss a 10 that commits later. Events are
 *   inserted without a position; after commit, `sequenceEvents` numbers the committed,
 *   unnumbered ones in rounds that one advisory lock serializes, each seeing every
 *   earlier round. So a position is only ever given above every position a reader can
 *   already have seen, and a reader at p never later finds a new event below p.
 */
import { type Kysely, sql } from 'kysely';
import type { ChangeEvent as ChangeEventOf, ChangeType } from '../../src/domain/change-event';
import { isPostgres } from '../database/engine';
import type { Database, EventRow } from '../database/schema';
import { now } from './time';

export type { ChangeType };

/** The shared event shape; the server writes many kinds, so it reads `data` as unknown. */
export type ChangeEvent = ChangeEventOf<unknown>;

/** NOTIFY channel of new positions; the payload is the schema, as schemas share a database. */
export const FEED_CHANNEL = 'claimdesk_events';

/** First key of the sequencer's advisory lock ("ClmD"); the second is the schema's hash. */
const SEQUENCER_LOCK = 0x436c6d44;

/**
 * Writes an event in the caller's transaction. The returned id is its position on SQLite;
 * on PostgreSQL the position comes after commit (`sequenceEvents`), and the id returned
 * is the row's, which no client sees: the feed reads events back by position.
 */
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
    .values({
      at,
      type,
      article_id: articleId,
      claim_id: claimId,
      payload: JSON.stringify(data),
      position: isPostgres(db)
        ? null
        : sql<number>`(select coalesce(max(position), 0) + 1 from events)`,
    })
    .returning(['id', 'position'])
    .executeTakeFirstOrThrow();
  return { id: row.position ?? row.id, at, type, articleId, claimId, data };
}

export function toChangeEvent(row: EventRow): ChangeEvent {
  return {
    id: row.position ?? row.id,
    at: row.at,
    type: row.type as ChangeType,
    articleId: row.article_id,
    claimId: row.claim_id,
    data: JSON.parse(row.payload) as unknown,
  };
}

/** The feed after `position`, in order; events not yet given a position are not in it. */
export async function eventsAfter(
  db: Kysely<Database>,
  position: number,
  limit = 1000,
): Promise<ChangeEvent[]> {
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where('position', '>', position)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(toChangeEvent);
}

/** The feed's last position, 0 when it is empty. */
export async function latestPosition(db: Kysely<Database>): Promise<number> {
  const row = await db
    .selectFrom('events')
    .select(({ fn }) => fn.max('position').as('position'))
    .executeTakeFirst();
  return Number(row?.position ?? 0);
}

/** PostgreSQL: whether any committed event waits for a position (cheap: a partial index). */
export async function hasUnsequencedEvents(db: Kysely<Database>): Promise<boolean> {
  const row = await db
    .selectFrom('events')
    .select('id')
    .where('position', 'is', null)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * PostgreSQL: gives the committed events without a position the next positions, in id
 * order, and notifies every process when there were any.
 *
 * One round trip: the statements go as one simple query, which PostgreSQL runs as one
 * transaction (rolled back whole on an error), each statement with a snapshot of its
 * own. READ COMMITTED on purpose, whatever the server's default: the UPDATE's snapshot
 * is then taken after the lock is granted, so it sees every earlier round and every
 * event committed until then (a SERIALIZABLE snapshot would be taken by the lock's own
 * statement, before the wait). No parameters: they would need the extended protocol,
 * which takes one statement at a time.
 */
export async function sequenceEvents(db: Kysely<Database>): Promise<void> {
  await sql
    .raw(
      `set local transaction_isolation = 'read committed';
      select pg_advisory_xact_lock(${SEQUENCER_LOCK}, hashtext(current_schema()));
      with numbered as (
        update events set position = next.position
        from (
          select id,
            (select coalesce(max(position), 0) from events)
              + row_number() over (order by id) as position
          from events where position is null
        ) as next
        where events.id = next.id
        returning 1
      )
      select pg_notify('${FEED_CHANNEL}', current_schema()) where exists (select 1 from numbered);`,
    )
    .execute(db);
}

/** The schema this database works in: the payload that tells its notifications apart. */
export async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}
