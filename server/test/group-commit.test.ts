/**
 * Group commit (database/group-commit.ts): transactions that arrive together
 * share one COMMIT, each is acknowledged only once that COMMIT has returned,
 * one failing transaction leaves the others of its batch alone, a failing
 * COMMIT fails them all, and an acknowledged write survives SIGKILL.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import { type Generated, Kysely, sql } from 'kysely';
import {
  GroupCommitDialect,
  type GroupCommitOptions,
  StatementCache,
} from '../database/group-commit';
import { spawnServer, startApp, withCast } from './harness';

interface TestDb {
  items: { id: Generated<number>; label: string };
  parents: { id: number };
  children: { id: number; parent_id: number };
}

const dir = mkdtempSync(join(tmpdir(), 'claimdesk-group-commit-'));
let files = 0;

/** A fresh database file with the app's pragmas, through the group-commit dialect. */
function open(options: GroupCommitOptions = {}, file = join(dir, `db-${(files += 1)}.sqlite`)) {
  const sqlite = new SQLite(file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.exec(`
    create table if not exists items (id integer primary key, label text not null unique);
    create table if not exists parents (id integer primary key);
    create table if not exists children (
      id integer primary key,
      parent_id integer not null references parents (id) deferrable initially deferred
    );
  `);
  const dialect = new GroupCommitDialect(sqlite, options);
  const db = new Kysely<TestDb>({ dialect });
  /** A second connection to the same file: it sees committed data only. */
  const observer = new SQLite(file, { readonly: true });
  const committed = (label: string) =>
    (
      observer.prepare('select count(*) as n from items where label = ?').get(label) as {
        n: number;
      }
    ).n === 1;
  const committedLabels = () =>
    (observer.prepare('select label from items order by label').all() as { label: string }[]).map(
      (row) => row.label,
    );
  return {
    file,
    db,
    stats: dialect.stats,
    committed,
    committedLabels,
    async close() {
      observer.close();
      await db.destroy();
    },
  };
}

function insert(db: Kysely<TestDb>, label: string) {
  return db.insertInto('items').values({ label }).execute();
}

describe('group commit', () => {
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('commits transactions that arrive together once, acknowledging each only after the COMMIT', async () => {
    const t = open();
    const labels = Array.from({ length: 10 }, (_, i) => `item ${i}`);
    const seenInsideLast: string[][] = [];
    const committedAtAck: boolean[] = [];
    await Promise.all(
      labels.map((label, i) =>
        t.db
          .transaction()
          .execute(async (trx) => {
            await insert(trx, label);
            if (i === labels.length - 1) {
              // The nine before this one have returned from their commit call, but
              // they wait for the batch's COMMIT: another connection sees none of them.
              seenInsideLast.push(t.committedLabels());
            }
          })
          .then(() => committedAtAck.push(t.committed(label))),
      ),
    );
    assert.deepEqual(seenInsideLast, [[]]);
    assert.deepEqual(
      committedAtAck,
      labels.map(() => true),
    );
    assert.deepEqual(t.committedLabels(), labels);
    assert.equal(t.stats.commits, 1);
    assert.equal(t.stats.transactions, 10);
    await t.close();
  });

  it('rolls a failing transaction back alone; the others in its batch persist', async () => {
    const t = open();
    await insert(t.db, 'existing');
    const commitsBefore = t.stats.commits;
    const thrown = new Error('refused');
    const results = await Promise.allSettled([
      // The first of the batch (the one that opened it) fails after writing.
      t.db.transaction().execute(async (trx) => {
        await insert(trx, 'first, rolled back');
        throw thrown;
      }),
      t.db.transaction().execute((trx) => insert(trx, 'second')),
      // A statement error inside the batch: SQLite fails the statement only.
      t.db.transaction().execute(async (trx) => {
        await insert(trx, 'third, rolled back');
        await insert(trx, 'existing');
      }),
      t.db.transaction().execute((trx) => insert(trx, 'fourth')),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'fulfilled', 'rejected', 'fulfilled'],
    );
    assert.equal((results[0] as PromiseRejectedResult).reason, thrown);
    assert.match(String((results[2] as PromiseRejectedResult).reason), /UNIQUE constraint failed/);
    assert.deepEqual(t.committedLabels(), ['existing', 'fourth', 'second']);
    assert.equal(t.stats.commits - commitsBefore, 1, 'the survivors shared one COMMIT');
    await t.close();
  });

  it('rejects every transaction of a batch whose COMMIT fails, and recovers', async () => {
    const t = open();
    await t.db.insertInto('parents').values({ id: 1 }).execute();
    const results = await Promise.allSettled([
      t.db.transaction().execute((trx) => insert(trx, 'before')),
      // A deferred foreign key is checked at COMMIT only: the batch's COMMIT fails.
      t.db
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ id: 1, parent_id: 99 }).execute()),
      t.db.transaction().execute((trx) => insert(trx, 'after')),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['rejected', 'rejected', 'rejected'],
    );
    for (const result of results) {
      assert.match(
        String((result as PromiseRejectedResult).reason),
        /FOREIGN KEY constraint failed/,
      );
    }
    assert.equal(t.stats.failedCommits, 1);
    assert.deepEqual(t.committedLabels(), []);
    assert.deepEqual(await t.db.selectFrom('children').selectAll().execute(), []);

    await t.db.transaction().execute((trx) => insert(trx, 'later'));
    assert.deepEqual(t.committedLabels(), ['later']);
    await t.close();
  });

  it('lets statements outside a transaction see and write committed data only', async () => {
    const t = open();
    let readInsideBatch: { label: string }[] = [];
    let plainWriteCommitted = false;
    await Promise.all([
      t.db.transaction().execute((trx) => insert(trx, 'in a transaction')),
      // Queued behind the transaction while its batch is open: the batch commits first.
      t.db
        .selectFrom('items')
        .select('label')
        .execute()
        .then((rows) => {
          readInsideBatch = rows;
        }),
      t.db.transaction().execute((trx) => insert(trx, 'next batch')),
      // A write outside a transaction is durable when it returns.
      insert(t.db, 'plain').then(() => {
        plainWriteCommitted = t.committed('plain');
      }),
    ]);
    assert.deepEqual(readInsideBatch, [{ label: 'in a transaction' }]);
    assert.equal(plainWriteCommitted, true);
    assert.deepEqual(t.committedLabels(), ['in a transaction', 'next batch', 'plain']);
    await t.close();
  });

  it('commits a batch once it is full, and keeps every acknowledged write after reopening', async () => {
    const t = open({ maxBatch: 8 });
    const labels = Array.from({ length: 50 }, (_, i) => `item ${String(i).padStart(2, '0')}`);
    await Promise.all(
      labels.map((label) => t.db.transaction().execute((trx) => insert(trx, label))),
    );
    assert.equal(t.stats.transactions, 50);
    assert.equal(t.stats.commits, Math.ceil(50 / 8));
    await t.close();

    const reopened = new SQLite(t.file, { readonly: true });
    const stored = reopened.prepare('select label from items order by label').all() as {
      label: string;
    }[];
    reopened.close();
    assert.deepEqual(
      stored.map((row) => row.label),
      labels,
    );
  });

  it('supports savepoints inside a controlled transaction', async () => {
    const t = open();
    const trx = await t.db.startTransaction().execute();
    await insert(trx, 'kept');
    const savepoint = await trx.savepoint('undo_me').execute();
    await insert(savepoint, 'undone');
    const back = await savepoint.rollbackToSavepoint('undo_me').execute();
    await back.releaseSavepoint('undo_me').execute();
    await trx.commit().execute();
    assert.deepEqual(t.committedLabels(), ['kept']);
    await t.close();
  });

  it('runs a read-only transaction outside the batch, on committed data, and refuses writes in it', async () => {
    const t = open();
    await t.db.insertInto('parents').values({ id: 1 }).execute();
    let seen: { label: string }[] = [];
    const results = await Promise.allSettled([
      t.db.transaction().execute((trx) => insert(trx, 'written first')),
      t.db
        .transaction()
        .setAccessMode('read only')
        .execute(async (trx) => {
          seen = await trx.selectFrom('items').select('label').execute();
        }),
      // Its batch fails at COMMIT (a deferred foreign key); the read above must not fail with it.
      t.db
        .transaction()
        .execute((trx) => trx.insertInto('children').values({ id: 1, parent_id: 99 }).execute()),
      t.db
        .transaction()
        .setAccessMode('read only')
        .execute((trx) => insert(trx, 'never')),
    ]);
    assert.deepEqual(
      results.map((result) => result.status),
      ['fulfilled', 'fulfilled', 'rejected', 'rejected'],
    );
    // The open batch was committed before the read-only transaction began.
    assert.deepEqual(seen, [{ label: 'written first' }]);
    assert.match(String((results[3] as PromiseRejectedResult).reason), /readonly|read-only/i);
    // query_only is off again for everyone else.
    await insert(t.db, 'afterwards');
    assert.deepEqual(t.committedLabels(), ['afterwards', 'written first']);
    await t.close();
  });

  it('refuses the connection after destroy instead of hanging, and commits what was in line', async () => {
    const t = open();
    let entered!: () => void;
    const inside = new Promise<void>((resolve) => (entered = resolve));
    const inLine = t.db.transaction().execute(async (trx) => {
      await insert(trx, 'in line');
      entered();
    });
    await inside;
    const closing = t.db.destroy();
    await inLine;
    await closing;
    await assert.rejects(insert(t.db, 'too late'), /closed|destroyed/);
    await assert.rejects(
      t.db.transaction().execute((trx) => insert(trx, 'nor this')),
      /closed|destroyed/,
    );
    assert.deepEqual(t.committedLabels(), ['in line']);
    await t.close();
  });

  it('refuses to run without WAL and synchronous = FULL', async () => {
    const sqlite = new SQLite(join(dir, 'no-wal.sqlite'));
    sqlite.pragma('synchronous = NORMAL');
    const db = new Kysely<TestDb>({ dialect: new GroupCommitDialect(sqlite) });
    await assert.rejects(sql`select 1`.execute(db), /journal_mode = WAL and synchronous = FULL/);
    await db.destroy();
  });

  it('stops for good when a transaction is opened behind its back, rather than lose writes', async () => {
    const t = open();
    await sql`begin`.execute(t.db);
    await assert.rejects(insert(t.db, 'would never be committed'), /outside the driver/);
    await assert.rejects(insert(t.db, 'nor this'), /restart the server/);
    assert.deepEqual(t.committedLabels(), []);
    await t.close();
  });

  it('caches prepared statements by SQL text, dropping the least recently used', () => {
    const sqlite = new SQLite(':memory:');
    const cache = new StatementCache(sqlite, 2);
    const one = cache.prepare('select 1');
    assert.equal(cache.prepare('select 1'), one);
    const two = cache.prepare('select 2');
    cache.prepare('select 1'); // now the most recently used
    cache.prepare('select 3'); // evicts "select 2"
    assert.equal(cache.size, 2);
    assert.equal(cache.prepare('select 1'), one);
    assert.notEqual(cache.prepare('select 2'), two);
    cache.close();
    assert.equal(sqlite.open, false);
  });

  it(
    'keeps synchronous = FULL in the app',
    {
      skip: process.env['TEST_DATABASE_URL']
        ? 'SQLite only: the app runs on PostgreSQL in this run (TEST_DATABASE_URL)'
        : false,
    },
    async () => {
      const app = await startApp({ claimsDir: null });
      const { rows } = await sql<{ synchronous: number }>`pragma synchronous`.execute(app.app.db);
      assert.deepEqual(rows, [{ synchronous: 2 }]);
      await app.close();
    },
  );

  it('loses no acknowledged concurrent write when the server process is killed', async () => {
    const killDir = mkdtempSync(join(tmpdir(), 'claimdesk-gc-kill-'));
    const setup = await startApp({ dir: killDir });
    await withCast(setup);
    await setup.close();
    const { address, child, exited, cookie, claims } = await spawnServer(killDir);
    // 60 appends at once; the server is killed as soon as 20 are acknowledged, with
    // the others anywhere between not sent, in a batch and committed. Every 201
    // received, before or after the kill, must be in the database.
    const sent = Array.from({ length: 60 }, (_, i) => `concurrent note ${i}`);
    const acknowledged: string[] = [];
    let killed = false;
    await Promise.allSettled(
      sent.map(async (text, i) => {
        const response = await fetch(
          `${address}/api/claims/${claims[i % claims.length].id}/notes`,
          {
            method: 'POST',
            headers: { 'content-type': 'application/json', cookie },
            body: JSON.stringify({ text }),
          },
        );
        if (response.status === 201) {
          acknowledged.push(text);
          if (acknowledged.length === 20) {
            killed = true;
            child.kill('SIGKILL');
          }
        }
      }),
    );
    if (!killed) {
      child.kill('SIGKILL');
    }
    await exited;
    assert.ok(acknowledged.length >= 20, `${acknowledged.length} acknowledged`);

    const restarted = await startApp({ dir: killDir });
    const stored = (await restarted.app.db.selectFrom('notes').select('text').execute()).map(
      (note) => note.text,
    );
    await restarted.close();
    rmSync(killDir, { recursive: true, force: true });
    for (const text of acknowledged) {
      assert.ok(stored.includes(text), `acknowledged "${text}" was lost`);
    }
    for (const text of stored) {
      assert.ok(sent.includes(text), `unexpected note "${text}"`);
    }
  });
});
