/**
 * The desk statistics as the overview's charts and their tables show them:
 * labels, values, words and a sentence describing each chart.
 */
import { durationWords } from '../../domain/deadline';
import { DeskStats } from '../../domain/desk';
import { isSettled, STAGE_LABELS, STAGES, Stage } from '../../domain/workflow';
import { ChartBar } from './bar-chart';

const HOUR = 3_600_000;

/** One row of a chart's table: what a bar says in words. */
export interface StatRow {
  readonly label: string;
  readonly value: number;
  /** The value as a person reads it ("3 days", "4"). */
  readonly words: string;
  readonly colour: string;
}

/** A chart and its text alternative. */
export interface StatChart {
  readonly title: string;
  /** One sentence for screen readers: what is plotted, and the headline of it. */
  readonly description: string;
  /** Column headings of the table: the label's and the value's. */
  readonly columns: readonly [string, string];
  readonly rows: readonly StatRow[];
  readonly valueTitle: string;
  readonly horizontal: boolean;
  /** Shown instead of a chart when there is nothing to plot. */
  readonly empty: string | null;
}

const WEEK_FORMAT = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  timeZone: 'UTC',
});

function stageColour(stage: Stage): string {
  return `var(--cd-stage-${stage.replaceAll('_', '-')})`;
}

export function barsOf(rows: readonly StatRow[]): ChartBar[] {
  return rows.map(({ label, value, colour }) => ({ label, value, colour }));
}

/** "Hours" in the chart, words ("3 days", "5 hours") in the table. */
export function medianTimeChart(stats: DeskStats): StatChart {
  const rows = STAGES.flatMap((stage) => {
    const hours = stats.medianHoursInStage[stage];
    return hours === null
      ? []
      : [
          {
            label: STAGE_LABELS[stage],
            value: Math.round(hours * 10) / 10,
            words: durationWords(hours * HOUR),
            colour: stageColour(stage),
          },
        ];
  });
  const longest = rows.reduce<StatRow | null>(
    (max, row) => (max === null || row.value > max.value ? row : max),
    null,
  );
  return {
    title: 'Median time in each stage',
    description: longest
      ? `Bar chart of the median time claims spend in each stage; the longest is ${longest.label.toLowerCase()}, ${longest.words}.`
      : 'No claim has been in any stage yet.',
    columns: ['Stage', 'Median time'],
    rows,
    valueTitle: 'Hours',
    horizontal: true,
    empty: rows.length === 0 ? 'No claim has been in any stage yet.' : null,
  };
}

export function approvedPerWeekChart(stats: DeskStats): StatChart {
  const rows = stats.approvedPerWeek.map(({ week, count }) => ({
    label: WEEK_FORMAT.format(Date.parse(`${week}T00:00:00Z`)),
    value: count,
    words: String(count),
    colour: 'var(--cd-stage-approved)',
  }));
  const total = rows.reduce((sum, row) => sum + row.value, 0);
  const weeks = rows.length;
  return {
    title: `Claims approved per week (last ${weeks} weeks)`,
    description: `Bar chart of claims approved in each of the last ${weeks} weeks, oldest first: ${total} in all${rows.length ? `, ${rows[rows.length - 1].value} this week` : ''}.`,
    columns: ['Week from Monday', 'Approved'],
    rows,
    valueTitle: 'Claims',
    horizontal: false,
    empty: total === 0 ? `No claim was approved in the last ${weeks} weeks.` : null,
  };
}

export function overdueByStageChart(stats: DeskStats): StatChart {
  const rows = STAGES.filter((stage) => !isSettled(stage)).map((stage) => ({
    label: STAGE_LABELS[stage],
    value: stats.overdue.byStage[stage] ?? 0,
    words: String(stats.overdue.byStage[stage] ?? 0),
    colour: stageColour(stage),
  }));
  const total = stats.overdue.total;
  return {
    title: 'Overdue claims by stage',
    description: `Bar chart of overdue claims by stage: ${overdueWords(total)} in all.`,
    columns: ['Stage', 'Overdue'],
    rows,
    valueTitle: 'Claims',
    horizontal: true,
    empty: total === 0 ? 'No claim is overdue.' : null,
  };
}

export function overdueByAssigneeChart(
  stats: DeskStats,
  nameOf: (username: string) => string = (username) => username,
): StatChart {
  const rows = stats.overdue.byAssignee.map(({ assignee, count }) => ({
    label: assignee === null ? 'Nobody' : nameOf(assignee),
    value: count,
    words: String(count),
    colour: assignee === null ? 'var(--mat-sys-outline)' : 'var(--mat-sys-error)',
  }));
  const most = rows[0];
  return {
    title: 'Overdue claims by assignee',
    description: most
      ? `Bar chart of overdue claims by assignee; the most are ${most.label === 'Nobody' ? 'assigned to nobody' : `${most.label}’s`}, ${most.value}.`
      : 'No claim is overdue.',
    columns: ['Assignee', 'Overdue'],
    rows,
    valueTitle: 'Claims',
    horizontal: true,
    empty: rows.length === 0 ? 'No claim is overdue.' : null,
  };
}

function overdueWords(count: number): string {
  return count === 1 ? '1 claim' : `${count} claims`;
}
