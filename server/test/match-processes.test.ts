/**
 * Two servers on one PostgreSQL database: each keeps its own matching index in memory,
 * and a claim edited or added through one is matched in its new wording by the other
 * (the change feed carries it). PostgreSQL only: SQLite serves one process.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { MatchResponse } from '../../src/domain/matching';
import { dropPostgresSchema } from '../database/engine';
import { type Harness, json, SEED_ARTICLE, startApp, testSchema, withCast } from './harness';

const url = process.env['TEST_DATABASE_URL'];
const skip = url ? false : 'PostgreSQL only: set TEST_DATABASE_URL (npm test does)';

/** Asks until the answer satisfies `ready` (the feed delivers within a round), 10 s at most. */
async function eventually(ask: () => Promise<MatchResponse>, ready: (r: MatchResponse) => boolean) {
  const deadline = Date.now() + 10_000;
  for (;;) {
    const answer = await ask();
    if (ready(answer) || Date.now() > deadline) {
      return answer;
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe('matching across processes', { skip }, () => {
  let dir: string;
  let one: Harness;
  let two: Harness;

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimdesk-match-'));
    one = await startApp({ dir });
    await withCast(one);
    two = await startApp({ dir, claimsDir: null });
  });
  after(async () => {
    await two?.close();
    await one?.close();
    rmSync(dir, { recursive: true, force: true });
    if (url) {
      await dropPostgresSchema(url, testSchema(dir));
    }
  });

  it('matches on one server what another server wrote', async () => {
    const text = 'Seoul suspended its military pact with Pyongyang because of rubbish balloons.';
    const ask = async () =>
      json<MatchResponse>(
        await two.as('casey', { method: 'POST', url: '/api/match', payload: { text } }),
      );
    assert.notEqual((await ask()).items[0]?.claimId, 'pnk-002');
    const edited = await one.as('dana', {
      method: 'PATCH',
      url: '/api/claims/pnk-002',
      headers: { 'if-match': '"1"' },
      payload: {
        statement: 'Seoul suspended its military pact with Pyongyang over rubbish balloons.',
      },
    });
    assert.equal(edited.statusCode, 200, edited.body);
    const answer = await eventually(ask, (r) => r.items[0]?.claimId === 'pnk-002');
    assert.equal(answer.items[0]?.claimId, 'pnk-002');

    const start = 0;
    const created = await one.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: {
        source: 'text',
        headline: 'Drones over the border',
        text: 'Hundreds of reconnaissance drones crossed the demilitarised zone last week.',
      },
    });
    assert.equal(created.statusCode, 201, created.body);
    const articleId = json<{ id: string }>(created).id;
    const claim = await one.as('dana', {
      method: 'POST',
      url: `/api/articles/${articleId}/claims`,
      payload: {
        start,
        end: 'Hundreds of reconnaissance drones crossed the demilitarised zone'.length,
        statement: 'Hundreds of reconnaissance drones crossed the demilitarised zone.',
        kind: 'event',
      },
    });
    assert.equal(claim.statusCode, 201, claim.body);
    const askDrones = async () =>
      json<MatchResponse>(
        await two.as('casey', {
          method: 'POST',
          url: '/api/match',
          payload: { text: 'reconnaissance drones crossed the DMZ' },
        }),
      );
    const drones = await eventually(askDrones, (r) => r.items[0]?.articleId === articleId);
    assert.equal(drones.items[0]?.articleId, articleId);
    assert.equal(drones.items[0]?.articleHeadline, 'Drones over the border');
    assert.notEqual(SEED_ARTICLE, articleId);
  });
});
