/** Notifications (issue 10): who is told of each hand-over, and who is not. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import { notificationText } from '../repositories/notification-text';
import { json, SEED_ARTICLE } from './harness';
import {
  inboxes,
  latestOf,
  patchClaim,
  transition,
  notificationDesk,
  withFinding,
} from './notifications-fixtures';

describe('who is told of a hand-over', () => {
  const desk = notificationDesk();

  it('assigned: tells the new assignee only, naming the claim and the actor', async () => {
    const id = desk.freshClaim();
    const saved = await patchClaim(desk.h, 'dana', id, { assignee: 'cora' });
    assert.deepEqual(await inboxes(desk.h), { cora: ['assigned'] });
    const notification = await latestOf(desk.h, 'cora');
    assert.equal(notification.claimId, id);
    assert.equal(notification.articleId, SEED_ARTICLE);
    assert.deepEqual(notification.actor, { username: 'dana', displayName: 'dana' });
    assert.equal(notification.readAt, null);
    assert.ok(notification.text.startsWith('dana assigned you the claim “'), notification.text);
    assert.ok(notification.text.includes(saved.statement.slice(0, 20)), notification.text);
  });

  it('assigned: nobody when a person takes the claim themselves, or when it is unassigned', async () => {
    const id = desk.freshClaim();
    await patchClaim(desk.h, 'cora', id, { assignee: 'cora' });
    await patchClaim(desk.h, 'dana', id, { assignee: null });
    assert.deepEqual(await inboxes(desk.h), {});
  });

  it('assigned: starting a claim for someone else tells them; starting it yourself tells nobody', async () => {
    const mine = desk.freshClaim();
    await transition(desk.h, 'cora', mine, { action: 'start' });
    assert.deepEqual(await inboxes(desk.h), {});
    const theirs = desk.freshClaim();
    await transition(desk.h, 'dana', theirs, { action: 'start', assignee: 'cora' });
    assert.deepEqual(await inboxes(desk.h), { cora: ['assigned'] });
  });

  it('submitted: every active editor and admin but the submitter, unless they muted the article', async () => {
    const id = desk.freshClaim();
    await withFinding(desk.h, id, 'researching', { assignee: 'dana' });
    const mute = await desk.h.as('eli', {
      method: 'POST',
      url: `/api/articles/${SEED_ARTICLE}/mute`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(mute.statusCode, 200, mute.body);
    await transition(desk.h, 'dana', id, { action: 'submit' });
    // dana (the submitter), eli (muted), ben (disabled) and the fact-checkers: not told.
    assert.deepEqual(await inboxes(desk.h), { ada: ['submitted'] });
    await desk.h.as('eli', {
      method: 'DELETE',
      url: `/api/articles/${SEED_ARTICLE}/mute`,
      headers: { 'x-claimdesk-request': '1' },
    });
  });

  it('submitted by a fact-checker: editors and admins, not other fact-checkers', async () => {
    const id = desk.freshClaim();
    await withFinding(desk.h, id, 'researching', { assignee: 'cora' });
    await transition(desk.h, 'cora', id, { action: 'submit' });
    assert.deepEqual(await inboxes(desk.h), {
      ada: ['submitted'],
      dana: ['submitted'],
      eli: ['submitted'],
    });
  });

  for (const [action, stage, kind, extra] of [
    ['request_changes', 'in_review', 'changes_requested', { note: 'Two sources, please.' }],
    ['approve', 'in_review', 'approved', {}],
    ['dismiss', 'researching', 'dismissed', { reason: 'opinion' }],
    ['reopen', 'approved', 'reopened', { note: 'A reader wrote in.' }],
  ] as const) {
    it(`${kind}: the claim's assignee and its submitter, not the actor nor anyone else`, async () => {
      const id = desk.freshClaim();
      await withFinding(desk.h, id, stage, { assignee: 'cora', submittedBy: 'casey' });
      await transition(desk.h, 'dana', id, { action, ...extra });
      assert.deepEqual(await inboxes(desk.h), { casey: [kind], cora: [kind] });
    });
  }

  it('changes_requested: told once when the assignee also submitted it', async () => {
    const id = desk.freshClaim();
    await withFinding(desk.h, id, 'in_review', { assignee: 'cora', submittedBy: 'cora' });
    await transition(desk.h, 'dana', id, { action: 'request_changes', note: 'Sources?' });
    assert.deepEqual(await inboxes(desk.h), { cora: ['changes_requested'] });
  });

  it('never a disabled account, and never the actor when they hold the claim', async () => {
    const id = desk.freshClaim();
    await withFinding(desk.h, id, 'in_review', { assignee: 'ben', submittedBy: 'dana' });
    await transition(desk.h, 'eli', id, { action: 'approve' });
    assert.deepEqual(await inboxes(desk.h), { dana: ['approved'] });
    const reopened = desk.freshClaim();
    await desk.h.setStage(reopened, 'approved', { assignee: 'eli', submitted_by: 'ben' });
    await transition(desk.h, 'eli', reopened, { action: 'reopen', note: 'Wrong figure.' });
    assert.deepEqual(await inboxes(desk.h), { dana: ['approved'] });
  });

  it('started and restored tell nobody', async () => {
    const id = desk.freshClaim();
    await desk.h.setStage(id, 'dismissed', { assignee: 'cora', dismiss_reason: 'opinion' });
    await transition(desk.h, 'dana', id, { action: 'restore' });
    await transition(desk.h, 'dana', id, { action: 'start', assignee: 'dana' });
    assert.deepEqual(await inboxes(desk.h), {});
  });

  it('a bulk assignment tells each new assignee, once per claim', async () => {
    const ids = [desk.freshClaim(), desk.freshClaim()];
    const response = await desk.h.as('dana', {
      method: 'POST',
      url: '/api/claims/bulk',
      payload: { ids, op: { type: 'assign', assignee: 'cora' } },
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(await inboxes(desk.h), { cora: ['assigned', 'assigned'] });
  });

  it('a change that fails tells nobody (the notification rolls back with it)', async () => {
    const id = desk.freshClaim();
    const current = json<ClaimSummary>(await desk.h.as('dana', { url: `/api/claims/${id}` }));
    const stale = await desk.h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': `"${current.version + 5}"` },
      payload: { assignee: 'cora' },
    });
    assert.equal(stale.statusCode, 412);
    assert.deepEqual(await inboxes(desk.h), {});
  });
});

describe('notification text', () => {
  const claim = (statement: string) => ({ statement }) as ClaimSummary;

  it('ends the sentence once, after a statement that ends its own', () => {
    assert.equal(
      notificationText('approved', 'Dana', claim('Exports rose 4% last year.')),
      'Dana approved the claim “Exports rose 4% last year.”',
    );
    assert.equal(
      notificationText('overdue', null, claim('Is the bridge safe?')),
      'The claim “Is the bridge safe?” is overdue.',
    );
    assert.equal(
      notificationText('assigned', 'Dana', claim('Exports rose 4%')),
      'Dana assigned you the claim “Exports rose 4%”.',
    );
  });
});
