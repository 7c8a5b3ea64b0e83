/**
 * Claim memory over HTTP (issue 11): marking a claim as a repeat of an earlier check,
 * undoing it, repeat counts in every list, and the refusals (If-Match, self, unknown,
 * loops, roles, stages). Adoption and ClaimReview: claim-memory-adopt.test.ts.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary, HistoryEntry } from '../../src/domain/claim';
import type { DeskPage } from '../../src/domain/desk';
import { claimOf, ORIGINAL, type Problem, startWithLaterSpeech } from './claim-memory-fixtures';
import { addArticle } from './desk-fixtures';
import { Harness, json, SEED_ARTICLE } from './harness';

describe('claim memory: repeat-of', () => {
  let h: Harness;

  const claim = (id: string) => claimOf(h, id);
  const mark = (id: string, claimId: string, version: number | null, who = 'dana') =>
    h.as(who, {
      method: 'PUT',
      url: `/api/claims/${id}/repeat-of`,
      payload: { claimId },
      headers: version === null ? {} : { 'if-match': `"${version}"` },
    });
  const unmark = (id: string, version: number | null, who = 'dana') =>
    h.as(who, {
      method: 'DELETE',
      url: `/api/claims/${id}/repeat-of`,
      headers: {
        'x-claimdesk-request': '1',
        ...(version === null ? {} : { 'if-match': `"${version}"` }),
      },
    });

  before(async () => {
    h = await startWithLaterSpeech();
  });
  after(() => h.close());

  it('marks a claim as a repeat, counts it on the original, and undoes it', async () => {
    const before = await claim('rep-1');
    assert.equal(before.repeatOf, null);
    assert.equal(before.repeatCount, 0);
    const response = await mark('rep-1', ORIGINAL, before.version);
    assert.equal(response.statusCode, 200, response.body);
    const marked = json<ClaimSummary>(response);
    assert.equal(marked.repeatOf, ORIGINAL);
    assert.equal(marked.version, before.version + 1);
    assert.equal(response.headers['etag'], `"${marked.version}"`);
    assert.equal((await claim(ORIGINAL)).repeatCount, 1);

    // Every list that builds summaries carries the fields.
    const list = json<ClaimSummary[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    assert.equal(list.find((c) => c.id === ORIGINAL)?.repeatCount, 1);
    const desk = json<DeskPage>(await h.as('dana', { url: `/api/claims?article=later-speech` }));
    assert.equal(desk.items.find((c) => c.id === 'rep-1')?.repeatOf, ORIGINAL);
    const seedDesk = json<DeskPage>(
      await h.as('dana', { url: `/api/claims?article=${SEED_ARTICLE}&limit=100` }),
    );
    assert.equal(seedDesk.items.find((c) => c.id === ORIGINAL)?.repeatCount, 1);

    const history = json<HistoryEntry[]>(await h.as('dana', { url: '/api/claims/rep-1/history' }));
    const entry = history.at(-1);
    assert.equal(entry?.action, 'mark_repeat');
    assert.equal(entry?.actor, 'dana');
    assert.deepEqual(entry?.before, { repeatOf: null });
    assert.deepEqual(entry?.after, { repeatOf: ORIGINAL });
    assert.deepEqual(entry?.changes, [{ field: 'repeatOf', from: null, to: ORIGINAL }]);
    const events = await h.app.db
      .selectFrom('events')
      .select(['type', 'claim_id', 'payload'])
      .where('claim_id', 'in', ['rep-1', ORIGINAL])
      .orderBy('id')
      .execute();
    assert.ok(events.some((e) => e.type === 'claim.updated' && e.claim_id === 'rep-1'));
    // The original's count changed: the desks showing it are told.
    const counted = events.filter((e) => e.claim_id === ORIGINAL).at(-1);
    assert.equal(counted?.type, 'claim.updated');
    assert.equal(
      (JSON.parse(counted?.payload ?? '{}') as { claim?: ClaimSummary }).claim?.repeatCount,
      1,
    );

    // The same mark again changes nothing.
    const again = await mark('rep-1', ORIGINAL, marked.version);
    assert.equal(json<ClaimSummary>(again).version, marked.version);

    const undone = await unmark('rep-1', marked.version);
    assert.equal(undone.statusCode, 200, undone.body);
    assert.equal(json<ClaimSummary>(undone).repeatOf, null);
    assert.equal((await claim(ORIGINAL)).repeatCount, 0);
    const last = json<HistoryEntry[]>(await h.as('dana', { url: '/api/claims/rep-1/history' })).at(
      -1,
    );
    assert.equal(last?.action, 'unmark_repeat');
    assert.deepEqual(last?.after, { repeatOf: null });
  });

  it('needs If-Match (428) and refuses a stale one (412 with the claim as it stands)', async () => {
    const current = await claim('rep-2');
    for (const response of [await mark('rep-2', ORIGINAL, null), await unmark('rep-2', null)]) {
      assert.equal(response.statusCode, 428);
      assert.equal(json<Problem>(response).field, '/headers/if-match');
    }
    const stale = await mark('rep-2', ORIGINAL, current.version - 1 || 99);
    assert.equal(stale.statusCode, 412);
    assert.equal(json<Problem>(stale).current?.version, current.version);
    const staleUndo = await unmark('rep-2', current.version + 5);
    assert.equal(staleUndo.statusCode, 412);
    assert.equal((await claim('rep-2')).repeatOf, null);
  });

  it('refuses the claim itself (400), an unknown claim (404) and a loop (409), naming claimId', async () => {
    const self = await mark('rep-2', 'rep-2', (await claim('rep-2')).version);
    assert.equal(self.statusCode, 400);
    assert.equal(json<Problem>(self).field, '/body/claimId');

    const unknown = await mark('rep-2', 'no-such-claim', (await claim('rep-2')).version);
    assert.equal(unknown.statusCode, 404);
    assert.equal(json<Problem>(unknown).field, '/body/claimId');

    // rep-3 repeats rep-2: rep-2 cannot then repeat rep-3.
    assert.equal((await mark('rep-3', 'rep-2', (await claim('rep-3')).version)).statusCode, 200);
    const loop = await mark('rep-2', 'rep-3', (await claim('rep-2')).version);
    assert.equal(loop.statusCode, 409);
    assert.equal(json<Problem>(loop).field, '/body/claimId');
    assert.equal(json<Problem>(loop).code, 'repeat_cycle');
    assert.equal((await claim('rep-2')).repeatOf, null);

    const badBody = await h.as('dana', {
      method: 'PUT',
      url: '/api/claims/rep-2/repeat-of',
      payload: {},
      headers: { 'if-match': '"1"' },
    });
    assert.equal(badBody.statusCode, 400);
  });

  it('points a repeat of a repeat at the original, and hands on the repeats of a new repeat', async () => {
    // rep-3 repeats rep-2 (above). rep-4 marked as a repeat of rep-3 stores rep-2.
    const rep4 = await mark('rep-4', 'rep-3', (await claim('rep-4')).version);
    assert.equal(json<ClaimSummary>(rep4).repeatOf, 'rep-2');
    assert.equal((await claim('rep-2')).repeatCount, 2);
    // rep-2 turns out to repeat the seed claim: its repeats now repeat the seed claim too.
    const rep3Before = await claim('rep-3');
    const rep2 = await mark('rep-2', ORIGINAL, (await claim('rep-2')).version);
    assert.equal(rep2.statusCode, 200, rep2.body);
    assert.equal(json<ClaimSummary>(rep2).repeatCount, 0);
    assert.equal((await claim('rep-3')).repeatOf, ORIGINAL);
    assert.equal((await claim('rep-3')).version, rep3Before.version + 1);
    assert.equal((await claim('rep-4')).repeatOf, ORIGINAL);
    assert.equal((await claim(ORIGINAL)).repeatCount, 3);
    const handedOn = json<HistoryEntry[]>(
      await h.as('dana', { url: '/api/claims/rep-3/history' }),
    ).at(-1);
    assert.deepEqual(handedOn?.after, { repeatOf: ORIGINAL, via: 'rep-2' });
  });

  it('lets only editors mark repeats, and not while the claim is approved', async () => {
    const byChecker = await mark('rep-1', ORIGINAL, (await claim('rep-1')).version, 'casey');
    assert.equal(byChecker.statusCode, 403);
    assert.equal(json<Problem>(byChecker).code, 'field_role');
    const undoByChecker = await unmark('rep-2', (await claim('rep-2')).version, 'casey');
    assert.equal(undoByChecker.statusCode, 403);
    assert.equal(
      (await mark('rep-1', ORIGINAL, (await claim('rep-1')).version, 'ada')).statusCode,
      200,
    );

    await h.setStage('rep-1', 'approved', { verdict: 'false', rationale: 'Checked.' });
    const locked = await unmark('rep-1', (await claim('rep-1')).version);
    assert.equal(locked.statusCode, 403);
    assert.equal(json<Problem>(locked).code, 'field_locked');
    assert.equal((await claim('rep-1')).repeatOf, ORIGINAL);
  });

  it('refuses changes to a claim of an archived article', async () => {
    await addArticle(h, {
      id: 'archived-one',
      headline: 'Old',
      archived: true,
      claims: [{ id: 'arc-1' }],
    });
    const response = await mark('arc-1', ORIGINAL, (await claim('arc-1')).version);
    assert.equal(response.statusCode, 409);
    assert.equal(json<Problem>(response).code, 'archived');
  });
});
