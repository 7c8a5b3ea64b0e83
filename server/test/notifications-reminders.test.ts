/** Due reminders (issue 10): due_soon and overdue, to the assignee, once per claim per threshold. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import { sendDueReminders } from '../repositories/due-reminders';
import { type Harness, seedClaims, sharedDatabase, startApp } from './harness';
import {
  clearNotifications,
  inboxes,
  inboxOf,
  withNotificationCast,
} from './notifications-fixtures';
import { until } from './until';

const HOUR = 60 * 60 * 1000;

const remindersOf = async (h: Harness, claimId: string) =>
  (
    await h.app.db
      .selectFrom('notifications')
      .select(['recipient', 'kind'])
      .where('claim_id', '=', claimId)
      .orderBy('id')
      .execute()
  ).map((row) => `${row.recipient}:${row.kind}`);

describe('due reminders', () => {
  let h: Harness;
  let claims: ClaimSummary[];
  let next = 0;
  const freshClaim = () => claims[next++].id;
  const due = (id: string, dueAt: Date, extra: Record<string, unknown> = {}) =>
    h.setStage(id, 'researching', { assignee: 'cora', due_at: dueAt.toISOString(), ...extra });

  before(async () => {
    h = await startApp();
    await withNotificationCast(h);
    claims = await seedClaims(h);
  });
  after(() => h.close());
  beforeEach(async () => {
    await clearNotifications(h);
    // Each test's claims are its own: earlier tests' due claims stay out of the way.
    await h.app.db.updateTable('claims').set({ due_at: null }).execute();
  });

  it('tells the assignee once when due within 24 hours, once more when overdue', async () => {
    const id = freshClaim();
    const now = new Date();
    await due(id, new Date(now.getTime() + 2 * HOUR));
    await sendDueReminders(h.app.db, now);
    await sendDueReminders(h.app.db, now);
    assert.deepEqual(await remindersOf(h, id), ['cora:due_soon']);
    const later = new Date(now.getTime() + 3 * HOUR);
    await sendDueReminders(h.app.db, later);
    await sendDueReminders(h.app.db, later);
    assert.deepEqual(await remindersOf(h, id), ['cora:due_soon', 'cora:overdue']);
    const notification = (await inboxOf(h, 'cora')).items[0];
    assert.equal(notification.kind, 'overdue');
    assert.equal(notification.actor, null);
    assert.match(notification.text, /^The claim “.*” is overdue\.$/);
  });

  it('runs at once (two runs together) still remind once', async () => {
    const id = freshClaim();
    const now = new Date();
    await due(id, new Date(now.getTime() + HOUR));
    await Promise.all([sendDueReminders(h.app.db, now), sendDueReminders(h.app.db, now)]);
    assert.deepEqual(await remindersOf(h, id), ['cora:due_soon']);
  });

  it('a claim first seen overdue gets only overdue; one due later than a day gets nothing yet', async () => {
    const overdue = freshClaim();
    const far = freshClaim();
    const now = new Date();
    await due(overdue, new Date(now.getTime() - HOUR));
    await due(far, new Date(now.getTime() + 30 * HOUR));
    await sendDueReminders(h.app.db, now);
    assert.deepEqual(await remindersOf(h, overdue), ['cora:overdue']);
    assert.deepEqual(await remindersOf(h, far), []);
  });

  it('nobody for a settled claim, an unassigned one, or a disabled assignee', async () => {
    const now = new Date();
    const soon = new Date(now.getTime() + HOUR);
    const approved = freshClaim();
    await due(approved, soon, { stage: 'approved' });
    const unassigned = freshClaim();
    await due(unassigned, soon, { assignee: null });
    const disabled = freshClaim();
    await due(disabled, soon, { assignee: 'ben' });
    await sendDueReminders(h.app.db, now);
    assert.deepEqual(await inboxes(h), {});
  });

  it('a new due time is a new threshold', async () => {
    const id = freshClaim();
    const now = new Date();
    await due(id, new Date(now.getTime() + HOUR));
    await sendDueReminders(h.app.db, now);
    await due(id, new Date(now.getTime() + 2 * HOUR));
    await sendDueReminders(h.app.db, now);
    assert.deepEqual(await remindersOf(h, id), ['cora:due_soon', 'cora:due_soon']);
  });
});

describe('the due reminders clock', () => {
  let h: Harness;
  let claims: ClaimSummary[];

  before(async () => {
    h = await startApp({ dueReminderMs: 25 });
    await withNotificationCast(h);
    claims = await seedClaims(h);
  });
  after(() => h.close());

  it('sends reminders by itself, each once however many times it runs', async () => {
    const soon = new Date(Date.now() + HOUR).toISOString();
    await h.setStage(claims[0].id, 'researching', { assignee: 'cora', due_at: soon });
    await until('a reminder', async () => (await remindersOf(h, claims[0].id)).length > 0);
    // A reminder for a second claim proves the clock ran again since the first.
    await h.setStage(claims[1].id, 'researching', { assignee: 'eli', due_at: soon });
    await until('another', async () => (await remindersOf(h, claims[1].id)).length > 0);
    assert.deepEqual(await remindersOf(h, claims[0].id), ['cora:due_soon']);
    assert.equal((await inboxOf(h, 'cora', '?unread=1')).unread, 1);
  });
});

describe('due reminders across processes and restarts', () => {
  const shared = sharedDatabase('reminders');

  it('two apps on one database (PostgreSQL), and an app started again, remind once', async () => {
    const first = await shared.start({ dueReminderMs: 20 });
    await withNotificationCast(first);
    const [claim] = await seedClaims(first);
    // SQLite is one process's database; PostgreSQL serves several.
    const second = shared.postgres ? await shared.start({ dueReminderMs: 20 }) : first;
    const soon = new Date(Date.now() + HOUR).toISOString();
    await first.setStage(claim.id, 'researching', { assignee: 'cora', due_at: soon });
    const now = new Date();
    // Both clocks run, and both apps' runs race as well.
    await Promise.all([
      sendDueReminders(first.app.db, now),
      sendDueReminders(second.app.db, now),
      sendDueReminders(first.app.db, now),
      sendDueReminders(second.app.db, now),
    ]);
    await shared.closeApps();
    const again = await shared.start({ dueReminderMs: 20 });
    await sendDueReminders(again.app.db, now);
    assert.deepEqual(await remindersOf(again, claim.id), ['cora:due_soon']);
  });
});
