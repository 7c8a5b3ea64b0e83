/**
 * Check-then-write steps without a single writer: two apps on one PostgreSQL database
 * stand for two server processes (each has its own connection pool, so their
 * transactions really run at once). SQLite serves one process: there the suite says
 * it is skipped, and why.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { setupTokenOnStart } from '../repositories/setup';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const skip = process.env['TEST_DATABASE_URL']
  ? false
  : 'several server processes on one database need PostgreSQL (set TEST_DATABASE_URL; npm test does)';

describe('two server processes on one database', () => {
  let first: Harness;
  let second: Harness;
  before(async () => {
    if (skip) return;
    first = await startApp();
    second = await startApp({ dir: first.dir, claimsDir: null });
    await withCast(first);
    // Signed in one by one: parallel sign-ins of one person count as attempts in flight.
    for (const username of ['dana', 'casey']) {
      await first.signIn(username);
      await second.signIn(username);
    }
  });
  after(async () => {
    await second?.close();
    await first?.close();
  });

  it('gives claims added at once through both their own ids, none lost', { skip }, async () => {
    const add = (h: Harness, i: number) =>
      h.as('dana', {
        method: 'POST',
        url: `/api/articles/${SEED_ARTICLE}/claims`,
        payload: {
          start: i * 7,
          end: i * 7 + 5,
          statement: `Concurrent claim ${i}`,
          kind: 'figure',
        },
      });
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) => add(i % 2 === 0 ? first : second, i)),
    );
    assert.deepEqual(
      responses.map((r) => r.statusCode),
      responses.map(() => 201),
      responses.map((r) => r.body).join('\n'),
    );
    const ids = responses.map((r) => json<{ id: string }>(r).id);
    assert.equal(new Set(ids).size, ids.length, `distinct ids: ${ids.join(', ')}`);
    const listed = json<{ id: string }[]>(
      await second.as('casey', { method: 'GET', url: `/api/articles/${SEED_ARTICLE}/claims` }),
    ).map((claim) => claim.id);
    for (const id of ids) {
      assert.ok(listed.includes(id), `${id} is stored`);
    }
  });

  it(
    'takes every note added to one claim at once, retrying conflicts instead of failing',
    { skip },
    async () => {
      const claims = json<{ id: string }[]>(
        await first.as('casey', { method: 'GET', url: `/api/articles/${SEED_ARTICLE}/claims` }),
      );
      const claimId = claims[0].id;
      const responses = await Promise.all(
        Array.from({ length: 24 }, (_, i) =>
          (i % 2 === 0 ? first : second).as(i % 3 === 0 ? 'dana' : 'casey', {
            method: 'POST',
            url: `/api/claims/${claimId}/notes`,
            payload: { text: `Note ${i}` },
          }),
        ),
      );
      assert.deepEqual(
        responses.map((r) => r.statusCode),
        responses.map(() => 201),
        responses.map((r) => r.body).join('\n'),
      );
      const stored = await first.app.db
        .selectFrom('notes')
        .select('text')
        .where('claim_id', '=', claimId)
        .where('text', 'like', 'Note %')
        .execute();
      assert.equal(stored.length, 24);
    },
  );
});

describe('several processes starting at once on a new database', () => {
  it('migrate it once and import the claims folder once', { skip }, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-start-'));
    const apps = await Promise.all([startApp({ dir }), startApp({ dir }), startApp({ dir })]);
    try {
      const articles = await apps[0].app.db
        .selectFrom('articles')
        .select('id')
        .where('id', '=', SEED_ARTICLE)
        .execute();
      assert.equal(articles.length, 1);
      const applied = await sql<{
        name: string;
        n: number;
      }>`select name, count(*) as n from kysely_migration group by name`.execute(apps[0].app.db);
      assert.ok(applied.rows.length >= 7, 'every migration applied');
      assert.ok(
        applied.rows.every((row) => Number(row.n) === 1),
        'each once',
      );
    } finally {
      await Promise.all(apps.map((h) => h.close()));
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the setup link when several processes start at once', () => {
  it(
    'is made once: the others leave it in place and say when it was printed',
    { skip },
    async () => {
      const first = await startApp({ claimsDir: null });
      const second = await startApp({ dir: first.dir, claimsDir: null });
      try {
        const results = await Promise.all([
          setupTokenOnStart(first.app.db),
          setupTokenOnStart(second.app.db),
          setupTokenOnStart(first.app.db),
        ]);
        const made = results.filter((result) => result !== undefined && 'token' in result);
        assert.equal(made.length, 1, JSON.stringify(results));
        assert.equal(results.filter((result) => result && 'printedAt' in result).length, 2);
        const rows = await first.app.db.selectFrom('setup_tokens').selectAll().execute();
        assert.equal(rows.length, 1, 'one live link');
      } finally {
        await second.close();
        await first.close();
      }
    },
  );
});
