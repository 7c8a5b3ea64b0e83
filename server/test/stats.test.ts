/**
 * Desk statistics (`GET /api/desk/stats`): median hours in each stage from
 * the claims' history, approvals per ISO week with empty weeks, overdue claims
 * now; every article that is not archived, or one.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ArticleSummary } from '../../src/domain/claim';
import { type DeskStats, STATS_WEEKS } from '../../src/domain/desk';
import { type Stage, STAGES } from '../../src/domain/workflow';
import { insertClaim } from '../repositories/claims';
import { recordHistory } from '../repositories/history';
import { deskStats, weekStart } from '../repositories/stats';
import { type Harness, json, startApp, withCast } from './harness';

/** A Wednesday: the current ISO week began on Monday 2026-03-16. */
const NOW = new Date('2026-03-18T12:00:00.000Z');
const at = (day: string, time = '00:00') => `2026-${day}T${time}:00.000Z`;

/** One step of a claim's life: an action at a time, and the stage it leaves the claim in. */
type Step = [action: string, time: string, stage?: Stage];

describe('desk statistics', () => {
  let h: Harness;
  let article: string;
  let archived: string;
  let serial = 0;

  /** A claim with its history as the workflow writes it; the last stage is its stage now. */
  async function claim(
    articleId: string,
    steps: readonly Step[],
    extra: { dueAt?: string; assignee?: string } = {},
  ): Promise<string> {
    const id = `stats-${++serial}`;
    const [created] = steps;
    const last = [...steps].reverse().find((step) => step[2] !== undefined);
    const stage = last?.[2] ?? 'new';
    const stageSince = last?.[1] ?? created[1];
    await insertClaim(
      h.app.db,
      {
        id,
        articleId,
        quote: 'The city',
        start: 0,
        end: 8,
        statement: `Claim ${id}`,
        kind: 'figure',
        stage,
        verdict: null,
        rationale: null,
        assignee: extra.assignee ?? null,
        dueAt: extra.dueAt ?? null,
        stageSince,
        createdAt: created[1],
        updatedAt: steps[steps.length - 1][1],
      },
      created[1],
      'dana',
    );
    let previous: Stage = 'new';
    for (const [action, time, next] of steps) {
      await recordHistory(h.app.db, {
        claimId: id,
        articleId,
        actor: 'dana',
        action,
        before: action === 'create' ? null : { stage: previous },
        after:
          action === 'create'
            ? { quote: 'The city', statement: `Claim ${id}`, kind: 'figure' }
            : { stage: next ?? previous, assignee: null, verdict: null },
        at: time,
      });
      previous = next ?? previous;
    }
    return id;
  }

  async function addArticle(headline: string): Promise<string> {
    const response = await h.as('dana', {
      method: 'POST',
      url: '/api/articles',
      payload: { source: 'text', headline, text: 'The city has 120 buses, the council said.' },
    });
    assert.equal(response.statusCode, 201, response.body);
    return json<ArticleSummary>(response).id;
  }

  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
    article = await addArticle('Buses');
    archived = await addArticle('Old buses');

    // New 10 h, researching 24 h, in review 26 h, approved in the week of 2 March.
    await claim(
      article,
      [
        ['create', at('03-02')],
        ['start', at('03-02', '10:00'), 'researching'],
        ['submit', at('03-03', '10:00'), 'in_review'],
        ['approve', at('03-04', '12:00'), 'approved'],
      ],
      { dueAt: at('03-01') },
    );
    // New 2 h, researching 24 h, in review 6 h, sent back 24 h, in review 24 h, approved week of 9 March.
    await claim(article, [
      ['create', at('03-09')],
      ['start', at('03-09', '02:00'), 'researching'],
      ['submit', at('03-10', '02:00'), 'in_review'],
      ['request_changes', at('03-10', '08:00'), 'changes_requested'],
      ['submit', at('03-11', '08:00'), 'in_review'],
      ['approve', at('03-12', '08:00'), 'approved'],
    ]);
    // New since Monday (60 h up to now), overdue, nobody assigned.
    await claim(article, [['create', at('03-16')]], { dueAt: at('03-17') });
    // New 4 h, researching since 1 March (416 h up to now), overdue, casey's.
    await claim(
      article,
      [
        ['create', at('03-01')],
        ['start', at('03-01', '04:00'), 'researching'],
      ],
      { dueAt: at('03-10'), assignee: 'casey' },
    );
    // New 1 h, then dismissed: past its due date, but settled, so not overdue.
    await claim(
      article,
      [
        ['create', at('03-05')],
        ['dismiss', at('03-05', '01:00'), 'dismissed'],
      ],
      { dueAt: at('03-06') },
    );
    // Last year: no stretch of it ended in the last 12 weeks.
    await claim(article, [
      ['create', '2025-06-01T00:00:00.000Z'],
      ['start', '2025-06-02T00:00:00.000Z', 'researching'],
      ['submit', '2025-06-03T00:00:00.000Z', 'in_review'],
      ['approve', '2025-06-04T00:00:00.000Z', 'approved'],
    ]);
    // In an article archived since: left out of the desk's figures.
    await claim(
      archived,
      [
        ['create', at('03-16')],
        ['start', at('03-16', '01:00'), 'researching'],
        ['submit', at('03-16', '02:00'), 'in_review'],
        ['approve', at('03-17'), 'approved'],
      ],
      {},
    );
    await claim(archived, [['create', at('03-16')]], { dueAt: at('03-17'), assignee: 'robin' });
    await h.app.db
      .updateTable('articles')
      .set({ archived: 1 })
      .where('id', '=', archived)
      .execute();
  });
  after(() => h.close());

  it('finds the ISO week’s Monday in UTC', () => {
    const monday = Date.parse('2026-03-16T00:00:00.000Z');
    assert.equal(weekStart(Date.parse('2026-03-16T00:00:00.000Z')), monday);
    assert.equal(weekStart(Date.parse('2026-03-22T23:59:59.999Z')), monday, 'Sunday');
    assert.equal(weekStart(Date.parse('2026-03-18T12:00:00.000Z')), monday);
    assert.equal(weekStart(Date.parse('2026-01-01T08:00:00.000Z')), Date.parse('2025-12-29'));
  });

  it('takes the median hours in each stage from the history, current stretches up to now', async () => {
    const stats = await deskStats(h.app.db, { now: NOW });
    assert.deepEqual(stats.medianHoursInStage, {
      // 1, 2, 4, 10 and 60 (the claim new since Monday); not last year's 24.
      new: 4,
      // 24, 24 and 416 (still researching).
      researching: 24,
      // 6, 24 and 26: a claim sent back counts each stretch in review.
      in_review: 24,
      changes_requested: 24,
      // Settled stages never end: their current stretch is not counted.
      approved: null,
      dismissed: null,
    } satisfies Record<Stage, number | null>);
  });

  it('counts approvals per ISO week for the last 12, oldest first, empty weeks included', async () => {
    const { approvedPerWeek } = await deskStats(h.app.db, { now: NOW });
    assert.equal(approvedPerWeek.length, STATS_WEEKS);
    assert.equal(approvedPerWeek[0].week, '2025-12-29');
    assert.equal(approvedPerWeek.at(-1)?.week, '2026-03-16');
    for (const { week } of approvedPerWeek) {
      assert.equal(new Date(`${week}T00:00:00Z`).getUTCDay(), 1, `${week} is a Monday`);
    }
    assert.deepEqual(
      approvedPerWeek.filter((w) => w.count > 0),
      [
        { week: '2026-03-02', count: 1 },
        { week: '2026-03-09', count: 1 },
      ],
      'not the archived article’s approval this week, nor last year’s',
    );
  });

  it('counts what is overdue now, by stage and by assignee, settled claims left out', async () => {
    const { overdue } = await deskStats(h.app.db, { now: NOW });
    assert.equal(overdue.total, 2);
    assert.deepEqual(overdue.byStage, {
      new: 1,
      researching: 1,
      in_review: 0,
      changes_requested: 0,
      approved: 0,
      dismissed: 0,
    });
    assert.deepEqual(overdue.byAssignee, [
      { assignee: 'casey', count: 1 },
      { assignee: null, count: 1 },
    ]);
  });

  it('takes one article, archived or not', async () => {
    const stats = await deskStats(h.app.db, { now: NOW, articleId: archived });
    assert.deepEqual(
      stats.approvedPerWeek.filter((w) => w.count > 0),
      [{ week: '2026-03-16', count: 1 }],
    );
    assert.deepEqual(stats.overdue.byAssignee, [{ assignee: 'robin', count: 1 }]);
    assert.equal(stats.medianHoursInStage.in_review, 22);
  });

  describe('GET /api/desk/stats', () => {
    it('answers anyone signed in with the whole shape', async () => {
      const response = await h.as('casey', { url: '/api/desk/stats' });
      assert.equal(response.statusCode, 200, response.body);
      const stats = json<DeskStats>(response);
      assert.deepEqual(Object.keys(stats.medianHoursInStage).sort(), [...STAGES].sort());
      assert.equal(stats.approvedPerWeek.length, STATS_WEEKS);
      assert.equal(
        stats.approvedPerWeek.at(-1)?.week,
        new Date(weekStart(Date.now())).toISOString().slice(0, 10),
      );
      // March's due dates have passed by any real clock.
      assert.equal(stats.overdue.total, 2);
      const scoped = json<DeskStats>(
        await h.as('casey', { url: `/api/desk/stats?article=${archived}` }),
      );
      assert.equal(scoped.overdue.total, 1);
    });

    it('shows a change at once', async () => {
      const overdue = async () =>
        json<DeskStats>(await h.as('casey', { url: '/api/desk/stats' })).overdue.total;
      const before = await overdue();
      const { version } = json<{ version: number }>(
        await h.as('dana', { url: '/api/claims/stats-4' }),
      );
      const cleared = await h.as('dana', {
        method: 'PATCH',
        url: '/api/claims/stats-4',
        headers: { 'if-match': `${version}` },
        payload: { dueAt: null },
      });
      assert.equal(cleared.statusCode, 200, cleared.body);
      assert.equal(await overdue(), before - 1);
    });

    it('refuses unknown parameters by name and answers 404 for an unknown article', async () => {
      const unknown = await h.as('casey', { url: '/api/desk/stats?weeks=4' });
      assert.equal(unknown.statusCode, 400);
      assert.equal(json<{ field: string }>(unknown).field, '/querystring/weeks');
      const missing = await h.as('casey', { url: '/api/desk/stats?article=no-such-article' });
      assert.equal(missing.statusCode, 404);
      assert.equal((await h.app.inject({ url: '/api/desk/stats' })).statusCode, 401);
    });
  });
});
