// SQLite's log is copied into the database file by a thread of its own, never at the end
// of a request's COMMIT; a large write syncs as it goes and changes nothing on failure.
//   node --import tsx --test server/test/wal-checkpoint.test.ts
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openSqlite } from '../database/engine';
import { writingMuch } from '../database/large-write';
import { migrateToLatest } from '../database/migrations';
import { checkpointElsewhere, FALLBACK_AUTOCHECKPOINT_PAGES } from '../database/wal-checkpointer';

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-wal-'));
after(() => rmSync(dir, { recursive: true, force: true }));

/** Waits for `condition`, checking every 20 ms, for at most ten seconds. */
async function until(condition: () => boolean | Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await condition())) {
    if (Date.now() > deadline) {
      throw new Error(`waited ten seconds for ${what}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('WAL checkpoints', () => {
  it('are not the connection’s: its COMMITs leave the log to the checkpointing thread', async () => {
    const file = join(dir, 'a.db');
    const db = openSqlite(file);
    try {
      const { rows } = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(
        db,
      );
      assert.equal(rows[0]?.wal_autocheckpoint, 0, 'the connection never checkpoints');
      await sql`create table t (id integer primary key, body text)`.execute(db);
      const body = 'x'.repeat(4000);
      await db.transaction().execute(async (trx) => {
        for (let i = 0; i < 2000; i++) {
          await sql`insert into t (body) values (${body})`.execute(trx);
        }
      });
      // About 8 MB went to the log; the thread copies it into the file within a second.
      await until(() => statSync(file).size > 4_000_000, 'the checkpoint');
      const count = await sql<{ n: number }>`select count(*) as n from t`.execute(db);
      assert.equal(count.rows[0]?.n, 2000);
    } finally {
      await db.destroy();
    }
  });

  it('a large write keeps all or nothing, and puts the cache back as it was', async () => {
    const file = join(dir, 'b.db');
    const db = openSqlite(file);
    try {
      await migrateToLatest(db);
      await sql`create table big (id integer primary key, body text)`.execute(db);
      const cache = async () =>
        (await sql<{ cache_size: number }>`PRAGMA cache_size`.execute(db)).rows[0]?.cache_size;
      const before = await cache();
      const body = 'y'.repeat(2000);
      await assert.rejects(
        db.transaction().execute((trx) =>
          writingMuch(trx, async () => {
            for (let i = 0; i < 3000; i++) {
              await sql`insert into big (body) values (${body})`.execute(trx);
            }
            throw new Error('the import fails at its end');
          }),
        ),
        /fails at its end/,
      );
      const none = await sql<{ n: number }>`select count(*) as n from big`.execute(db);
      assert.equal(none.rows[0]?.n, 0, 'nothing of a failed large write stays');
      assert.equal(await cache(), before);
      await db.transaction().execute((trx) =>
        writingMuch(trx, async () => {
          for (let i = 0; i < 3000; i++) {
            await sql`insert into big (body) values (${body})`.execute(trx);
          }
        }),
      );
      const all = await sql<{ n: number }>`select count(*) as n from big`.execute(db);
      assert.equal(all.rows[0]?.n, 3000);
      assert.equal(await cache(), before);
    } finally {
      await db.destroy();
    }
  });

  it('fall back to SQLite’s own when the thread fails: the log does not grow until close', async () => {
    const file = join(dir, 'c.db');
    const sqlite = new SQLite(file);
    const warnings: string[] = [];
    const onWarning = (warning: Error) => warnings.push(warning.message);
    process.on('warning', onWarning);
    try {
      sqlite.pragma('journal_mode = WAL');
      sqlite.exec('create table t (id integer primary key, body text)');
      checkpointElsewhere(sqlite, file, 'throw new Error("no thread for checkpoints")');
      await until(
        () =>
          sqlite.pragma('wal_autocheckpoint', { simple: true }) === FALLBACK_AUTOCHECKPOINT_PAGES,
        'the connection to checkpoint again',
      );
      assert.ok(warnings.some((w) => w.includes('no thread for checkpoints')));
      // About 16 MB in 40 transactions: without checkpoints the log would hold all of it.
      const insert = sqlite.prepare('insert into t (body) values (?)');
      const body = 'z'.repeat(4000);
      for (let batch = 0; batch < 40; batch++) {
        sqlite.transaction(() => {
          for (let i = 0; i < 100; i++) insert.run(body);
        })();
      }
      const log = statSync(`${file}-wal`).size;
      assert.ok(log < 8_000_000, `the log holds ${log} bytes`);
      assert.ok(statSync(file).size > 8_000_000, 'the file holds what was checkpointed');
    } finally {
      process.off('warning', onWarning);
      sqlite.close();
    }
  });
});
