/**
 * Several server processes on one PostgreSQL database: the change feed reaches every
 * process's streams, Last-Event-ID resumes on any process without a gap or a repeat,
 * If-Match holds across processes, and kill -9 of one loses no acknowledged write.
 * PostgreSQL only: without TEST_DATABASE_URL these tests are skipped, and say why.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { dropPostgresSchema, openPostgres } from '../database/engine';
import { latestPosition } from '../repositories/events';
import { PASSWORD, spawnServer, startApp, testSchema, withCast } from './harness';
import type { ServerProcess } from './harness';
import { type EventStream, openEventStream } from './sse';
import { until } from './until';

const url = process.env['TEST_DATABASE_URL'];
const skip = url ? false : 'PostgreSQL only: set TEST_DATABASE_URL (npm test does)';

async function signIn(address: string, username: string): Promise<string> {
  const response = await fetch(`${address}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: PASSWORD }),
  });
  assert.equal(response.status, 200, `sign-in of ${username}`);
  return (response.headers.get('set-cookie') ?? '').split(';')[0];
}

function send(
  address: string,
  cookie: string,
  method: string,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
): Promise<Response> {
  return fetch(`${address}${path}`, {
    method,
    headers: { 'content-type': 'application/json', cookie, ...headers },
    body: JSON.stringify(body),
  });
}

/**
 * spawnServer, tried again when the process exits while starting. Kysely's migrator
 * reads the catalog of every schema on start, and a test elsewhere dropping its own
 * schema at that moment fails it ("schema … does not exist"); not what this tests.
 */
async function spawnSettled(dir: string): Promise<ServerProcess> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await spawnServer(dir);
    } catch (error) {
      if (attempt >= 3 || !/server exited/.test(String(error))) {
        throw error;
      }
    }
  }
}

/** The change feed of a server process from `lastEventId` on, read until closed. */
const openFeedStream = (address: string, cookie: string, lastEventId: number) =>
  openEventStream(`${address}/api/events`, cookie, { lastEventId });

describe('two server processes on one PostgreSQL database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-multi-'));
  const schema = testSchema(dir);
  let one: ServerProcess;
  let two: ServerProcess;
  let db: Awaited<ReturnType<typeof openPostgres>>;
  const streams: EventStream[] = [];

  /** Every event position in the database after `position`, in order. */
  const positionsAfter = async (position: number) =>
    (
      await db
        .selectFrom('events')
        .select('position')
        .where('position', '>', position)
        .orderBy('position')
        .execute()
    ).map((row) => Number(row.position));

  before(async () => {
    if (skip) return;
    const setup = await startApp({ dir });
    await withCast(setup);
    await setup.close();
    [one, two] = await Promise.all([spawnSettled(dir), spawnSettled(dir)]);
    db = await openPostgres(url!, { schema, poolSize: 2 });
  });

  after(async () => {
    if (skip) {
      rmSync(dir, { recursive: true, force: true });
      return;
    }
    streams.forEach((stream) => stream.close());
    for (const server of [one, two]) {
      if (server && server.child.exitCode === null && server.child.signalCode === null) {
        server.child.kill('SIGTERM');
        await server.exited;
      }
    }
    await db?.destroy();
    await dropPostgresSchema(url!, schema);
    rmSync(dir, { recursive: true, force: true });
  });

  it('delivers a write through one process to an event stream of the other', { skip }, async () => {
    const stream = await openFeedStream(two.address, two.cookie, await latestPosition(db));
    streams.push(stream);
    const claim = one.claims[0];
    const response = await send(one.address, one.cookie, 'POST', `/api/claims/${claim.id}/notes`, {
      text: 'written through process one',
    });
    assert.equal(response.status, 201, await response.text());
    const [event] = await stream.waitFor(1);
    assert.equal(event.type, 'note.changed');
    assert.equal(event.claimId, claim.id);
    stream.close();
  });

  it(
    'resumes on the other process from Last-Event-ID: every missed event, once, in order',
    { skip },
    async () => {
      const start = await latestPosition(db);
      const first = await openFeedStream(two.address, two.cookie, start);
      streams.push(first);
      // Writes through both processes at once, so that transactions commit in another
      // order than they began; the client leaves halfway and resumes on the other process.
      const writes = (server: ServerProcess, label: string) =>
        Promise.all(
          server.claims.slice(0, 6).map(async (claim, i) => {
            for (let n = 0; n < 4; n += 1) {
              const response = await send(
                server.address,
                server.cookie,
                'POST',
                `/api/claims/${claim.id}/notes`,
                { text: `${label} ${i}.${n}` },
              );
              assert.equal(response.status, 201, await response.text());
            }
          }),
        );
      const storm = Promise.all([writes(one, 'one'), writes(two, 'two')]);
      await first.waitFor(10);
      first.close();
      const seen = [...first.events];
      const lastSeen = seen[seen.length - 1].id;
      await storm;
      // A write is answered at its commit and its event numbered by the feed's next
      // round, so the last few may not have a position yet: wait for all 48.
      const expected = 2 * 6 * 4;
      await until('every write numbered in the feed', async () => {
        return (await positionsAfter(start)).length >= expected;
      });
      const all = await positionsAfter(start);
      const rest = all.filter((position) => position > lastSeen);
      const resumed = await openFeedStream(one.address, one.cookie, lastSeen);
      streams.push(resumed);
      await resumed.waitFor(rest.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      resumed.close();
      const received = [...seen, ...resumed.events].map((event) => event.id);
      assert.deepEqual(received, all, 'every event once, in feed order');
      assert.equal(all.length, expected);
    },
  );

  it(
    'gives exactly one success to concurrent PATCHes with the same If-Match',
    { skip },
    async () => {
      const [editorOne, editorTwo] = await Promise.all([
        signIn(one.address, 'dana'),
        signIn(two.address, 'eli'),
      ]);
      const claim = one.claims[1];
      for (let round = 0; round < 5; round += 1) {
        const current = await fetch(`${one.address}/api/claims/${claim.id}`, {
          headers: { cookie: editorOne },
        });
        const version = current.headers.get('etag') ?? '';
        assert.match(version, /^"\d+"$/);
        const statuses = await Promise.all(
          [
            [one.address, editorOne],
            [two.address, editorTwo],
          ].map(async ([address, cookie], i) => {
            const response = await send(
              address,
              cookie,
              'PATCH',
              `/api/claims/${claim.id}`,
              { rationale: `round ${round} by ${i}` },
              { 'if-match': version },
            );
            return response.status;
          }),
        );
        assert.deepEqual(statuses.sort(), [200, 412], `round ${round}`);
      }
    },
  );

  it(
    'loses no acknowledged write when one process is killed mid-storm, and the other serves on',
    { skip },
    async () => {
      const [editorOne, editorTwo] = await Promise.all([
        signIn(one.address, 'dana'),
        signIn(two.address, 'dana'),
      ]);
      const acknowledgedNotes: string[] = [];
      /** Per claim: the rationales acknowledged, in order. */
      const acknowledgedPatches = new Map<string, string[]>();
      let killed = false;
      const kill = () => {
        if (!killed) {
          killed = true;
          one.child.kill('SIGKILL');
        }
      };
      const acknowledge = () => {
        if (acknowledgedNotes.length >= 30) kill();
      };
      const notes = one.claims.slice(0, 8).map(async (claim, i) => {
        for (let n = 0; n < 15; n += 1) {
          const server = n % 2 === 0 ? one : two;
          const text = `storm ${i}.${n}`;
          const response = await send(
            server.address,
            server.cookie,
            'POST',
            `/api/claims/${claim.id}/notes`,
            {
              text,
            },
          ).catch(() => null);
          if (response?.status === 201) {
            acknowledgedNotes.push(text);
            acknowledge();
          }
        }
      });
      // Each worker edits a claim of its own through both processes, version after version.
      const patches = one.claims.slice(2, 6).map(async (claim, i) => {
        const done: string[] = [];
        acknowledgedPatches.set(claim.id, done);
        for (let n = 0; n < 12; n += 1) {
          const [address, cookie] =
            n % 2 === 0 ? [one.address, editorOne] : [two.address, editorTwo];
          const current = await fetch(`${two.address}/api/claims/${claim.id}`, {
            headers: { cookie: editorTwo },
          });
          const rationale = `patch ${i}.${n}`;
          const response = await send(
            address,
            cookie,
            'PATCH',
            `/api/claims/${claim.id}`,
            { rationale },
            { 'if-match': current.headers.get('etag') ?? '' },
          ).catch(() => null);
          if (response?.status === 200) {
            done.push(rationale);
          }
        }
      });
      await Promise.all([...notes, ...patches]);
      kill();
      await one.exited;
      assert.ok(acknowledgedNotes.length >= 30, `${acknowledgedNotes.length} notes acknowledged`);
      assert.ok(acknowledgedNotes.length < 120, 'the kill came mid-storm');
      assert.ok(
        [...acknowledgedPatches.values()].every((done) => done.length >= 3),
        'every PATCH worker had edits acknowledged',
      );

      const stored = new Set(
        (await db.selectFrom('notes').select('text').execute()).map((note) => note.text),
      );
      for (const text of acknowledgedNotes) {
        assert.ok(stored.has(text), `acknowledged note "${text}" was lost`);
      }
      for (const [claimId, done] of acknowledgedPatches) {
        const history = await db
          .selectFrom('history')
          .selectAll()
          .where('claim_id', '=', claimId)
          .execute();
        const written = JSON.stringify(history);
        for (const rationale of done) {
          assert.ok(written.includes(rationale), `acknowledged PATCH "${rationale}" was lost`);
        }
      }

      // The survivor serves, and numbers what the killed process committed but left unnumbered.
      const stream = await openFeedStream(two.address, two.cookie, await latestPosition(db));
      streams.push(stream);
      const after = await send(
        two.address,
        two.cookie,
        'POST',
        `/api/claims/${two.claims[0].id}/notes`,
        {
          text: 'after the kill',
        },
      );
      assert.equal(after.status, 201);
      const [event] = await stream.waitFor(1);
      assert.equal(event.claimId, two.claims[0].id);
      await until(
        'every committed event has a position',
        async () =>
          (await db
            .withTables<{ events: { position: number | null } }>()
            .selectFrom('events')
            .select('id')
            .where('position', 'is', null)
            .executeTakeFirst()) === undefined,
      );
    },
  );
});
