/** GET /api/claims: keyset pages that hold while claims change, bad values, the indexes behind it. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { DeskPage } from '../../src/domain/desk';
import { isPostgres } from '../database/engine';
import { explainDeskPage } from '../repositories/desk';
import { addDeskArticles } from './desk-fixtures';
import { Harness, json, startApp, withCast } from './harness';

describe('GET /api/claims: pages, refusals, indexes', () => {
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
    await addDeskArticles(h);
  });
  after(() => h.close());

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

  it('reads the queues through indexes, not a scan and a sort, and counts from indexes alone', async () => {
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
      const { page, total } = await explainDeskPage(h.app.db, filter, order, after);
      const plan = page.join('\n');
      const count = total.join('\n');
      if (isPostgres(h.app.db)) {
        // PostgreSQL's words for the same: the index gives the order (no Sort step), and
        // the total is found through an index. (Which index, and whether it reads index
        // entries only, its planner decides from the table's statistics: on a test's few
        // rows it may take a narrower one and read the rows.)
        const scan = `Index Scan(?: Backward)? using ${index} on claims`;
        assert.match(plan, new RegExp(scan), plan);
        assert.doesNotMatch(plan, /Seq Scan|\bSort\b/, plan);
        assert.match(count, /Index (?:Only )?Scan using claims_desk_\w+ on claims/, count);
        // The archived articles from an index that leads with `archived`: the desk's own,
        // or the article list's (migration 0013), as the planner prefers.
        assert.match(
          count,
          /Index (?:Only )?Scan using articles_(desk_archived|list) on articles/,
          count,
        );
        assert.doesNotMatch(count, /Seq Scan/, count);
        continue;
      }
      assert.match(plan, new RegExp(`SEARCH claims USING INDEX ${index}`), plan);
      assert.doesNotMatch(plan, /SCAN claims|TEMP B-TREE/, plan);
      // The total reads no claim's or article's row: indexes cover it (any that fits), and
      // the archived articles are read once, from their small index, not per claim.
      assert.match(count, /SEARCH claims USING COVERING INDEX claims_desk_/, count);
      assert.match(count, /SCAN articles USING COVERING INDEX articles_desk_archived/, count);
      assert.doesNotMatch(count, /SEARCH articles/, count);
    }
  });
});
