/**
 * The change feed's rounds kicked by writes begin at most every few milliseconds
 * (feed/postgres-feed.ts: ROUND_SPACING_MS), so that under load one round numbers the
 * events of many writes; a stream that opens (`sync`) and `stop` do not wait for that.
 * The spacing itself (feed/coalesced.ts) is tested on any engine, the feed on PostgreSQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Kysely } from 'kysely';
import { openPostgres } from '../database/engine';
import { migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';
import { Coalesced } from '../feed/coalesced';
import { PostgresFeed } from '../feed/postgres-feed';
import { type ChangeEvent, latestPosition, recordEvent } from '../repositories/events';
import { makeTestDir, removeTestDir, testSchema } from './harness';

const url = process.env['TEST_DATABASE_URL'];
const skip = url ? false : 'PostgreSQL only: set TEST_DATABASE_URL (npm test does)';

/** A task that counts its runs and finishes when the test lets it. */
function countedTask() {
  let runs = 0;
  let finish: () => void = () => undefined;
  const task = () => {
    runs++;
    return new Promise<void>((resolve) => {
      finish = resolve;
    });
  };
  return { task, runs: () => runs, finish: () => finish() };
}

describe('runs spaced in time (Coalesced.soon)', () => {
  it('begins at once when the last run began longer ago than the spacing', async () => {
    const counted = countedTask();
    const rounds = new Coalesced(counted.task, 60_000);
    const first = rounds.soon();
    assert.equal(counted.runs(), 1, 'no run before: no wait');
    counted.finish();
    await first;
  });

  it('gives the calls within the spacing one run, which begins by itself', async () => {
    const counted = countedTask();
    const rounds = new Coalesced(counted.task, 30);
    const first = rounds.run();
    counted.finish();
    await first;
    const calls = [rounds.soon(), rounds.soon(), rounds.soon(), rounds.soon()];
    assert.equal(counted.runs(), 1, 'the calls wait for the spacing');
    assert.equal(new Set(calls).size, 1, 'and share one run');
    while (counted.runs() < 2) {
      await new Promise((resolve) => setImmediate(resolve));
    }
    counted.finish();
    await Promise.all(calls);
    assert.equal(counted.runs(), 2);
    await rounds.idle();
  });

  it('lets run() begin at once, for itself and the calls that wait', async () => {
    const counted = countedTask();
    const rounds = new Coalesced(counted.task, 60_000);
    const first = rounds.run();
    counted.finish();
    await first;
    const waiting = [rounds.soon(), rounds.soon()];
    const now = rounds.run();
    assert.equal(counted.runs(), 2, 'run() did not wait for the spacing');
    counted.finish();
    await Promise.all([now, ...waiting]);
    await rounds.idle();
    assert.equal(counted.runs(), 2, 'the waiting calls had their run: no third');
  });
});

describe('the change feed kicked by writes, on PostgreSQL', () => {
  let dir: string;
  let db: Kysely<Database>;

  before(async () => {
    if (skip) return;
    dir = makeTestDir('feed-spacing');
    db = await openPostgres(url!, { schema: testSchema(dir), poolSize: 3 });
    await migrateToLatest(db);
  });
  after(async () => {
    if (skip) return;
    await db?.destroy();
    await removeTestDir(dir);
  });

  const write = (claimId: string) =>
    db.transaction().execute((trx) => recordEvent(trx, 'note.changed', null, claimId, {}));

  // Without the spacing the first kick begins a round at once and the others queue a
  // second, which the sync shares: two rounds.
  it(
    'numbers the writes kicked within the spacing in one round, which sync begins at once',
    { skip },
    async () => {
      const deliveries: ChangeEvent[][] = [];
      let rounds = 0;
      const feed = new PostgresFeed(db, (events) => deliveries.push(events), {
        roundSpacingMs: 60_000,
        onRound: () => rounds++,
      });
      await feed.start();
      try {
        await write('first');
        await feed.kick();
        const from = await latestPosition(db);
        rounds = 0;
        deliveries.length = 0;
        // One transaction, so that the feed's safety-net timer cannot number some of them
        // between the writes; four commits' kicks, as four routes would.
        await db.transaction().execute(async (trx) => {
          for (const claimId of ['k1', 'k2', 'k3', 'k4']) {
            await recordEvent(trx, 'note.changed', null, claimId, {});
          }
        });
        const kicks = [feed.kick(), feed.kick(), feed.kick(), feed.kick()];
        // A stream opens: it does not wait a minute for the spacing.
        await feed.sync();
        await Promise.all(kicks);
        assert.equal(rounds, 1, 'one round for four kicks and the sync');
        assert.deepEqual(
          deliveries.map((events) => events.map((event) => [event.claimId, event.id])),
          [
            [
              ['k1', from + 1],
              ['k2', from + 2],
              ['k3', from + 3],
              ['k4', from + 4],
            ],
          ],
        );
      } finally {
        await feed.stop();
      }
    },
  );

  it('numbers a kicked write on stop without waiting for the spacing', { skip }, async () => {
    const delivered: ChangeEvent[] = [];
    const feed = new PostgresFeed(db, (events) => delivered.push(...events), {
      roundSpacingMs: 60_000,
    });
    await feed.start();
    await write('before-stop-1');
    await feed.kick();
    await write('before-stop-2');
    const kicked = feed.kick();
    await feed.stop();
    await kicked;
    assert.deepEqual(
      delivered.map((event) => event.claimId),
      ['before-stop-1', 'before-stop-2'],
    );
  });
});
