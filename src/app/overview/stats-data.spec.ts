import { DeskStats } from '../../domain/desk';
import {
  approvedPerWeekChart,
  medianTimeChart,
  overdueByAssigneeChart,
  overdueByStageChart,
} from './stats-data';

/** Stats as `GET /api/desk/stats` answers them: two weeks of approvals and three overdue. */
export function statsFixture(overrides: Partial<DeskStats> = {}): DeskStats {
  return {
    medianHoursInStage: {
      new: 5,
      researching: 30,
      in_review: 74.5,
      changes_requested: null,
      approved: 200,
      dismissed: null,
    },
    approvedPerWeek: [
      { week: '2026-11-23', count: 4 },
      { week: '2026-11-30', count: 1 },
    ],
    overdue: {
      total: 3,
      byStage: {
        new: 0,
        researching: 2,
        in_review: 1,
        changes_requested: 0,
        approved: 0,
        dismissed: 0,
      },
      byAssignee: [
        { assignee: 'casey', count: 2 },
        { assignee: null, count: 1 },
      ],
    },
    ...overrides,
  };
}

describe('stats as charts and tables', () => {
  const stats = statsFixture();

  it('gives each stage’s median time in hours to plot and in words to read, leaving out stages without any', () => {
    const chart = medianTimeChart(stats);
    expect(chart.rows.map((row) => [row.label, row.value, row.words])).toEqual([
      ['New', 5, '5 hours'],
      ['Researching', 30, '1 day'],
      ['In review', 74.5, '3 days'],
      ['Approved', 200, '8 days'],
    ]);
    expect(chart.description).toContain('the longest is approved, 8 days');
    expect(chart.empty).toBeNull();
  });

  it('says so when no claim has been in any stage', () => {
    const none = statsFixture({
      medianHoursInStage: {
        new: null,
        researching: null,
        in_review: null,
        changes_requested: null,
        approved: null,
        dismissed: null,
      },
    });
    expect(medianTimeChart(none).empty).toBe('No claim has been in any stage yet.');
  });

  it('labels each week by its Monday, oldest first, and sums them up', () => {
    const chart = approvedPerWeekChart(stats);
    expect(chart.rows.map((row) => [row.label, row.value])).toEqual([
      ['23 Nov', 4],
      ['30 Nov', 1],
    ]);
    expect(chart.title).toBe('Claims approved per week (last 2 weeks)');
    expect(chart.description).toContain('5 in all, 1 this week');
    const none = statsFixture({
      approvedPerWeek: stats.approvedPerWeek.map(({ week }) => ({ week, count: 0 })),
    });
    expect(approvedPerWeekChart(none).empty).toBe('No claim was approved in the last 2 weeks.');
  });

  it('counts overdue claims in the stages that have deadlines', () => {
    const chart = overdueByStageChart(stats);
    expect(chart.rows.map((row) => [row.label, row.value])).toEqual([
      ['New', 0],
      ['Researching', 2],
      ['In review', 1],
      ['Changes requested', 0],
    ]);
    expect(chart.description).toContain('3 claims in all');
    const none = statsFixture({
      overdue: { ...stats.overdue, total: 0, byAssignee: [] },
    });
    expect(overdueByStageChart(none).empty).toBe('No claim is overdue.');
    expect(overdueByAssigneeChart(none).empty).toBe('No claim is overdue.');
  });

  it('names assignees by display name, and claims nobody has as Nobody', () => {
    const names = new Map([['casey', 'Casey Ortiz']]);
    const chart = overdueByAssigneeChart(stats, (u) => names.get(u) ?? u);
    expect(chart.rows.map((row) => [row.label, row.value])).toEqual([
      ['Casey Ortiz', 2],
      ['Nobody', 1],
    ]);
    expect(chart.description).toContain('Casey Ortiz’s, 2');
  });
});
