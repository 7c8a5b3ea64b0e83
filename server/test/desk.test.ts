/** GET /api/claims: every filter and sort, archived articles, the claim shape. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import type { DeskPage } from '../../src/domain/desk';
import { addDeskArticles } from './desk-fixtures';
import { Harness, json, startApp, withCast } from './harness';

describe('GET /api/claims: filters and sorts', () => {
  let h: Harness;

  const page = async (user: string, query: string): Promise<DeskPage> => {
    const response = await h.as(user, { url: `/api/claims?${query}` });
    assert.equal(response.statusCode, 200, `${query}: ${response.body}`);
    return json<DeskPage>(response);
  };
  const ids = async (user: string, query: string) =>
    (await page(user, query)).items.map((c) => c.id);
  before(async () => {
    h = await startApp();
    await withCast(h);
    await addDeskArticles(h);
  });
  after(() => h.close());

  it('lists the signed-in user’s claims for assignee=me, due first and undated last, with the headline', async () => {
    const result = await page('casey', 'assignee=me');
    assert.deepEqual(
      result.items.map((c) => c.id),
      ['a6', 'a1', 'b4', 'a2', 'b1', 'a3'],
    );
    assert.equal(result.total, 6);
    assert.equal(result.nextCursor, null);
    const b4 = result.items.find((c) => c.id === 'b4');
    assert.equal(b4?.articleHeadline, 'Beta: the tram plan');
    assert.equal(b4?.articleId, 'desk-beta');
    assert.equal(b4?.claimant, 'Marion Adebayo');
    assert.equal(b4?.dueAt, '2030-01-01T00:00:00.000Z');
    assert.deepEqual(await ids('robin', 'assignee=me'), ['a4']);
    assert.deepEqual(await ids('casey', 'assignee=robin'), ['a4']);
    assert.deepEqual(await ids('casey', 'assignee=nobody-here'), []);
  });

  it('leaves archived articles out unless archived=1', async () => {
    assert.ok(!(await ids('casey', 'assignee=me&limit=200')).some((id) => id.startsWith('g')));
    const withArchived = await page('casey', 'assignee=me&archived=1');
    assert.equal(withArchived.total, 8);
    assert.deepEqual(
      withArchived.items
        .map((c) => c.id)
        .filter((id) => id.startsWith('g'))
        .sort(),
      ['g1', 'g2'],
    );
    assert.deepEqual(await ids('casey', 'article=desk-gamma'), []);
    assert.deepEqual(await ids('casey', 'article=desk-gamma&archived=1&sort=article'), [
      'g1',
      'g2',
    ]);
    assert.equal((await page('casey', 'assignee=me&archived=0')).total, 6);
  });

  it('filters by assignee=none, article, stage and verdict lists', async () => {
    assert.deepEqual(await ids('dana', 'assignee=none&article=desk-beta'), ['b3']);
    assert.deepEqual(await ids('dana', 'article=desk-alpha&assignee=none'), ['a5']);
    assert.deepEqual(await ids('dana', 'stage=in_review,changes_requested&sort=article'), [
      'a3',
      'a4',
      'b1',
      'b2',
    ]);
    assert.deepEqual(await ids('dana', 'verdict=false,true&sort=article'), [
      'a3',
      'a4',
      'a6',
      'b1',
    ]);
    assert.deepEqual(await ids('dana', 'verdict=misleading,none&article=desk-beta&sort=article'), [
      'b2',
      'b3',
      'b4',
    ]);
    assert.deepEqual(await ids('dana', 'stage=new&verdict=none&assignee=casey'), ['a2']);
  });

  it('finds overdue claims (due passed, not settled) and claims due before a time', async () => {
    assert.deepEqual(await ids('dana', 'overdue=1'), ['a4', 'a1']);
    assert.deepEqual(await ids('dana', 'overdue=1&archived=1'), ['a4', 'g1', 'a1']);
    assert.deepEqual(await ids('dana', 'dueBefore=2031-01-01T00:00:00Z'), ['a4', 'a6', 'a1', 'b4']);
    // An offset is the same instant in UTC: 2030-01-01T01:00+02:00 is 2029-12-31T23:00Z.
    assert.deepEqual(await ids('dana', 'dueBefore=2030-01-01T01:00:00%2B02:00'), [
      'a4',
      'a6',
      'a1',
    ]);
    assert.deepEqual(await ids('dana', 'overdue=0&dueBefore=2020-01-01T12:00:00Z'), ['a4', 'a6']);
  });

  it('leaves out what a reviewer submitted (notSubmittedBy=me), oldest in review first', async () => {
    assert.deepEqual(await ids('dana', 'stage=in_review&notSubmittedBy=me&sort=stage&dir=asc'), [
      'b1',
      'a4',
    ]);
    assert.deepEqual(await ids('dana', 'stage=in_review&notSubmittedBy=casey&sort=stage'), [
      'b2',
      'a4',
    ]);
  });

  it('sorts by due, updated, stage and article, each both ways', async () => {
    const mine = 'assignee=me';
    const due = await ids('casey', `${mine}&sort=due&dir=asc`);
    assert.deepEqual(await ids('casey', `${mine}&sort=due&dir=desc`), [...due].reverse());
    const updated = await ids('casey', `${mine}&sort=updated`);
    assert.deepEqual(updated, ['a1', 'a2', 'a3', 'b4', 'a6', 'b1']);
    assert.deepEqual(await ids('casey', `${mine}&sort=updated&dir=desc`), [...updated].reverse());
    assert.deepEqual(await ids('dana', 'stage=in_review&sort=stage'), ['b2', 'b1', 'a4']);
    assert.deepEqual(await ids('dana', 'stage=in_review&sort=stage&dir=desc'), ['a4', 'b1', 'b2']);
    assert.deepEqual(await ids('casey', `${mine}&sort=article`), [
      'a1',
      'a2',
      'a3',
      'a6',
      'b1',
      'b4',
    ]);
    assert.deepEqual(await ids('casey', `${mine}&sort=article&dir=desc`), [
      'b4',
      'b1',
      'a6',
      'a3',
      'a2',
      'a1',
    ]);
  });

  it('searches every word of q, case aside, in quote, statement, rationale, claimant and summary', async () => {
    assert.deepEqual(await ids('dana', 'q=harbour'), ['b4']);
    assert.deepEqual(await ids('dana', 'q=HARBOUR%20adebayo'), ['b4']);
    assert.deepEqual(await ids('dana', 'q=tram%20doubled'), ['b4']);
    assert.deepEqual(await ids('dana', 'q=harbour%20nowhere'), []);
    assert.deepEqual(await ids('dana', 'q=100%25'), ['b4'], '% is a character, not a wildcard');
    assert.deepEqual(await ids('dana', 'q=wron_'), [], '_ is a character, not a wildcard');
    assert.deepEqual(await ids('dana', 'q=wrong_ly'), ['b4']);
    assert.deepEqual(await ids('dana', 'q=sentence%203%20desk-beta'), ['b3']);
  });

  it('searches the live notes too, as the claims table does', async () => {
    const added = await h.as('dana', {
      method: 'POST',
      url: '/api/claims/a1/notes',
      payload: { text: 'Ask the Zebra Crossing Trust for their figures.' },
    });
    assert.equal(added.statusCode, 201, added.body);
    assert.deepEqual(await ids('dana', 'q=zebra%20trust'), ['a1']);
    const note = json<{ id: string }>(added);
    const deleted = await h.as('dana', {
      method: 'DELETE',
      url: `/api/claims/a1/notes/${note.id}`,
      headers: { 'x-claimdesk-request': '1' },
    });
    assert.equal(deleted.statusCode, 200, deleted.body);
    assert.deepEqual(await ids('dana', 'q=zebra'), [], 'a deleted note is not searched');
  });

  it('serves claims in the claim summary shape', async () => {
    const [claim] = (await page('casey', 'assignee=me&limit=1')).items;
    const alone = json<ClaimSummary>(await h.as('casey', { url: `/api/claims/${claim.id}` }));
    const { articleHeadline, ...summary } = claim;
    assert.equal(articleHeadline, 'Alpha: the harbour budget');
    for (const [key, value] of Object.entries(summary)) {
      assert.deepEqual(value, alone[key as keyof ClaimSummary], key);
    }
  });
});

describe('GET /api/claims: pages kept until the next change', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
    await withCast(h);
    await addDeskArticles(h);
  });
  after(() => h.close());

  const read = async (user: string, query: string) => {
    const response = await h.as(user, { url: `/api/claims?${query}` });
    assert.equal(response.statusCode, 200, response.body);
    return response.body;
  };

  it('serves a page read again as it was, with exactly the claim summary fields', async () => {
    const first = await read('casey', 'assignee=me');
    assert.equal(await read('casey', 'assignee=me'), first);
    const item = (JSON.parse(first) as DeskPage).items[0];
    const summary = json<ClaimSummary>(await h.as('casey', { url: `/api/claims/${item.id}` }));
    const fields = Object.keys(summary).filter((key) => key !== 'evidence' && key !== 'notes');
    assert.deepEqual(Object.keys(item).sort(), [...fields, 'articleHeadline'].sort());
  });

  it('answers for the person asking: "me" is never another person’s page', async () => {
    const casey = await read('casey', 'assignee=me');
    const robin = await read('robin', 'assignee=me');
    assert.notEqual(robin, casey);
  });

  it('drops every kept page when anything changes, so a change shows at once', async () => {
    const before = JSON.parse(await read('casey', 'assignee=me')) as DeskPage;
    const claim = before.items.find((c) => ['new', 'researching'].includes(c.stage));
    assert.ok(claim, 'casey has an open claim');
    const patched = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${claim.id}`,
      headers: { 'if-match': `"${claim.version}"` },
      payload: { assignee: null },
    });
    assert.equal(patched.statusCode, 200, patched.body);
    const after = JSON.parse(await read('casey', 'assignee=me')) as DeskPage;
    assert.equal(after.total, before.total - 1);
    assert.ok(!after.items.some((c) => c.id === claim.id));
  });
});
