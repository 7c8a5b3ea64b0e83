/**
 * The claim matcher indexes every claim at start. A large desk's claims take seconds to
 * index (100,000 passed Fastify's 10 s plugin time limit on a loaded machine and the
 * server never started), so the server starts without waiting, and a match waits for the
 * index. Held here by a lock on the claims table that stops the index's reads until the
 * test lets go: PostgreSQL only (SQLite's readers do not wait for a writer).
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import pg from 'pg';
import type { MatchResponse } from '../../src/domain/matching';
import { json, sharedDatabase, testSchema, withCast } from './harness';

const url = process.env['TEST_DATABASE_URL'];
const skip = url
  ? false
  : 'PostgreSQL only: holding the index’s reads needs a table lock; set TEST_DATABASE_URL (npm test does)';

describe('the claim matcher at start', { skip }, () => {
  const shared = sharedDatabase('match-start');
  let locker: pg.Client;

  before(async () => {
    const first = await shared.start();
    await withCast(first);
    await shared.closeApps();
    locker = new pg.Client({
      connectionString: url,
      options: `-c search_path=${testSchema(shared.dir)}`,
    });
    await locker.connect();
  });
  after(async () => {
    await locker?.end();
  });

  it('starts the server while the claims are still being indexed, and a match waits for them', async () => {
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE claims IN ACCESS EXCLUSIVE MODE');
    let answered = false;
    let pending: Promise<MatchResponse> | undefined;
    try {
      // Without the background load the start itself waits for the lock.
      const app = await shared.start({ claimsDir: null });
      await app.signIn('casey');
      pending = app
        .as('casey', {
          method: 'POST',
          url: '/api/match',
          payload: { text: 'Putin visited Pyongyang for the first time in 24 years.' },
        })
        .then((response) => {
          answered = true;
          return json<MatchResponse>(response);
        });
      // The health check answers while the match waits for the index.
      const health = await app.app.inject({ method: 'GET', url: '/api/health' });
      assert.equal(health.statusCode, 200);
      assert.equal(answered, false, 'the match answered before the claims were indexed');
    } finally {
      await locker.query('COMMIT');
    }
    const matched = await pending;
    assert.ok(matched, 'the app did not start');
    assert.ok(
      matched.items.some((item) => item.articleId === 'putin-north-korea-visit'),
      'the match answered without the seed article’s claims',
    );
  });
});
