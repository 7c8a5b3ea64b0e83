/** Live updates: SSE with event ids, and catch-up from Last-Event-ID. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import type { ChangeEvent } from '../repositories/events';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

/** Reads SSE events from a live server until `count` have arrived. */
async function readEvents(
  url: string,
  cookie: string,
  count: number,
  lastEventId?: number,
): Promise<ChangeEvent[]> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), 5000);
  const response = await fetch(url, {
    headers: {
      cookie,
      accept: 'text/event-stream',
      ...(lastEventId === undefined ? {} : { 'last-event-id': String(lastEventId) }),
    },
    signal: controller.signal,
  });
  assert.equal(response.status, 200);
  assert.match(response.headers.get('content-type') ?? '', /text\/event-stream/);
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  const events: ChangeEvent[] = [];
  let buffer = '';
  try {
    while (events.length < count) {
      const { value, done } = await reader.read();
      if (done) break;
      buffer += decoder.decode(value, { stream: true });
      let split: number;
      while ((split = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, split);
        buffer = buffer.slice(split + 2);
        const id = /^id: (\d+)$/m.exec(block);
        const data = /^data: (.*)$/m.exec(block);
        if (id && data) {
          const event = JSON.parse(data[1]) as ChangeEvent;
          assert.equal(event.id, Number(id[1]));
          events.push(event);
        }
      }
    }
  } finally {
    clearTimeout(timer);
    controller.abort();
  }
  return events;
}

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
    claims = json<ClaimSummary[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
  });
  after(() => h.close());

  it('pushes a change to a connected client as it happens', async () => {
    const listening = readEvents(`${base}/api/events`, cookie, 1);
    await new Promise((resolve) => setTimeout(resolve, 150));
    await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claims[0].id}/notes`,
      payload: { text: 'live' },
    });
    const [event] = await listening;
    assert.equal(event.type, 'note.changed');
    assert.equal(event.claimId, claims[0].id);
    assert.equal((event.data as { claim: ClaimSummary }).claim.noteCount, 1);
  });

  it('replays what a reconnecting client missed, in order, from Last-Event-ID', async () => {
    const latest = await h.app.db
      .selectFrom('events')
      .select(({ fn }) => fn.max('id').as('id'))
      .executeTakeFirstOrThrow();
    const lastSeen = Number(latest.id);
    for (const claim of claims.slice(1, 4)) {
      await h.as('casey', {
        method: 'POST',
        url: `/api/claims/${claim.id}/transitions`,
        payload: { action: 'start' },
      });
    }
    const missed = await readEvents(`${base}/api/events`, cookie, 3, lastSeen);
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
