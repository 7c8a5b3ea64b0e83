/** Live updates: SSE with event ids, and catch-up from Last-Event-ID. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import { type ChangeEvent, latestPosition } from '../repositories/events';
import { updateUser } from '../repositories/users';
import { Harness, json, seedClaims, startApp, withCast } from './harness';
import { openEventStream, openLiveStream } from './sse';

/**
 * A stream of the change feed, live; it gives up after `timeoutMs` (then `ended` fails). The
 * limit counts from the stream's opening, so it is long enough for a loaded machine (5 s
 * was passed there before the first event came); a stream the server never ends still fails.
 */
const openStream = (url: string, cookie: string, timeoutMs = 30_000) =>
  openLiveStream(url, cookie, { timeoutMs });

describe('server-sent events', () => {
  let h: Harness;
  let base: string;
  let cookie: string;
  let claims: ClaimSummary[];

  before(async () => {
    h = await startApp();
    await withCast(h);
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    cookie = await h.signIn('dana');
    claims = await seedClaims(h, 'dana');
  });
  after(() => h.close());

  it('pushes a change to a connected client as it happens', async () => {
    const stream = await openStream(`${base}/api/events`, cookie);
    await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claims[0].id}/notes`,
      payload: { text: 'live' },
    });
    await stream.waitFor(1);
    stream.close();
    const [event] = stream.events;
    assert.equal(event.type, 'note.changed');
    assert.equal(event.claimId, claims[0].id);
    assert.equal((event.data as { claim: ClaimSummary }).claim.noteCount, 1);
  });

  it('serialises each event once, however many streams listen', async () => {
    const streams = await Promise.all(
      ['dana', 'eli', 'casey'].map(async (name) =>
        openStream(`${base}/api/events`, await h.signIn(name)),
      ),
    );
    const stringify = JSON.stringify;
    let framesMade = 0;
    JSON.stringify = ((value: unknown, ...rest: []) => {
      const event = value as Partial<ChangeEvent> | null;
      if (event?.type === 'note.changed' && event.claimId === claims[4].id && 'data' in event) {
        framesMade += 1;
      }
      return stringify(value, ...rest);
    }) as typeof JSON.stringify;
    try {
      await h.as('robin', {
        method: 'POST',
        url: `/api/claims/${claims[4].id}/notes`,
        payload: { text: 'heard by three' },
      });
      await Promise.all(streams.map((stream) => stream.waitFor(1)));
    } finally {
      JSON.stringify = stringify;
      streams.forEach((stream) => stream.close());
    }
    for (const stream of streams) {
      assert.equal(stream.events.at(-1)?.claimId, claims[4].id);
    }
    assert.equal(framesMade, 1, 'one frame for three streams');
  });

  it('replays what a reconnecting client missed, in order, from Last-Event-ID', async () => {
    const lastSeen = await latestPosition(h.app.db);
    for (const claim of claims.slice(1, 4)) {
      await h.as('casey', {
        method: 'POST',
        url: `/api/claims/${claim.id}/transitions`,
        payload: { action: 'start' },
      });
    }
    const stream = await openEventStream(`${base}/api/events`, cookie, { lastEventId: lastSeen });
    assert.match(stream.contentType, /text\/event-stream/);
    const missed = await stream.waitFor(3);
    stream.close();
    assert.deepEqual(
      missed.map((e) => e.claimId),
      claims.slice(1, 4).map((c) => c.id),
    );
    assert.ok(missed.every((e, i) => e.id === lastSeen + i + 1));
    assert.ok(
      missed.every((e) => (e.data as { claim: ClaimSummary }).claim.stage === 'researching'),
    );
  });

  it('refuses the stream without a session', async () => {
    const response = await fetch(`${base}/api/events`);
    assert.equal(response.status, 401);
  });
});

describe('a stream lives as long as its session', () => {
  let h: Harness;
  let base: string;
  let claimId: string;

  before(async () => {
    h = await startApp({ streamSessionCheckMs: 150 });
    await withCast(h);
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    claimId = (await seedClaims(h, 'dana'))[0].id;
  });
  after(() => h.close());

  const note = (text: string) =>
    h.as('dana', { method: 'POST', url: `/api/claims/${claimId}/notes`, payload: { text } });

  it('ends at sign-out, and nothing said after it arrives', async () => {
    const cookie = await h.signIn('casey');
    const stream = await openStream(`${base}/api/events`, cookie);
    await note('before sign-out');
    await stream.waitFor(1);
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie, 'x-claimdesk-request': '1' },
    });
    assert.equal(out.statusCode, 204);
    await stream.ended;
    await note('after sign-out');
    // Absence can only be watched for a while: the stream has ended, so nothing may come.
    await new Promise((resolve) => setTimeout(resolve, 50));
    assert.equal(stream.events.length, 1);
    h.cookies.delete('casey');
  });

  it('ends when an admin disables the account', async () => {
    const cookie = await h.signIn('robin');
    const stream = await openStream(`${base}/api/events`, cookie);
    const disable = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/robin',
      payload: { disabled: true },
    });
    assert.equal(disable.statusCode, 200);
    await stream.ended;
    const again = await fetch(`${base}/api/events`, { headers: { cookie } });
    assert.equal(again.status, 401);
  });

  it('ends on a role change, and reopens under the new role', async () => {
    const cookie = await h.signIn('eli');
    const stream = await openStream(`${base}/api/events`, cookie);
    const demote = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/eli',
      payload: { role: 'fact_checker' },
    });
    assert.equal(demote.statusCode, 200);
    await stream.ended;
    const reopened = await openStream(`${base}/api/events`, cookie);
    await note('for the fact-checker');
    await reopened.waitFor(1);
    assert.equal(reopened.events.length, 1);
    reopened.close();
  });

  it('stays open when the account is only renamed, and tells every stream the new name', async () => {
    const renamed = await openStream(`${base}/api/events`, await h.signIn('dana'));
    const other = await openStream(`${base}/api/events`, await h.signIn('ada'));
    const own = await h.as('dana', {
      method: 'PATCH',
      url: '/api/users/dana',
      payload: { displayName: 'Dana Reyes' },
    });
    assert.equal(own.statusCode, 200, own.body);
    // The rename's event reaches both streams when the feed has numbered it (on PostgreSQL
    // after the answer, at the feed's next round): waited for, not assumed after a pause.
    await Promise.all([renamed, other].map((stream) => stream.waitFor(1)));
    // Longer than the streams' session check: a new name is no reason to end one.
    await new Promise((resolve) => setTimeout(resolve, 400));
    for (const stream of [renamed, other]) {
      assert.deepEqual(
        stream.events.map((e) => ({
          type: e.type,
          articleId: e.articleId,
          claimId: e.claimId,
          user: (e.data as { user: unknown }).user,
        })),
        [
          {
            type: 'user.changed',
            articleId: null,
            claimId: null,
            user: json(own),
          },
        ],
      );
    }
    await note('still here');
    await renamed.waitFor(2);
    assert.equal(renamed.events.length, 2, 'the renamed person’s stream still delivers');
    renamed.close();
    other.close();
  });

  it('ends on a change made outside the server (the users command) within the check interval', async () => {
    const cookie = await h.signIn('casey');
    const roleChange = await openStream(`${base}/api/events`, cookie);
    // Straight to the database, as `npm run users` does from another process.
    await updateUser(h.app.db, 'casey', { role: 'editor' });
    await roleChange.ended;
    const disabling = await openStream(`${base}/api/events`, cookie);
    await updateUser(h.app.db, 'casey', { disabled: true });
    await disabling.ended;
  });

  it('ends when the session expires', async () => {
    const short = await startApp({ sessionHours: 1 / 3600, claimsDir: null });
    try {
      await withCast(short);
      const shortBase = await short.app.listen({ port: 0, host: '127.0.0.1' });
      const cookie = await short.signIn('dana');
      const started = Date.now();
      const stream = await openStream(`${shortBase}/api/events`, cookie);
      await stream.ended;
      assert.ok(Date.now() - started >= 900, 'not before the session ends');
    } finally {
      await short.close();
    }
  });

  it('takes lastEventId from the query string as a number, and refuses one that is not', async () => {
    const cookie = await h.signIn('dana');
    const bad = await fetch(`${base}/api/events?lastEventId=soon`, { headers: { cookie } });
    assert.equal(bad.status, 400);
    assert.match(bad.headers.get('content-type') ?? '', /application\/problem\+json/);
    const unknown = await fetch(`${base}/api/events?since=3`, { headers: { cookie } });
    assert.equal(unknown.status, 400);
    const good = await openStream(`${base}/api/events?lastEventId=0`, cookie);
    assert.ok(good.events.length > 0, 'replays from the start');
    good.close();
  });
});
