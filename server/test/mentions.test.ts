/** @mentions in notes (issue 10): stored on the note, shown in its JSON, each active person told. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ClaimDetail, Note } from '../../src/domain/claim';
import { mentionCandidates } from '../../src/domain/notifications';
import { json } from './harness';
import {
  inboxes,
  latestOf,
  notificationDesk,
  transition,
  withFinding,
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
  const desk = notificationDesk();

  const addNote = async (username: string, claimId: string, text: string): Promise<Note> => {
    const response = await desk.h.as(username, {
      method: 'POST',
      url: `/api/claims/${claimId}/notes`,
      payload: { text },
    });
    assert.equal(response.statusCode, 201, response.body);
    return json<Note>(response);
  };

  it('"@eli have a look" notifies Eli and nobody else, and the note says whom it mentions', async () => {
    const id = desk.freshClaim();
    const note = await addNote('dana', id, '@eli have a look');
    assert.deepEqual(note.mentions, ['eli']);
    assert.deepEqual(await inboxes(desk.h), { eli: ['mentioned'] });
    const notification = await latestOf(desk.h, 'eli');
    assert.equal(notification.kind, 'mentioned');
    assert.equal(notification.claimId, id);
    assert.deepEqual(notification.actor, { username: 'dana', displayName: 'dana' });
    assert.ok(notification.text.startsWith('dana mentioned you in a note on the claim “'));
  });

  it('an unknown or disabled name mentions nobody and stays plain text', async () => {
    const id = desk.freshClaim();
    const text = '@nobody @ben and dana@example.com';
    const note = await addNote('dana', id, text);
    assert.deepEqual(note.mentions, []);
    assert.equal(note.text, text);
    assert.deepEqual(await inboxes(desk.h), {});
  });

  it('the author mentioning themselves is not told; the others are', async () => {
    const id = desk.freshClaim();
    const note = await addNote('cora', id, '@cora @casey @robin: who takes it?');
    assert.deepEqual(note.mentions, ['cora', 'casey', 'robin']);
    assert.deepEqual(await inboxes(desk.h), { casey: ['mentioned'], robin: ['mentioned'] });
  });

  it('the claim detail shows each note with its mentions; older notes have none', async () => {
    const id = desk.freshClaim();
    await desk.h.app.db
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
    const detail = json<ClaimDetail>(await desk.h.as('casey', { url: `/api/claims/${id}` }));
    assert.deepEqual(
      detail.notes.map((n) => n.mentions),
      [[], ['casey']],
    );
  });

  it('a deleted note keeps no mentions', async () => {
    const id = desk.freshClaim();
    const note = await addNote('dana', id, 'Ask @eli');
    const deleted = await desk.h.as('dana', {
      method: 'DELETE',
      url: `/api/claims/${id}/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(json<Note>(deleted).mentions, []);
  });

  it("a workflow action's note mentions too; who is told of the action is not told twice", async () => {
    const id = desk.freshClaim();
    await withFinding(desk.h, id, 'in_review', { assignee: 'cora', submittedBy: 'cora' });
    await transition(desk.h, 'dana', id, {
      action: 'request_changes',
      note: '@cora two sources please; @eli can help.',
    });
    assert.deepEqual(await inboxes(desk.h), { cora: ['changes_requested'], eli: ['mentioned'] });
    const detail = json<ClaimDetail>(await desk.h.as('dana', { url: `/api/claims/${id}` }));
    assert.deepEqual(detail.notes.at(-1)?.mentions, ['cora', 'eli']);
  });
});
