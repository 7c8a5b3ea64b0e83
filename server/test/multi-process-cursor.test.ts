/**
 * The feed's cursor when transactions commit in another order than they began, and the
 * feed's delivery by NOTIFY from another process. PostgreSQL only: without
 * TEST_DATABASE_URL these tests are skipped, and say why.
 */
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import pg from 'pg';
import { dropPostgresSchema, openPostgres } from '../database/engine';
import { migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';
import { PostgresFeed } from '../feed/postgres-feed';
import {
  type ChangeEvent,
  eventsAfter,
  latestPosition,
  recordEvent,
  sequenceAndRead,
  sequenceEvents,
} from '../repositories/events';

const url = process.env['TEST_DATABASE_URL'];
const skip = url ? false : 'PostgreSQL only: set TEST_DATABASE_URL (npm test does)';

describe('the change feed cursor on PostgreSQL', () => {
  const schema = `test_cursor_${randomUUID().replace(/-/g, '').slice(0, 16)}`;
  let db: Kysely<Database>;
  /** A second pool on the same schema: another server process. */
  let other: Kysely<Database>;

  const client = async () => {
    const connection = new pg.Client({
      connectionString: url,
      options: `-c search_path=${schema}`,
    });
    await connection.connect();
    return connection;
  };
  const insertEvent = (connection: pg.Client, claimId: string) =>
    connection.query<{ id: number }>(
      `insert into events (at, type, article_id, claim_id, payload)
       values (now()::text, 'note.changed', null, $1, '{}') returning id`,
      [claimId],
    );

  before(async () => {
    if (skip) return;
    db = await openPostgres(url!, { schema, poolSize: 3 });
    await migrateToLatest(db);
    other = await openPostgres(url!, { schema, poolSize: 2 });
  });

  after(async () => {
    if (skip) return;
    await db?.destroy();
    await other?.destroy();
    await dropPostgresSchema(url!, schema);
  });

  it(
    'gives a reader past the first commit the event whose transaction began first but committed last',
    { skip },
    async () => {
      const early = await client();
      const late = await client();
      try {
        await early.query('begin');
        const earlyId = (await insertEvent(early, 'began-first')).rows[0].id;
        await late.query('begin');
        const lateId = (await insertEvent(late, 'began-second')).rows[0].id;
        assert.ok(earlyId < lateId);
        await late.query('commit');
        await sequenceEvents(db);

        // A reader now sees only the second transaction's event, and keeps its cursor.
        const seen = await eventsAfter(db, 0);
        assert.deepEqual(
          seen.map((event) => event.claimId),
          ['began-second'],
        );
        const cursor = seen[0].id;

        await early.query('commit');
        await sequenceEvents(other);
        const resumed = await eventsAfter(db, cursor);
        assert.deepEqual(
          resumed.map((event) => event.claimId),
          ['began-first'],
          'the late commit is after the cursor, though its id is lower',
        );
        assert.ok(resumed[0].id > cursor);
      } finally {
        await early.end();
        await late.end();
      }
    },
  );

  it(
    'keeps an uncommitted event out of the feed until its commit is numbered',
    { skip },
    async () => {
      const writer = await client();
      try {
        const before = await latestPosition(db);
        await writer.query('begin');
        await insertEvent(writer, 'pending');
        await sequenceEvents(db);
        assert.deepEqual(await eventsAfter(db, before), [], 'not committed: not numbered');
        await writer.query('commit');
        assert.deepEqual(await eventsAfter(db, before), [], 'committed, not yet numbered');
        await sequenceEvents(db);
        assert.deepEqual(
          (await eventsAfter(db, before)).map((event) => event.claimId),
          ['pending'],
        );
      } finally {
        await writer.end();
      }
    },
  );

  it('delivers what another process numbers, by NOTIFY, in feed order', { skip }, async () => {
    const delivered: ChangeEvent[] = [];
    const feed = new PostgresFeed(db, (events) => delivered.push(...events), { listenUrl: url });
    await feed.start();
    try {
      const before = await latestPosition(db);
      for (const claimId of ['n1', 'n2', 'n3']) {
        await other
          .transaction()
          .execute((trx) => recordEvent(trx, 'note.changed', null, claimId, {}));
      }
      await sequenceEvents(other);
      // Sooner than the feed's safety poll (2 s): the notification brought them.
      const deadline = Date.now() + 1500;
      while (delivered.length < 3 && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      assert.deepEqual(
        delivered.map((event) => event.claimId),
        ['n1', 'n2', 'n3'],
      );
      assert.deepEqual(
        delivered.map((event) => event.id),
        [before + 1, before + 2, before + 3],
      );
    } finally {
      await feed.stop();
    }
  });

  it(
    'numbers events a process committed but never numbered (killed in between), on its timer',
    { skip },
    async () => {
      const delivered: ChangeEvent[] = [];
      const feed = new PostgresFeed(db, (events) => delivered.push(...events), { listenUrl: url });
      await feed.start();
      try {
        // Committed by "a process" that then died before its sequencing round.
        await other
          .transaction()
          .execute((trx) => recordEvent(trx, 'note.changed', null, 'orphan', {}));
        // The safety poll runs every 2 s; nothing else numbers it here, so the wait can be
        // long enough for a loaded machine without letting another path pass the test.
        const deadline = Date.now() + 10_000;
        while (delivered.length < 1 && Date.now() < deadline) {
          await new Promise((resolve) => setTimeout(resolve, 50));
        }
        assert.deepEqual(
          delivered.map((event) => event.claimId),
          ['orphan'],
        );
      } finally {
        await feed.stop();
      }
    },
  );

  it(
    'refuses a cursor that is not a position before sending anything, and numbers on',
    { skip },
    async () => {
      await assert.rejects(sequenceAndRead(db, -1, 10), /not a position or a count/);
      const from = await latestPosition(db);
      const connection = await client();
      try {
        await insertEvent(connection, 'after-refusal');
      } finally {
        await connection.end();
      }
      // Each of the pool's connections takes a round: none was left inside a transaction.
      const pages = await Promise.all([1, 2, 3].map(() => sequenceAndRead(db, from, 10)));
      for (const page of pages) {
        assert.deepEqual(
          page.map((row) => row.event.claimId),
          ['after-refusal'],
        );
      }
    },
  );
});
