import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import { DeskStats } from '../../domain/desk';
import { BarChart } from './bar-chart';
import {
  approvedPerWeekChart,
  barsOf,
  medianTimeChart,
  overdueByAssigneeChart,
  overdueByStageChart,
  StatChart,
} from './stats-data';

/**
 * The desk's numbers for one article as charts: median time in each stage,
 * approvals per week and overdue claims by stage and by assignee. Each chart
 * has its numbers as a table beside it, for screen readers and for anyone who
 * wants the exact values.
 */
@Component({
  selector: 'cd-stats-charts',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [BarChart],
  template: `
    <p class="summary" data-testid="overdue-total">
      @if (stats().overdue.total === 0) {
        No claim is overdue.
      } @else {
        <strong
          >{{ stats().overdue.total }}
          {{ stats().overdue.total === 1 ? 'claim is' : 'claims are' }} overdue.</strong
        >
      }
    </p>
    <div class="charts">
      @for (chart of charts(); track chart.title; let i = $index) {
        <figure [attr.aria-labelledby]="'stat-title-' + i">
          <figcaption [id]="'stat-title-' + i">{{ chart.title }}</figcaption>
          @if (chart.empty; as empty) {
            <p class="empty">{{ empty }}</p>
          } @else {
            <cd-bar-chart
              [bars]="bars()[i]"
              [description]="chart.description"
              [horizontal]="chart.horizontal"
              [valueTitle]="chart.valueTitle"
              [height]="chart.horizontal ? 40 + chart.rows.length * 32 : 220"
            />
            <details>
              <summary>The numbers as a table</summary>
              <table>
                <caption class="cd-visually-hidden">
                  {{
                    chart.title
                  }}
                </caption>
                <thead>
                  <tr>
                    <th scope="col">{{ chart.columns[0] }}</th>
                    <th scope="col" class="num">{{ chart.columns[1] }}</th>
                  </tr>
                </thead>
                <tbody>
                  @for (row of chart.rows; track row.label) {
                    <tr>
                      <th scope="row">{{ row.label }}</th>
                      <td class="num">{{ row.words }}</td>
                    </tr>
                  }
                </tbody>
              </table>
            </details>
          }
        </figure>
      }
    </div>
  `,
  styles: `
    :host {
      display: block;
    }
    .charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(320px, 1fr));
      gap: 24px;
    }
    figure {
      margin: 0;
    }
    figcaption {
      font: var(--mat-sys-title-medium);
      margin-bottom: 8px;
    }
    .empty,
    details {
      color: var(--mat-sys-on-surface-variant);
    }
    details {
      margin-top: 4px;
      font: var(--mat-sys-body-medium);
    }
    summary {
      cursor: pointer;
    }
    table {
      border-collapse: collapse;
      margin-top: 4px;
    }
    th,
    td {
      text-align: left;
      padding: 2px 16px 2px 0;
      font-weight: normal;
    }
    thead th {
      font-weight: 500;
    }
    .num {
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
  `,
})
export class StatsCharts {
  readonly stats = input.required<DeskStats>();
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());

  protected readonly charts = computed((): StatChart[] => {
    const stats = this.stats();
    const names = this.displayNames();
    return [
      medianTimeChart(stats),
      approvedPerWeekChart(stats),
      overdueByStageChart(stats),
      overdueByAssigneeChart(stats, (username) => names.get(username) ?? username),
    ];
  });
  /** Memoised apart from the tables, so the canvases redraw only when the numbers change. */
  protected readonly bars = computed(() => this.charts().map((chart) => barsOf(chart.rows)));
}
