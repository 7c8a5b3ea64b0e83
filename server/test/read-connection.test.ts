/**
 * Reads beside a long write (database/read-connection.ts): on SQLite, a plain read does
 * not wait for a write transaction that holds the app's connection, sees committed data
 * only, and a transaction still reads its own writes.
 *   node --import tsx --test server/test/read-connection.test.ts
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { type Generated, Kysely, sql } from 'kysely';
import { openSqlite } from '../database/engine';
import type { Database } from '../database/schema';

interface TestDb {
  items: { id: Generated<number>; label: string };
}

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-read-connection-'));
after(() => rmSync(dir, { recursive: true, force: true }));
let files = 0;

/** The app's SQLite setup (engine.ts) on a fresh file, with one table. */
async function open(): Promise<Kysely<TestDb>> {
  const db = openSqlite(join(dir, `db-${(files += 1)}.sqlite`)) as unknown as Kysely<
    TestDb & Database
  >;
  await sql`create table items (id integer primary key, label text not null)`.execute(db);
  return db as unknown as Kysely<TestDb>;
}

const labels = async (db: Kysely<TestDb>) =>
  (await db.selectFrom('items').select('label').orderBy('label').execute()).map((r) => r.label);

/** Settles within `ms`, or says it is still waiting. */
function within<T>(promise: Promise<T>, ms: number): Promise<T | 'still waiting'> {
  return Promise.race([
    promise,
    new Promise<'still waiting'>((resolve) => setTimeout(() => resolve('still waiting'), ms)),
  ]);
}

describe('reads beside a long write (SQLite)', () => {
  it('answer while a write transaction holds the connection, with committed data only', async () => {
    const db = await open();
    try {
      await db.insertInto('items').values({ label: 'committed' }).execute();
      const trx = await db.startTransaction().execute();
      await trx.insertInto('items').values({ label: 'pending' }).execute();
      // The transaction reads its own write: on the writer.
      assert.deepEqual(
        (await trx.selectFrom('items').select('label').orderBy('label').execute()).map(
          (r) => r.label,
        ),
        ['committed', 'pending'],
      );
      // A plain read and the health check's `select 1` do not wait for it. Were they queued
      // behind it they would never settle before its commit below, so the bound can be long
      // enough for a loaded machine.
      assert.deepEqual(await within(labels(db), 10_000), ['committed']);
      assert.deepEqual(await within(sql`select 1 as one`.execute(db), 10_000), {
        rows: [{ one: 1 }],
      });
      // A write outside the transaction waits for it, as ever.
      const write = db.insertInto('items').values({ label: 'after' }).execute();
      assert.equal(await within(write, 200), 'still waiting');
      await trx.commit().execute();
      await write;
      assert.deepEqual(await labels(db), ['after', 'committed', 'pending']);
    } finally {
      await db.destroy();
    }
  });

  it('see a transaction once it is acknowledged, never before', async () => {
    const db = await open();
    try {
      const seen: string[][] = [];
      await Promise.all([
        db.transaction().execute((trx) => trx.insertInto('items').values({ label: 'a' }).execute()),
        labels(db).then((rows) => seen.push(rows)),
      ]);
      // Read while the batch was open: nothing of it, as it was not yet durable.
      assert.deepEqual(seen, [[]]);
      assert.deepEqual(await labels(db), ['a']);
    } finally {
      await db.destroy();
    }
  });

  it('keep a connection that wrote on the writer: its own temporary table is found', async () => {
    const db = await open();
    try {
      const rows = await db.connection().execute(async (connection) => {
        await sql`create temp table scratch (n integer)`.execute(connection);
        await sql`insert into scratch (n) values (7)`.execute(connection);
        return (await sql<{ n: number }>`select n from scratch`.execute(connection)).rows;
      });
      assert.deepEqual(rows, [{ n: 7 }]);
    } finally {
      await db.destroy();
    }
  });

  it('leave pragmas and writes dressed as reads to the writer', async () => {
    const db = await open();
    try {
      const { rows } = await sql<{
        wal_autocheckpoint: number;
      }>`PRAGMA wal_autocheckpoint`.execute(db);
      assert.equal(rows[0]?.wal_autocheckpoint, 0, 'the writer’s setting, not the reader’s');
      await sql`with x as (select 'cte' as label) insert into items (label) select label from x`.execute(
        db,
      );
      assert.deepEqual(await labels(db), ['cte']);
    } finally {
      await db.destroy();
    }
  });
});
