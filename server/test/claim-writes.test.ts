/**
 * repositories/claim-writes.ts: a new note's event carries the claim as the API serves it
 * with the note counted, byte for byte what JSON.stringify writes, on both engines (on
 * PostgreSQL the statement builds that JSON itself, claim-summary-json.ts); a note on a
 * claim of an archived article, or of no claim, writes nothing.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { findClaim } from '../repositories/claims';
import { Harness, json, SEED_ARTICLE, seedClaims, startApp, withCast } from './harness';

describe('a new note, its history entry and its event', () => {
  let h: Harness;

  before(async () => {
    h = await startApp();
    await withCast(h);
  });
  after(() => h.close());

  const lastEvent = () =>
    h.app.db
      .selectFrom('events')
      .select(['id', 'type', 'article_id', 'claim_id', 'payload'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  it('carries the claim with the note counted, as JSON.stringify writes it', async () => {
    const [claim] = await seedClaims(h);
    // A claim with text that JSON escapes, nulls, counts and numbers in its summary.
    const patched = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${claim.id}`,
      headers: { 'if-match': `"${claim.version}"` },
      payload: { rationale: 'Said "twice"\n\ton air: café ✓ \\ done', summary: null },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    for (const text of ['First note.', 'Second note, "quoted".']) {
      const response = await h.as('casey', {
        method: 'POST',
        url: `/api/claims/${claim.id}/notes`,
        payload: { text },
      });
      assert.equal(response.statusCode, 201, response.body);
      const event = await lastEvent();
      assert.equal(event.type, 'note.changed');
      assert.equal(event.claim_id, claim.id);
      assert.equal(event.article_id, SEED_ARTICLE);
      const stored = await findClaim(h.app.db, claim.id);
      assert.ok(stored);
      assert.equal(event.payload, JSON.stringify({ claim: stored }));
    }
    const history = await h.app.db
      .selectFrom('history')
      .select(['article_id', 'action', 'actor', 'after'])
      .where('claim_id', '=', claim.id)
      .where('action', '=', 'note_add')
      .execute();
    assert.equal(history.length, 2);
    assert.ok(history.every((entry) => entry.article_id === SEED_ARTICLE));
    assert.ok(history.every((entry) => entry.actor === 'casey'));
  });

  it('writes nothing for a claim of an archived article or of no claim', async () => {
    const [, claim] = await seedClaims(h);
    const before = await lastEvent();
    const missing = await h.as('casey', {
      method: 'POST',
      url: '/api/claims/no-such-claim/notes',
      payload: { text: 'Lost note.' },
    });
    assert.equal(missing.statusCode, 404, missing.body);
    await h.app.db
      .updateTable('articles')
      .set({ archived: 1 })
      .where('id', '=', SEED_ARTICLE)
      .execute();
    try {
      const archived = await h.as('casey', {
        method: 'POST',
        url: `/api/claims/${claim.id}/notes`,
        payload: { text: 'Late note.' },
      });
      assert.equal(archived.statusCode, 409, archived.body);
      assert.equal(json<{ title: string }>(archived).title, 'Article archived');
    } finally {
      await h.app.db
        .updateTable('articles')
        .set({ archived: 0 })
        .where('id', '=', SEED_ARTICLE)
        .execute();
    }
    assert.equal((await lastEvent()).id, before.id);
    const notes = await h.app.db
      .selectFrom('notes')
      .select('id')
      .where('text', 'in', ['Lost note.', 'Late note.'])
      .execute();
    assert.deepEqual(notes, []);
  });
});
