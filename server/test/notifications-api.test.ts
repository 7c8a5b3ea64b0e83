/**
 * The notifications API (issue 10): one's own inbox only, pages, read marking, mutes.
 * Live delivery: notifications-live.test.ts.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { json, SEED_ARTICLE } from './harness';
import { inboxOf, notificationDesk, patchClaim } from './notifications-fixtures';

const CSRF = { 'x-claimdesk-request': '1' };

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
