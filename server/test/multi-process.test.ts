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
import { type ChangeEvent, latestPosition } from '../repositories/events';
import { PASSWORD, spawnServer, startApp, testSchema, withCast } from './harness';
import type { ServerProcess } from './harness';

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

async function until(condition: () => Promise<boolean>, what: string, ms = 5000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await condition())) {
    assert.ok(Date.now() < deadline, `timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface FeedStream {
  /** The events received so far, in order. */
  readonly events: ChangeEvent[];
  /** The first `count` events, once they have arrived. */
  waitFor(count: number, ms?: number): Promise<ChangeEvent[]>;
  close(): void;
}

/** An SSE stream of `/api/events` from `lastEventId` on, read until closed. */
async function openFeedStream(
  address: string,
  cookie: string,
  lastEventId: number,
): Promise<FeedStream> {
  const controller = new AbortController();
  const response = await fetch(`${address}/api/events`, {
    headers: { cookie, accept: 'text/event-stream', 'last-event-id': String(lastEventId) },
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ChangeEvent[] = [];
  let closed = false;
  void (async () => {
    let buffer = '';
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done || closed) return;
        buffer += decoder.decode(value, { stream: true });
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const id = /^id: (\d+)$/m.exec(block);
          const data = /^data: (.*)$/m.exec(block);
          if (id && data) {
            const event = JSON.parse(data[1]) as ChangeEvent;
            assert.equal(event.id, Number(id[1]), 'the SSE id is the event id');
            events.push(event);
          }
        }
      }
    } catch {
      // Closed by the test, or the server went away: the assertions say what was missing.
    }
  })();
  return {
    events,
    async waitFor(count, ms = 5000) {
      await until(async () => events.length >= count, `${count} events arrived`, ms);
      return events.slice(0, count);
    },
    close() {
      closed = true;
      controller.abort();
    },
  };
}

describe('two server processes on one PostgreSQL database', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-multi-'));
  const schema = testSchema(dir);
  let one: ServerProcess;
  let two: ServerProcess;
  let db: Awaited<ReturnType<typeof openPostgres>>;
  const streams: FeedStream[] = [];

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
      const all = await positionsAfter(start);
      const rest = all.filter((position) => position > lastSeen);
      const resumed = await openFeedStream(one.address, one.cookie, lastSeen);
      streams.push(resumed);
      await resumed.waitFor(rest.length);
      await new Promise((resolve) => setTimeout(resolve, 200));
      resumed.close();
      const received = [...seen, ...resumed.events].map((event) => event.id);
      assert.deepEqual(received, all, 'every event once, in feed order');
      assert.equal(all.length, 48);
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
        async () =>
          (await db
            .withTables<{ events: { position: number | null } }>()
            .selectFrom('events')
            .select('id')
            .where('position', 'is', null)
            .executeTakeFirst()) === undefined,
        'every committed event has a position',
      );
    },
  );
});
