/** The notifications API (issue 10): one's own inbox only, pages, read marking, mutes, live delivery. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ChangeEvent } from '../../src/domain/change-event';
import type { ClaimSummary } from '../../src/domain/claim';
import type { NotificationEventData } from '../../src/domain/notifications';
import { dropPostgresSchema } from '../database/engine';
import { latestPosition } from '../repositories/events';
import { type Harness, json, SEED_ARTICLE, startApp, testDatabase } from './harness';
import {
  inboxOf,
  patchClaim,
  seedClaims,
  withNotificationCast,
  notificationDesk,
} from './notifications-fixtures';

const CSRF = { 'x-claimdesk-request': '1' };

interface Stream {
  /** Settles once the server says every change from now on reaches the stream. */
  readonly live: Promise<void>;
  /** The events that arrived until `until` held or the time ran out. */
  readonly events: Promise<ChangeEvent[]>;
}

/** Reads an SSE stream until `until` says so or `ms` pass. */
function openStream(
  url: string,
  cookie: string,
  options: {
    lastEventId?: number;
    /** Whether to stop reading, given the events so far and whether the live mark came. */
    until: (events: ChangeEvent[], live: boolean) => boolean;
    ms?: number;
  },
): Stream {
  const controller = new AbortController();
  let markLive: () => void = () => undefined;
  const live = new Promise<void>((resolve) => (markLive = resolve));
  const read = async () => {
    const timer = setTimeout(() => controller.abort(), options.ms ?? 5000);
    const events: ChangeEvent[] = [];
    try {
      const response = await fetch(url, {
        headers: {
          cookie,
          ...(options.lastEventId === undefined
            ? {}
            : { 'last-event-id': String(options.lastEventId) }),
        },
        signal: controller.signal,
      });
      assert.equal(response.status, 200);
      const reader = response.body!.getReader();
      const decoder = new TextDecoder();
      let buffer = '';
      let isLive = false;
      while (!options.until(events, isLive)) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let split: number;
        while ((split = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, split);
          buffer = buffer.slice(split + 2);
          const data = /^data: (.*)$/m.exec(block);
          if (data) events.push(JSON.parse(data[1]) as ChangeEvent);
          if (/^: live$/m.test(block)) {
            isLive = true;
            markLive();
          }
        }
      }
    } catch (error) {
      if (!controller.signal.aborted) throw error;
    } finally {
      clearTimeout(timer);
      controller.abort();
      markLive();
    }
    return events;
  };
  return { live, events: read() };
}

const notificationsIn = (events: ChangeEvent[]) =>
  events.filter((event) => event.type === 'notification.created');

describe('the notifications API', () => {
  const desk = notificationDesk();
  /** Gives `username` `count` notifications (each an assignment of a claim by Dana). */
  const notify = async (username: string, count: number) => {
    for (let i = 0; i < count; i++) {
      await patchClaim(desk.h, 'dana', desk.freshClaim(), { assignee: username });
    }
  };

  it("answers the signed-in person's own notifications only: Cora cannot read Eli's", async () => {
    await notify('eli', 2);
    await notify('cora', 1);
    const cora = await inboxOf(desk.h, 'cora');
    assert.equal(cora.items.length, 1);
    assert.equal(cora.unread, 1);
    const eli = await inboxOf(desk.h, 'eli');
    assert.equal(eli.items.length, 2);
    assert.equal(eli.unread, 2);
    // No parameter names anyone else: a try is refused by name.
    const other = await desk.h.as('cora', { url: '/api/notifications?recipient=eli' });
    assert.equal(other.statusCode, 400);
    assert.match(other.body, /recipient/);
  });

  it("Cora cannot mark Eli's notifications read", async () => {
    await notify('eli', 1);
    const [mine] = (await inboxOf(desk.h, 'eli')).items;
    const response = await desk.h.as('cora', {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { ids: [mine.id] },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(json(response), { marked: 0, unread: 0 });
    const all = await desk.h.as('cora', {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { all: true },
    });
    assert.equal(all.statusCode, 200);
    const eli = await inboxOf(desk.h, 'eli');
    assert.equal(eli.unread, 1);
    assert.equal(eli.items[0].readAt, null);
  });

  it('pages newest first with a cursor, and filters the unread', async () => {
    await notify('cora', 5);
    const first = await inboxOf(desk.h, 'cora', '?limit=2');
    assert.equal(first.items.length, 2);
    assert.equal(first.unread, 5);
    assert.ok(first.nextCursor);
    const second = await inboxOf(desk.h, 'cora', `?limit=2&cursor=${first.nextCursor}`);
    const third = await inboxOf(desk.h, 'cora', `?limit=2&cursor=${second.nextCursor}`);
    assert.equal(third.items.length, 1);
    assert.equal(third.nextCursor, null);
    const ids = [...first.items, ...second.items, ...third.items].map((n) => Number(n.id));
    assert.deepEqual(
      ids,
      [...ids].sort((a, b) => b - a),
    );
    assert.equal(new Set(ids).size, 5);

    const read = await desk.h.as('cora', {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { ids: [String(ids[0]), String(ids[2])] },
    });
    assert.deepEqual(json(read), { marked: 2, unread: 3 });
    const unread = await inboxOf(desk.h, 'cora', '?unread=1');
    assert.deepEqual(
      unread.items.map((n) => Number(n.id)),
      [ids[1], ids[3], ids[4]],
    );
    assert.equal(unread.unread, 3);
    const everything = await inboxOf(desk.h, 'cora');
    assert.ok(everything.items.find((n) => Number(n.id) === ids[0])?.readAt);

    const all = await desk.h.as('cora', {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { all: true },
    });
    assert.deepEqual(json(all), { marked: 3, unread: 0 });
    assert.equal((await inboxOf(desk.h, 'cora', '?unread=1')).items.length, 0);
  });

  it('refuses a bad request with a 400 naming the field', async () => {
    for (const [url, field] of [
      ['/api/notifications?limit=0', 'limit'],
      ['/api/notifications?limit=101', 'limit'],
      ['/api/notifications?cursor=abc', 'cursor'],
      ['/api/notifications?unread=yes', 'unread'],
    ] as const) {
      const response = await desk.h.as('cora', { url });
      assert.equal(response.statusCode, 400, url);
      assert.match(response.body, new RegExp(field), url);
    }
    for (const [payload, field] of [
      [{ ids: [] }, 'ids'],
      [{ ids: ['x'] }, 'ids'],
      [{ all: false }, 'all'],
      [{ all: true, ids: ['1'] }, 'body'],
      [{}, 'body'],
      [{ every: true }, 'every'],
    ] as const) {
      const response = await desk.h.as('cora', {
        method: 'POST',
        url: '/api/notifications/read',
        payload,
      });
      assert.equal(response.statusCode, 400, JSON.stringify(payload));
      assert.match(response.body, new RegExp(field), JSON.stringify(payload));
    }
  });

  it('needs a session', async () => {
    const response = await desk.h.app.inject({ url: '/api/notifications' });
    assert.equal(response.statusCode, 401);
  });

  it("mutes and unmutes an article for the signed-in person; GET tells the person's own state", async () => {
    const url = `/api/articles/${SEED_ARTICLE}/mute`;
    const state = async (username: string) =>
      json<{ articleId: string; muted: boolean }>(await desk.h.as(username, { url }));
    assert.deepEqual(await state('eli'), { articleId: SEED_ARTICLE, muted: false });
    for (let i = 0; i < 2; i++) {
      const muted = await desk.h.as('eli', { method: 'POST', url, headers: CSRF });
      assert.equal(muted.statusCode, 200, muted.body);
      assert.deepEqual(json(muted), { articleId: SEED_ARTICLE, muted: true });
    }
    assert.equal((await state('eli')).muted, true);
    assert.equal((await state('dana')).muted, false);
    const unmuted = await desk.h.as('eli', { method: 'DELETE', url, headers: CSRF });
    assert.deepEqual(json(unmuted), { articleId: SEED_ARTICLE, muted: false });
    assert.equal((await state('eli')).muted, false);
    const missing = await desk.h.as('eli', {
      method: 'POST',
      url: '/api/articles/no-such-article/mute',
      headers: CSRF,
    });
    assert.equal(missing.statusCode, 404);
  });
});

describe('live notifications', () => {
  let h: Harness;
  let base: string;
  let claims: ClaimSummary[];

  before(async () => {
    h = await startApp();
    await withNotificationCast(h);
    base = await h.app.listen({ port: 0, host: '127.0.0.1' });
    claims = await seedClaims(h);
  });
  after(() => h.close());

  it("reach the recipient's own streams and nobody else's, live and on catch-up", async () => {
    const from = await latestPosition(h.app.db);
    const coraCookie = await h.signIn('cora');
    const eliCookie = await h.signIn('eli');
    const claimUpdated = (events: ChangeEvent[]) =>
      events.some((event) => event.type === 'claim.updated');
    // Both streams are open before the change; each reads until the claim's own event.
    const cora = openStream(`${base}/api/events`, coraCookie, {
      until: (events) => claimUpdated(events) && notificationsIn(events).length > 0,
    });
    const eli = openStream(`${base}/api/events`, eliCookie, { until: claimUpdated });
    await Promise.all([cora.live, eli.live]);
    await patchClaim(h, 'dana', claims[0].id, { assignee: 'cora' });
    const [coraEvents, eliEvents] = await Promise.all([cora.events, eli.events]);

    const [event] = notificationsIn(coraEvents);
    assert.ok(event, 'Cora is told live');
    const data = event.data as NotificationEventData & { recipient?: string };
    assert.equal(data.notification.kind, 'assigned');
    assert.equal(data.notification.claimId, claims[0].id);
    assert.equal(data.unread, 1);
    assert.equal(data.recipient, undefined, 'the recipient is not sent');
    assert.equal(event.articleId, null);
    assert.deepEqual(notificationsIn(eliEvents), [], 'Eli is not told');

    // Catch-up from before the change: the same rule.
    const coraAgain = await openStream(`${base}/api/events`, coraCookie, {
      lastEventId: from,
      until: (events) => claimUpdated(events) && notificationsIn(events).length > 0,
    }).events;
    assert.equal(notificationsIn(coraAgain).length, 1);
    // Eli's catch-up is complete at the live mark: everything before it has been sent.
    const eliAgain = await openStream(`${base}/api/events`, eliCookie, {
      lastEventId: from,
      until: (_events, live) => live,
    }).events;
    assert.ok(claimUpdated(eliAgain), 'Eli catches up on the claim');
    assert.deepEqual(notificationsIn(eliAgain), [], 'but not on Cora’s notification');
  });
});

describe('live notifications across processes', () => {
  const postgres = testDatabase('probe').engine === 'postgres';
  let dir: string;
  const apps: Harness[] = [];

  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'claimdesk-live-notify-'));
  });
  after(async () => {
    await Promise.all(apps.map((app) => app.close()));
    rmSync(dir, { recursive: true, force: true });
    const target = testDatabase(dir);
    if (target.engine === 'postgres' && target.schema) {
      await dropPostgresSchema(target.url, target.schema);
    }
  });

  it(
    "a change on one process reaches the recipient's stream on another, and only theirs",
    { skip: postgres ? false : 'several processes share a database on PostgreSQL only' },
    async () => {
      const writer = await startApp({ dir });
      apps.push(writer);
      await withNotificationCast(writer);
      const [claim] = await seedClaims(writer);
      const reader = await startApp({ dir });
      apps.push(reader);
      const base = await reader.app.listen({ port: 0, host: '127.0.0.1' });
      const claimUpdated = (events: ChangeEvent[]) =>
        events.some((event) => event.type === 'claim.updated');
      const cora = openStream(`${base}/api/events`, await reader.signIn('cora'), {
        until: (events) => claimUpdated(events) && notificationsIn(events).length > 0,
      });
      const eli = openStream(`${base}/api/events`, await reader.signIn('eli'), {
        until: claimUpdated,
      });
      await Promise.all([cora.live, eli.live]);
      await patchClaim(writer, 'dana', claim.id, { assignee: 'cora' });
      const [coraEvents, eliEvents] = await Promise.all([cora.events, eli.events]);
      const [event] = notificationsIn(coraEvents);
      assert.equal((event?.data as NotificationEventData).notification.claimId, claim.id);
      assert.deepEqual(notificationsIn(eliEvents), []);
    },
  );
});
