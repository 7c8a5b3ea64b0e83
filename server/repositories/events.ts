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
import { isPostgres, postgresPool } from '../database/engine';
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
  const values = eventRow(type, articleId, claimId, data);
  const row = await db
    .insertInto('events')
    .values({
      ...values,
      position: isPostgres(db)
        ? null
        : sql<number>`(select coalesce(max(position), 0) + 1 from events)`,
    })
    .returning(['id', 'position'])
    .executeTakeFirstOrThrow();
  return { id: row.position ?? row.id, at: values.at, type, articleId, claimId, data };
}

/** An event's row as stored, before it has an id or a position. */
export function eventRow(
  type: ChangeType,
  articleId: string | null,
  claimId: string | null,
  data: unknown,
) {
  return {
    at: now(),
    type,
    article_id: articleId,
    claim_id: claimId,
    payload: JSON.stringify(data),
  };
}

/** The event a row written by `eventRow`'s values was given `id` for (PostgreSQL: its row id). */
export function eventOfRow(
  id: number,
  row: ReturnType<typeof eventRow>,
  data: unknown,
): ChangeEvent {
  return {
    id,
    at: row.at,
    type: row.type,
    articleId: row.article_id,
    claimId: row.claim_id,
    data,
  };
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

/** The columns of an event, named: a prepared statement must not change its result's shape. */
const EVENT_COLUMNS = [
  'id',
  'position',
  'at',
  'type',
  'article_id',
  'claim_id',
  'payload',
] as const;

/** An event as the feed delivers it, with its row's id (what a writer's `recordEvent` gave it). */
export interface FeedEvent {
  readonly rowId: number;
  readonly event: ChangeEvent;
}

function toFeedEvent(row: EventRow): FeedEvent {
  return { rowId: row.id, event: toChangeEvent(row) };
}

/** The feed after `position`, in order, with row ids; events not yet numbered are not in it. */
export async function feedAfter(
  db: Kysely<Database>,
  position: number,
  limit = 1000,
): Promise<FeedEvent[]> {
  const rows = await db
    .selectFrom('events')
    .select(EVENT_COLUMNS)
    .where('position', '>', position)
    .orderBy('position')
    .limit(limit)
    .execute();
  return rows.map(toFeedEvent);
}

/** The feed after `position`, in order; events not yet given a position are not in it. */
export async function eventsAfter(
  db: Kysely<Database>,
  position: number,
  limit = 1000,
): Promise<ChangeEvent[]> {
  return (await feedAfter(db, position, limit)).map((row) => row.event);
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

/** A position or a count, checked before it is sent. */
function wholeNumber(value: number): number {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new Error(`not a position or a count: ${value}`);
  }
  return value;
}

/** The sequencing round's statements, each prepared once per connection (named). */
const SEQUENCE_STATEMENTS = {
  lock: {
    name: 'claimdesk_feed_lock',
    text: 'select pg_advisory_xact_lock($1, hashtext(current_schema()))',
  },
  number: {
    name: 'claimdesk_feed_number',
    text: `with numbered as (
      update events set position = next.position
      from (
        select id,
          (select coalesce(max(position), 0) from events)
            + row_number() over (order by id) as position
        from events where position is null
      ) as next
      where events.id = next.id
      returning events.position
    )
    select pg_notify('${FEED_CHANNEL}', current_schema() || ':' || max(position))
    from numbered having count(*) > 0`,
  },
  read: {
    name: 'claimdesk_feed_read',
    text: `select ${EVENT_COLUMNS.join(', ')} from events
      where position > $1::bigint order by position limit $2::bigint`,
  },
} as const;

/**
 * PostgreSQL: gives the committed events without a position the next positions, in id
 * order, notifies every process when there were any, and answers the feed after
 * `after` (at most `limit` events) as it stands once they are numbered.
 *
 * One round trip: the transaction's statements are sent together without waiting for
 * each other (the pool's pipeline mode, database/postgres-driver.ts), and each is
 * prepared once per connection, so PostgreSQL does not parse and plan them again on
 * every round (a round runs after every few writes). READ COMMITTED on purpose, whatever
 * the server's default: the UPDATE's snapshot is then taken after the lock is granted,
 * so it sees every earlier round and every event committed until then (a SERIALIZABLE
 * snapshot would be taken by the lock's own statement, before the wait); the last
 * statement's snapshot sees this round's numbers and every earlier round's, so what it
 * answers is the feed's prefix past `after`. The notification carries the new last
 * position, so that a process that has delivered that far (the one that numbered) need
 * not read again. A failed statement fails those after it and the COMMIT rolls back.
 */
export async function sequenceAndRead(
  db: Kysely<Database>,
  after: number,
  limit: number,
): Promise<FeedEvent[]> {
  // Checked before anything is sent: a throw among the sends would leave BEGIN open.
  const values = [wholeNumber(after), wholeNumber(limit)];
  const client = await postgresPool(db).connect();
  let broken: Error | undefined;
  try {
    const [begun, locked, numbered, read, committed] = await Promise.allSettled([
      client.query('start transaction isolation level read committed'),
      client.query({ ...SEQUENCE_STATEMENTS.lock, values: [SEQUENCER_LOCK] }),
      client.query(SEQUENCE_STATEMENTS.number),
      client.query<EventRow>({ ...SEQUENCE_STATEMENTS.read, values }),
      client.query('commit'),
    ]);
    if (committed.status === 'rejected') {
      // The transaction may still be open: this connection must not be used again.
      broken = committed.reason as Error;
      throw broken;
    }
    for (const step of [begun, locked, numbered, read]) {
      if (step.status === 'rejected') throw step.reason;
    }
    if (committed.value.command !== 'COMMIT') {
      throw new Error('change feed: the sequencing round was rolled back');
    }
    return read.status === 'fulfilled' ? read.value.rows.map(toFeedEvent) : [];
  } finally {
    client.release(broken);
  }
}

/** PostgreSQL: one sequencing round (`sequenceAndRead`) that reads nothing back. */
export async function sequenceEvents(db: Kysely<Database>): Promise<void> {
  await sequenceAndRead(db, Number.MAX_SAFE_INTEGER, 0);
}

/**
 * A notification's payload: the schema whose feed grew and, after a colon, its new last
 * position (a payload of the schema alone says only that it grew).
 */
export function parseFeedNotification(payload: string): {
  schema: string;
  position: number | null;
} {
  const colon = payload.lastIndexOf(':');
  const position = colon < 0 ? NaN : Number(payload.slice(colon + 1));
  return Number.isSafeInteger(position) && colon > 0
    ? { schema: payload.slice(0, colon), position }
    : { schema: payload, position: null };
}

/** The schema this database works in: the payload that tells its notifications apart. */
export async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}
