/**
 * On PostgreSQL an event gets its place in the feed after its write has committed, in a
 * round of its own (repositories/events.ts). A write is answered without waiting for that
 * round: its caches are dropped at commit, so the writer's next read is fresh, and the
 * round numbers the event afterwards. Here the round is held back by taking the
 * sequencer's advisory lock from another connection. PostgreSQL only.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { ClaimSummary } from '../../src/domain/claim';
import { type Harness, json, SEED_ARTICLE, startApp, testSchema, withCast } from './harness';

const url = process.env['TEST_DATABASE_URL'];
const skip = url ? false : 'PostgreSQL only: set TEST_DATABASE_URL (npm test does)';

/** The sequencer's lock ("ClmD" and the schema's hash, as repositories/events.ts takes it). */
const SEQUENCER_LOCK = 0x436c6d44;

describe('a write answered before its event is numbered', { skip }, () => {
  let h: Harness;
  let holder: pg.Client;
  let schema: string;

  before(async () => {
    h = await startApp();
    await withCast(h);
    schema = testSchema(h.dir);
    holder = new pg.Client({ connectionString: url });
    await holder.connect();
  });
  after(async () => {
    await holder.end();
    await h.close();
  });

  const claims = async () =>
    json<ClaimSummary[]>(await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }));
  const unnumbered = async () => {
    const { rows } = await holder.query<{ n: string }>(
      `select count(*) as n from ${schema}.events where position is null`,
    );
    return Number(rows[0].n);
  };

  // Without the change the note's answer waits for the held round, and the test times out.
  it(
    'answers, and the next read shows the write, while the round is held',
    { timeout: 60_000 },
    async () => {
      const [claim] = await claims();
      await holder.query('select pg_advisory_lock($1, hashtext($2))', [SEQUENCER_LOCK, schema]);
      try {
        const noted = await h.as('casey', {
          method: 'POST',
          url: `/api/claims/${claim.id}/notes`,
          payload: { text: 'answered before the feed numbers it' },
        });
        assert.equal(noted.statusCode, 201);
        const after = (await claims()).find((c) => c.id === claim.id);
        assert.equal(
          after?.noteCount,
          claim.noteCount + 1,
          'the claims list is not the cached one',
        );
        assert.ok((await unnumbered()) > 0, 'the note event waits for the held round');
      } finally {
        await holder.query('select pg_advisory_unlock($1, hashtext($2))', [SEQUENCER_LOCK, schema]);
      }
      // Once the lock is free, a round numbers it: nothing committed is left out of the feed.
      await h.app.changes.sync();
      assert.equal(await unnumbered(), 0);
    },
  );
});
