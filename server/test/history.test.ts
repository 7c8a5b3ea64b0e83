/**
 * GET /api/claims/:id/history: a deleted note's text is gone from it as from
 * the reports (one rule, repositories/claims.ts), who and when stay; and the
 * shape of the `import` entries an import by a person writes.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleFile, ArticleFileClaim } from '../../src/domain/article-file';
import type { FieldChange } from '../../src/domain/history-changes';
import type { ClaimDetail, ClaimSummary, HistoryEntry, Note } from '../../src/domain/claim';
import { Harness, json, SEED_ARTICLE, seedClaims, startApp, withCast } from './harness';

const NATIVE_SECRET = 'native-secret-note';
const ACTION_SECRET = 'action-secret-note';
const FILE_SECRET = 'file-secret-note';
const FILE_ACTION_SECRET = 'file-action-secret';

describe('claim history', () => {
  let h: Harness;
  let claims: ClaimSummary[];

  before(async () => {
    h = await startApp();
    await withCast(h);
    claims = await seedClaims(h);
  });
  after(() => h.close());

  const history = async (claimId: string) => {
    const response = await h.as('casey', { url: `/api/claims/${claimId}/history` });
    assert.equal(response.statusCode, 200, response.body);
    return { entries: json<HistoryEntry[]>(response), body: response.body };
  };
  const post = async (user: string, url: string, payload: object, status = 200) => {
    const response = await h.as(user, { method: 'POST', url, payload });
    assert.equal(response.statusCode, status, `${url}: ${response.body}`);
    return response;
  };
  const deleteNote = async (user: string, claimId: string, noteId: string) => {
    const response = await h.as(user, {
      method: 'DELETE',
      url: `/api/claims/${claimId}/notes/${noteId}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(response.statusCode, 200, response.body);
  };
  const notesOf = async (claimId: string) =>
    json<ClaimDetail>(await h.as('casey', { url: `/api/claims/${claimId}` })).notes;
  /** The claim's history as the JSON report gives it, for comparison with the API. */
  const reportHistory = async (articleId: string, claimId: string) => {
    const response = await h.as('casey', {
      url: `/api/articles/${articleId}/report?format=json`,
    });
    assert.equal(response.statusCode, 200, response.body);
    return json<ArticleFile>(response).claims.find((c) => c.id === claimId)?.history ?? [];
  };
  const comparable = (
    entries: readonly (Pick<HistoryEntry, 'at' | 'actor' | 'action' | 'note' | 'correction'> & {
      readonly before: unknown;
      readonly after: unknown;
      readonly changes?: readonly FieldChange[];
    })[],
  ) =>
    entries.map(({ at, actor, action, before, after, note, correction, changes }) => ({
      at,
      actor,
      action,
      before,
      after,
      note,
      correction,
      changes,
    }));

  it('blanks a deleted note’s text in its note_add and note_delete entries, keeping who and when', async () => {
    const id = claims[0].id;
    const url = `/api/claims/${id}/notes`;
    const kept = json<Note>(await post('casey', url, { text: 'Still here.' }, 201));
    const doomed = json<Note>(await post('casey', url, { text: `Drop ${NATIVE_SECRET}.` }, 201));
    await deleteNote('dana', id, doomed.id);

    const { entries, body } = await history(id);
    assert.ok(!body.includes(NATIVE_SECRET), body);
    const added = entries.filter((e) => e.action === 'note_add');
    assert.deepEqual(
      added.map((e) => [e.actor, e.after]),
      [
        ['casey', { id: kept.id, text: 'Still here.' }],
        ['casey', { id: doomed.id, text: '' }],
      ],
    );
    assert.equal(added[1].at, doomed.createdAt);
    const deleted = entries.find((e) => e.action === 'note_delete');
    assert.equal(deleted?.actor, 'dana');
    assert.deepEqual(deleted?.before, { id: doomed.id, text: '', author: 'casey' });
    assert.deepEqual(deleted?.after, { id: doomed.id, deleted: true });
    assert.deepEqual(
      comparable(entries),
      comparable(await reportHistory(SEED_ARTICLE, id)),
      'the history API and the JSON report apply the same rule',
    );
  });

  it('blanks the note of a workflow action once that note is deleted from the thread', async () => {
    const id = claims[1].id;
    const sendBack = async (editor: string, note: string) => {
      await h.setStage(id, 'in_review', { submitted_by: 'casey', assignee: 'casey' });
      await post(editor, `/api/claims/${id}/transitions`, { action: 'request_changes', note });
    };
    // By two editors: the rule matches an action's note by claim, author and time.
    await sendBack('eli', 'First pass, kept.');
    await sendBack('dana', `Check the ${ACTION_SECRET}.`);
    const actionNote = (await notesOf(id)).find((n) => n.text.includes(ACTION_SECRET));
    assert.ok(actionNote);
    await deleteNote('dana', id, actionNote.id);

    const { entries, body } = await history(id);
    assert.ok(!body.includes(ACTION_SECRET), body);
    const sentBack = entries.filter((e) => e.action === 'request_changes');
    assert.deepEqual(
      sentBack.map((e) => [e.actor, e.note]),
      [
        ['eli', 'First pass, kept.'],
        ['dana', ''],
      ],
    );
    assert.deepEqual(comparable(entries), comparable(await reportHistory(SEED_ARTICLE, id)));
  });

  describe('of an imported claim', () => {
    const ARTICLE = 'imported-notes';
    const CLAIM = 'imported-notes-1';
    const T = (minute: number) => `2026-01-03T10:0${minute}:00.000Z`;

    /** A file whose history still holds the text of a note it gives as deleted. */
    function file(): ArticleFile {
      const claim: ArticleFileClaim = {
        id: CLAIM,
        quote: 'unemployment fell to 4% in May',
        start: 18,
        end: 48,
        statement: 'Unemployment fell to 4% in May.',
        kind: 'figure',
        stage: 'researching',
        verdict: null,
        rationale: null,
        assignee: 'casey',
        evidence: [],
        notes: [
          { id: 'in-live', author: 'casey', text: 'Live note.', createdAt: T(1) },
          {
            id: 'in-gone',
            author: 'casey',
            text: '',
            createdAt: T(2),
            deletedAt: T(3),
            deletedBy: 'eli',
          },
          { id: 'in-action', author: 'eli', text: 'Sent back, live.', createdAt: T(4) },
          {
            id: 'in-action-gone',
            author: 'eli',
            text: '',
            createdAt: T(5),
            deletedAt: T(6),
            deletedBy: 'eli',
          },
        ],
        history: [
          entry(T(1), 'casey', 'note_add', null, { id: 'in-live', text: 'Live note.' }),
          entry(T(2), 'casey', 'note_add', null, { id: 'in-gone', text: FILE_SECRET }),
          entry(
            T(3),
            'eli',
            'note_delete',
            { id: 'in-gone', text: FILE_SECRET, author: 'casey' },
            { id: 'in-gone', deleted: true },
          ),
          entry(
            T(4),
            'eli',
            'request_changes',
            { stage: 'in_review' },
            { stage: 'researching' },
            'Sent back, live.',
          ),
          entry(
            T(5),
            'eli',
            'request_changes',
            { stage: 'in_review' },
            { stage: 'researching' },
            FILE_ACTION_SECRET,
          ),
        ],
      };
      return {
        formatVersion: 1,
        article: {
          id: ARTICLE,
          headline: 'Unemployment falls',
          outlet: null,
          url: null,
          publishedAt: null,
          language: 'en',
          text: 'The minister said unemployment fell to 4% in May.',
          headings: [],
        },
        claims: [claim],
      };
    }
    function entry(
      at: string,
      actor: string,
      action: string,
      before: Record<string, string | boolean> | null,
      after: Record<string, string | boolean> | null,
      note: string | null = null,
    ) {
      return { at, actor, action, before, after, note, correction: false };
    }

    before(async () => {
      const response = await h.as('dana', {
        method: 'POST',
        url: '/api/articles',
        payload: { source: 'file', file: file() },
      });
      assert.equal(response.statusCode, 201, response.body);
    });

    it('writes one `import` entry per file entry, with the file’s actor, action and time as fields', async () => {
      const { entries } = await history(CLAIM);
      assert.ok(entries.every((e) => e.action === 'import' && e.actor === 'dana'));
      assert.deepEqual(entries[0].after, {
        fileAt: T(1),
        fileActor: 'casey',
        fileAction: 'note_add',
        id: 'in-live',
        text: 'Live note.',
      });
      assert.equal(entries[0].before, null);
      assert.equal(entries[0].correction, false);
      const summary = entries.at(-1);
      assert.deepEqual(summary?.before, null);
      assert.deepEqual(summary?.after, {
        quote: 'unemployment fell to 4% in May',
        statement: 'Unemployment fell to 4% in May.',
        kind: 'figure',
        stage: 'new',
        verdict: null,
        fileStage: 'researching',
        fileAssignee: 'casey',
      });
      assert.match(String(summary?.note), /^Imported from a file by dana\./);
    });

    it('blanks the text of notes the file gives as deleted, in every entry that records them', async () => {
      const { entries, body } = await history(CLAIM);
      assert.ok(!body.includes(FILE_SECRET), body);
      assert.ok(!body.includes(FILE_ACTION_SECRET), body);
      const byFileAction = (action: string) =>
        entries.filter((e) => e.after?.['fileAction'] === action);
      assert.deepEqual(
        byFileAction('note_add').map((e) => e.after?.['text']),
        ['Live note.', ''],
      );
      assert.equal(byFileAction('note_delete')[0].before?.['text'], '');
      assert.equal(byFileAction('note_delete')[0].before?.['author'], 'casey', 'who stays');
      assert.deepEqual(
        byFileAction('request_changes').map((e) => e.note),
        ['Sent back, live.', ''],
      );
    });

    it('blanks them too when an imported note is deleted here, in the API and the reports', async () => {
      const notes = await notesOf(CLAIM);
      const live = notes.filter((n) => n.deletedAt === null);
      assert.equal(live.length, 2);
      for (const note of live) {
        await deleteNote('dana', CLAIM, note.id);
      }
      const { entries, body } = await history(CLAIM);
      for (const text of ['Live note.', 'Sent back, live.']) {
        assert.ok(!body.includes(text), `${text}: ${body}`);
      }
      assert.deepEqual(
        entries
          .filter((e) => e.after?.['fileAction'] === 'note_add')
          .map((e) => [e.after?.['fileActor'], e.after?.['text']]),
        [
          ['casey', ''],
          ['casey', ''],
        ],
      );
      const report = await reportHistory(ARTICLE, CLAIM);
      assert.deepEqual(
        comparable(entries.filter((e) => e.action === 'import')),
        comparable(report.filter((e) => e.action === 'import')),
      );
    });
  });
});
