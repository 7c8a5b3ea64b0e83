/** @mentions in notes (issue 10): stored on the note, shown in its JSON, each active person told. */
import assert from 'node:assert/strict';
import { after, before, beforeEach, describe, it } from 'node:test';
import type { ClaimDetail, ClaimSummary, Note } from '../../src/domain/claim';
import { mentionCandidates } from '../../src/domain/notifications';
import { type Harness, json, startApp } from './harness';
import {
  clearNotifications,
  inboxes,
  latestOf,
  seedClaims,
  transition,
  withNotificationCast,
} from './notifications-fixtures';

describe('mention candidates in a text', () => {
  it('finds @username tokens, once each, not e-mail addresses, without trailing punctuation', () => {
    assert.deepEqual(
      mentionCandidates('@eli have a look (cc @cora). Mail dana@example.com, @eli again, @Eli.'),
      ['eli', 'cora'],
    );
    assert.deepEqual(mentionCandidates('@a.b-c_d, @x'), ['a.b-c_d']);
    assert.deepEqual(mentionCandidates('no one'), []);
  });
});

describe('mentions in notes', () => {
  let h: Harness;
  let claims: ClaimSummary[];
  let next = 0;
  const freshClaim = () => claims[next++].id;

  const addNote = async (username: string, claimId: string, text: string): Promise<Note> => {
    const response = await h.as(username, {
      method: 'POST',
      url: `/api/claims/${claimId}/notes`,
      payload: { text },
    });
    assert.equal(response.statusCode, 201, response.body);
    return json<Note>(response);
  };

  before(async () => {
    h = await startApp();
    await withNotificationCast(h);
    claims = await seedClaims(h);
  });
  after(() => h.close());
  beforeEach(() => clearNotifications(h));

  it('"@eli have a look" notifies Eli and nobody else, and the note says whom it mentions', async () => {
    const id = freshClaim();
    const note = await addNote('dana', id, '@eli have a look');
    assert.deepEqual(note.mentions, ['eli']);
    assert.deepEqual(await inboxes(h), { eli: ['mentioned'] });
    const notification = await latestOf(h, 'eli');
    assert.equal(notification.kind, 'mentioned');
    assert.equal(notification.claimId, id);
    assert.deepEqual(notification.actor, { username: 'dana', displayName: 'dana' });
    assert.ok(notification.text.startsWith('dana mentioned you in a note on the claim “'));
  });

  it('an unknown or disabled name mentions nobody and stays plain text', async () => {
    const id = freshClaim();
    const text = '@nobody @ben and dana@example.com';
    const note = await addNote('dana', id, text);
    assert.deepEqual(note.mentions, []);
    assert.equal(note.text, text);
    assert.deepEqual(await inboxes(h), {});
  });

  it('the author mentioning themselves is not told; the others are', async () => {
    const id = freshClaim();
    const note = await addNote('cora', id, '@cora @casey @robin: who takes it?');
    assert.deepEqual(note.mentions, ['cora', 'casey', 'robin']);
    assert.deepEqual(await inboxes(h), { casey: ['mentioned'], robin: ['mentioned'] });
  });

  it('the claim detail shows each note with its mentions; older notes have none', async () => {
    const id = freshClaim();
    await h.app.db
      .insertInto('notes')
      .values({
        id: 'old-note',
        claim_id: id,
        author: 'dana',
        author_role: 'editor',
        text: 'Written before mentions: @eli',
        created_at: '2026-01-01T00:00:00.000Z',
        deleted_at: null,
        deleted_by: null,
      })
      .execute();
    await addNote('dana', id, 'Over to @casey.');
    const detail = json<ClaimDetail>(await h.as('casey', { url: `/api/claims/${id}` }));
    assert.deepEqual(
      detail.notes.map((n) => n.mentions),
      [[], ['casey']],
    );
  });

  it('a deleted note keeps no mentions', async () => {
    const id = freshClaim();
    const note = await addNote('dana', id, 'Ask @eli');
    const deleted = await h.as('dana', {
      method: 'DELETE',
      url: `/api/claims/${id}/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(json<Note>(deleted).mentions, []);
  });

  it("a workflow action's note mentions too; who is told of the action is not told twice", async () => {
    const id = freshClaim();
    await h.setStage(id, 'in_review', {
      assignee: 'cora',
      submitted_by: 'cora',
      verdict: 'unproven',
      rationale: 'r',
    });
    await transition(h, 'dana', id, {
      action: 'request_changes',
      note: '@cora two sources please; @eli can help.',
    });
    assert.deepEqual(await inboxes(h), { cora: ['changes_requested'], eli: ['mentioned'] });
    const detail = json<ClaimDetail>(await h.as('dana', { url: `/api/claims/${id}` }));
    assert.deepEqual(detail.notes.at(-1)?.mentions, ['cora', 'eli']);
  });
});
