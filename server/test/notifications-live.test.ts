/** Notifications on the change feed (issue 10): to their recipient's streams only, live and on catch-up. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import type {
  NotificationEventData,
  NotificationsReadEventData,
} from '../../src/domain/notifications';
import { type ChangeEvent, latestPosition } from '../repositories/events';
import { type Harness, seedClaims, sharedDatabase, startApp } from './harness';
import { inboxOf, patchClaim, withNotificationCast } from './notifications-fixtures';
import { openEventStream, openLiveStream } from './sse';

const notificationsIn = (events: readonly ChangeEvent[]) =>
  events.filter((event) => event.type === 'notification.created');
const readMarksIn = (events: readonly ChangeEvent[]) =>
  events.filter((event) => event.type === 'notifications.read');
const claimUpdated = (events: readonly ChangeEvent[]) =>
  events.some((event) => event.type === 'claim.updated');
/** Cora's stream has what it should: the claim's own event, and her notification. */
const toldAndUpdated = (events: readonly ChangeEvent[]) =>
  claimUpdated(events) && notificationsIn(events).length > 0;

/**
 * Opens Cora's and Eli's streams on `base`, lets `change` assign Cora a claim, and
 * returns what each stream received up to the claim's own event (and, for Cora, her
 * notification).
 */
async function heardBy(
  base: string,
  cookies: { cora: string; eli: string },
  change: () => Promise<unknown>,
) {
  const [cora, eli] = await Promise.all([
    openLiveStream(`${base}/api/events`, cookies.cora),
    openLiveStream(`${base}/api/events`, cookies.eli),
  ]);
  try {
    await change();
    const [coraEvents, eliEvents] = await Promise.all([
      cora.waitUntil('Cora told live, and the claim updated', toldAndUpdated),
      eli.waitUntil('the claim updated on Eli’s stream', claimUpdated),
    ]);
    return { coraEvents, eliEvents };
  } finally {
    cora.close();
    eli.close();
  }
}

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
    const cookies = { cora: await h.signIn('cora'), eli: await h.signIn('eli') };
    // Both streams are open before the change; each reads until the claim's own event.
    const { coraEvents, eliEvents } = await heardBy(base, cookies, () =>
      patchClaim(h, 'dana', claims[0].id, { assignee: 'cora' }),
    );

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
    const coraAgain = await openEventStream(`${base}/api/events`, cookies.cora, {
      lastEventId: from,
    });
    const coraCaughtUp = await coraAgain.waitUntil('Cora’s catch-up', toldAndUpdated);
    coraAgain.close();
    assert.equal(notificationsIn(coraCaughtUp).length, 1);
    // Eli's catch-up is complete at the live mark: everything before it has been sent.
    const eliAgain = await openEventStream(`${base}/api/events`, cookies.eli, {
      lastEventId: from,
    });
    const eliCaughtUp = await eliAgain.waitUntil('Eli’s catch-up', (_events, live) => live);
    eliAgain.close();
    assert.ok(claimUpdated(eliCaughtUp), 'Eli catches up on the claim');
    assert.deepEqual(notificationsIn(eliCaughtUp), [], 'but not on Cora’s notification');
  });

  it("marked read, reach the person's other tabs, and nobody else's stream", async () => {
    await patchClaim(h, 'dana', claims[1].id, { assignee: 'cora' });
    await patchClaim(h, 'dana', claims[2].id, { assignee: 'cora' });
    const { items, unread } = await inboxOf(h, 'cora');
    const [newest, older] = items;
    const cookies = { cora: await h.signIn('cora'), eli: await h.signIn('eli') };
    const [tab, otherTab, eli] = await Promise.all([
      openLiveStream(`${base}/api/events`, cookies.cora),
      openLiveStream(`${base}/api/events`, cookies.cora),
      openLiveStream(`${base}/api/events`, cookies.eli),
    ]);
    try {
      const marked = await h.as('cora', {
        method: 'POST',
        url: '/api/notifications/read',
        payload: { ids: [newest.id] },
      });
      assert.equal(marked.statusCode, 200, marked.body);
      // A change everyone sees afterwards: once Eli has it, he has had all before it.
      await patchClaim(h, 'dana', claims[3].id, { assignee: 'dana' });
      const marksSeen = (events: readonly ChangeEvent[]) =>
        readMarksIn(events).length > 0 && claimUpdated(events);
      const [inTab, inOtherTab, inEli] = await Promise.all([
        tab.waitUntil('the mark in Cora’s tab', marksSeen),
        otherTab.waitUntil('the mark in Cora’s other tab', marksSeen),
        eli.waitUntil('the later change on Eli’s stream', claimUpdated),
      ]);
      for (const events of [inTab, inOtherTab]) {
        const [mark] = readMarksIn(events);
        const data = mark.data as NotificationsReadEventData & { recipient?: string };
        assert.deepEqual(data.ids, [newest.id], 'only the notification marked');
        assert.equal(data.unread, unread - 1, 'the others stay unread');
        assert.match(data.readAt, /^\d{4}-\d\d-\d\dT/);
        assert.equal(data.recipient, undefined, 'the recipient is not sent');
        assert.equal(mark.articleId, null);
      }
      assert.deepEqual(readMarksIn(inEli), [], 'Eli is not told of Cora’s inbox');
      assert.equal((await inboxOf(h, 'cora')).items.find((n) => n.id === older.id)?.readAt, null);
    } finally {
      tab.close();
      otherTab.close();
      eli.close();
    }
  });

  it('marked read when nothing was unread, record no event', async () => {
    await h.as('cora', { method: 'POST', url: '/api/notifications/read', payload: { all: true } });
    await h.app.changes.sync();
    const before = await latestPosition(h.app.db);
    const again = await h.as('cora', {
      method: 'POST',
      url: '/api/notifications/read',
      payload: { all: true },
    });
    assert.equal(again.statusCode, 200, again.body);
    assert.deepEqual(JSON.parse(again.body), { marked: 0, unread: 0 });
    await h.app.changes.sync();
    assert.equal(await latestPosition(h.app.db), before);
  });
});

describe('live notifications across processes', () => {
  const shared = sharedDatabase('live-notify');

  it(
    "a change on one process reaches the recipient's stream on another, and only theirs",
    { skip: shared.postgres ? false : 'several processes share a database on PostgreSQL only' },
    async () => {
      const writer = await shared.start();
      await withNotificationCast(writer);
      const [claim] = await seedClaims(writer);
      const reader = await shared.start();
      const base = await reader.app.listen({ port: 0, host: '127.0.0.1' });
      const cookies = { cora: await reader.signIn('cora'), eli: await reader.signIn('eli') };
      const { coraEvents, eliEvents } = await heardBy(base, cookies, () =>
        patchClaim(writer, 'dana', claim.id, { assignee: 'cora' }),
      );
      const [event] = notificationsIn(coraEvents);
      assert.equal((event?.data as NotificationEventData).notification.claimId, claim.id);
      assert.deepEqual(notificationsIn(eliEvents), []);
    },
  );
});
