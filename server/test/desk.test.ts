/** GET /api/claims: every parameter, keyset pages that hold while claims change, indexes. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import type { DeskPage } from '../../src/domain/desk';
import { explainDeskPage } from '../repositories/desk';
import { addArticle } from './desk-fixtures';
import { Harness, json, startApp, withCast } from './harness';

const PAST = '2020-01-01T00:00:00.000Z';
const FUTURE = '2099-01-01T00:00:00.000Z';

describe('GET /api/claims', () => {
  let h: Harness;

  const page = async (user: string, query: string): Promise<DeskPage> => {
    const response = await h.as(user, { url: `/api/claims?${query}` });
    assert.equal(response.statusCode, 200, `${query}: ${response.body}`);
    return json<DeskPage>(response);
  };
  const ids = async (user: string, query: string) =>
    (await page(user, query)).items.map((c) => c.id);
  /** Every page of a query, followed by its cursors. */
  const allPages = async (user: string, query: string) => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const current: DeskPage = await page(user, `${query}${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...current.items.map((c) => c.id));
      cursor = current.nextCursor;
    } while (cursor);
    return seen;
  };

  before(async () => {
    h = await startApp();
    await withCast(h);
    await addArticle(h, {
      id: 'desk-alpha',
      headline: 'Alpha: the harbour budget',
      claims: [
        {
          id: 'a1',
          assignee: 'casey',
          stage: 'researching',
          dueAt: '2020-01-02T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:01.000Z',
        },
        { id: 'a2', assignee: 'casey', dueAt: FUTURE, updatedAt: '2026-01-01T00:00:02.000Z' },
        {
          id: 'a3',
          assignee: 'casey',
          stage: 'changes_requested',
          verdict: 'false',
          updatedAt: '2026-01-01T00:00:03.000Z',
        },
        {
          id: 'a4',
          assignee: 'robin',
          stage: 'in_review',
          verdict: 'false',
          submittedBy: 'robin',
          dueAt: PAST,
          stageSince: '2026-01-01T00:00:00.000Z',
        },
        { id: 'a5', updatedAt: '2026-01-01T00:00:05.000Z' },
        {
          id: 'a6',
          assignee: 'casey',
          stage: 'approved',
          verdict: 'true',
          dueAt: PAST,
          updatedAt: '2026-01-01T00:00:06.000Z',
        },
      ],
    });
    await addArticle(h, {
      id: 'desk-beta',
      headline: 'Beta: the tram plan',
      claims: [
        {
          id: 'b1',
          assignee: 'casey',
          stage: 'in_review',
          verdict: 'true',
          submittedBy: 'casey',
          stageSince: '2025-06-01T00:00:00.000Z',
          dueAt: '2099-06-01T00:00:00.000Z',
          updatedAt: '2026-01-01T00:00:07.000Z',
        },
        {
          id: 'b2',
          assignee: 'dana',
          stage: 'in_review',
          verdict: 'misleading',
          submittedBy: 'dana',
          stageSince: '2025-01-01T00:00:00.000Z',
        },
        { id: 'b3', updatedAt: '2026-01-01T00:00:09.000Z' },
        {
          id: 'b4',
          assignee: 'casey',
          stage: 'researching',
          dueAt: '2030-01-01T00:00:00.000Z',
          rationale: 'The HARBOUR figure is 100% wrong_ly quoted.',
          claimant: 'Marion Adebayo',
          summary: 'Tram costs doubled',
          updatedAt: '2026-01-01T00:00:04.000Z',
        },
      ],
    });
    await addArticle(h, {
      id: 'desk-gamma',
      headline: 'Gamma: archived',
      archived: true,
      claims: [
        { id: 'g1', assignee: 'casey', stage: 'researching', dueAt: PAST },
        { id: 'g2', assignee: 'casey' },
      ],
    });
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

  it('pages with limit and an opaque cursor, and counts the total on every page', async () => {
    const everything = await ids('dana', 'article=desk-alpha&sort=due&limit=200');
    assert.equal(everything.length, 6);
    const first = await page('dana', 'article=desk-alpha&sort=due&limit=4');
    assert.equal(first.items.length, 4);
    assert.equal(first.total, 6);
    assert.match(first.nextCursor ?? '', /^[A-Za-z0-9_-]+$/);
    const second = await page(
      'dana',
      `article=desk-alpha&sort=due&limit=4&cursor=${first.nextCursor}`,
    );
    assert.equal(second.total, 6);
    assert.equal(second.nextCursor, null);
    assert.deepEqual(
      [...first.items, ...second.items].map((c) => c.id),
      everything,
    );
    for (const sort of ['due', 'updated', 'stage', 'article']) {
      for (const dir of ['asc', 'desc']) {
        const query = `sort=${sort}&dir=${dir}`;
        assert.deepEqual(
          await allPages('dana', `${query}&limit=3`),
          await ids('dana', `${query}&limit=200`),
          query,
        );
      }
    }
    const one = await page('dana', 'limit=1');
    assert.equal(one.items.length, 1);
    const unlimited = await page('dana', '');
    assert.equal(unlimited.items.length, Math.min(50, unlimited.total), 'default limit 50');
  });

  it('keeps its place while claims change between pages (keyset, not offset)', async () => {
    const query = 'assignee=me&sort=updated&limit=2';
    const first = await page('casey', query);
    assert.deepEqual(
      first.items.map((c) => c.id),
      ['a1', 'a2'],
    );
    // a1 is edited (it moves to the end) and a3 reassigned (it leaves the list): an
    // offset would now skip b4 and repeat nothing; the cursor carries on after a2.
    const a1 = first.items[0];
    const edit = await h.as('casey', {
      method: 'PATCH',
      url: '/api/claims/a1',
      headers: { 'if-match': String(a1.version) },
      payload: { rationale: 'Edited between pages' },
    });
    assert.equal(edit.statusCode, 200, edit.body);
    await h.app.db
      .updateTable('claims')
      .set({ assignee: 'robin' })
      .where('id', '=', 'a3')
      .execute();
    const rest: string[] = [];
    let cursor = first.nextCursor;
    while (cursor) {
      const next = await page('casey', `${query}&cursor=${cursor}`);
      rest.push(...next.items.map((c) => c.id));
      cursor = next.nextCursor;
    }
    assert.deepEqual(rest, ['b4', 'a6', 'b1', 'a1']);
    await h.app.db
      .updateTable('claims')
      .set({ assignee: 'casey' })
      .where('id', '=', 'a3')
      .execute();
  });

  it('refuses bad values and unknown parameters with 400 naming the parameter', async () => {
    const cursorOfDue = (await page('dana', 'sort=due&limit=1')).nextCursor;
    const cases: [string, string][] = [
      ['stage=new,finished', 'stage'],
      ['verdict=maybe', 'verdict'],
      ['sort=headline', 'sort'],
      ['dir=up', 'dir'],
      ['overdue=yes', 'overdue'],
      ['archived=2', 'archived'],
      ['dueBefore=tomorrow', 'dueBefore'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=ten', 'limit'],
      ['assignee=Not%20A%20Name', 'assignee'],
      ['notSubmittedBy=none', 'notSubmittedBy'],
      ['article=a%20b', 'article'],
      ['cursor=not-a-cursor', 'cursor'],
      ['cursor=%21%21', 'cursor'],
      [`cursor=${Buffer.from('{"s":"due","d":"asc","k":[1]}').toString('base64url')}`, 'cursor'],
      [`sort=updated&cursor=${cursorOfDue}`, 'cursor'],
      [`dir=desc&cursor=${cursorOfDue}`, 'cursor'],
      ['mine=1', 'mine'],
    ];
    for (const [query, name] of cases) {
      const response = await h.as('dana', { url: `/api/claims?${query}` });
      assert.equal(response.statusCode, 400, query);
      assert.equal(json<{ field: string }>(response).field, `/querystring/${name}`, query);
    }
  });

  it('needs a session', async () => {
    const response = await h.app.inject({ url: '/api/claims?assignee=me' });
    assert.equal(response.statusCode, 401);
  });

  it('reads the queues through indexes, not a scan and a sort', async () => {
    const now = new Date().toISOString();
    const plans = [
      [{ assignee: 'casey', now }, { sort: 'due', dir: 'asc' }, null, 'claims_desk_assignee_due'],
      [
        { assignee: 'casey', now },
        { sort: 'due', dir: 'desc' },
        ['2030-01-01T00:00:00.000Z', 'b4'],
        'claims_desk_assignee_due',
      ],
      [
        { assignee: 'casey', stages: ['changes_requested'], now },
        { sort: 'due', dir: 'asc' },
        null,
        'claims_desk_assignee_due',
      ],
      [{ overdue: true, now }, { sort: 'due', dir: 'asc' }, null, 'claims_desk_due'],
      [
        { stages: ['in_review'], notSubmittedBy: 'dana', now },
        { sort: 'stage', dir: 'asc' },
        null,
        'claims_desk_stage_since',
      ],
      [
        { assignee: null, stages: ['new'], now },
        { sort: 'updated', dir: 'asc' },
        null,
        'claims_desk_assignee_updated',
      ],
    ] as const;
    for (const [filter, order, after, index] of plans) {
      const plan = (await explainDeskPage(h.app.db, filter, order, after)).join('\n');
      assert.match(plan, new RegExp(`SEARCH claims USING INDEX ${index}`), plan);
      assert.doesNotMatch(plan, /SCAN claims|TEMP B-TREE/, plan);
    }
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
