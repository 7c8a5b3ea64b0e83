import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  inject,
  input,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { STAGE_LABELS } from '../../domain/workflow';
import { ReportMenu } from '../reports/report-menu';
import { claimsFeature } from '../workspace/state/claims.feature';
import { Bar, stageBars, verdictBars, waitingClaims } from './overview-data';
import { usersFeature } from '../users/state/users.feature';
import { OverviewPageActions } from './state/overview.actions';
import { statsFeature } from './state/stats.feature';
import { StatsCharts } from './stats-charts';

/** An article at a glance: claims per stage and per verdict, and what waits on whom. */
@Component({
  selector: 'cd-overview',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatProgressBar, ReportMenu, RouterLink, StatsCharts],
  template: `
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading the overview" />
    }
    @if (error(); as message) {
      <div role="alert" class="error" data-testid="overview-error">
        <h1>The overview cannot be shown</h1>
        <p>{{ message }}</p>
        <button mat-stroked-button type="button" (click)="retry()">Try again</button>
      </div>
    } @else if (article(); as a) {
      <h1>Overview: {{ a.headline }}</h1>
      <p class="links">
        <a [routerLink]="['/articles', a.id]">Open the article workspace</a>
        <cd-report-menu [articleId]="a.id" />
      </p>
      <div class="charts">
        @for (chart of charts(); track chart.title) {
          <figure>
            <figcaption>{{ chart.title }}</figcaption>
            <table class="bars">
              <tbody>
                @for (bar of chart.bars; track bar.key) {
                  <tr>
                    <th scope="row">{{ bar.label }}</th>
                    <td class="track">
                      <span
                        class="bar"
                        [style.width.%]="bar.share"
                        [style.background]="bar.colour"
                      ></span>
                    </td>
                    <td class="count">{{ bar.count }}</td>
                  </tr>
                }
              </tbody>
            </table>
          </figure>
        }
      </div>
      <section aria-labelledby="stats-title">
        <h2 id="stats-title">Time in stage, approvals and deadlines</h2>
        @if (stats(); as stats) {
          <!-- Chart.js arrives in its own chunk, once the page has settled. -->
          @defer (on idle) {
            <cd-stats-charts [stats]="stats" [displayNames]="displayNames()" />
          } @placeholder {
            <p>Drawing the charts…</p>
          }
        } @else if (statsError(); as message) {
          <div role="alert" class="stats-error" data-testid="stats-error">
            <p>The charts cannot be shown: {{ message }}</p>
            <button mat-stroked-button type="button" (click)="retry()">Try again</button>
          </div>
        } @else {
          <mat-progress-bar mode="indeterminate" aria-label="Loading the charts" />
        }
      </section>
      <h2>Waiting</h2>
      @for (item of waiting(); track item.claim.id) {
        <p class="waiting">
          <a [routerLink]="['/articles', a.id]" [queryParams]="{ claim: item.claim.id }">{{
            item.claim.statement
          }}</a>
          <span> · {{ stageLabels[item.claim.stage] }}, waiting for {{ item.waitingFor }}</span>
        </p>
      } @empty {
        <p>Nothing is waiting for review or changes.</p>
      }
    }
  `,
  styles: `
    .links {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 16px;
    }
    :host {
      display: block;
      max-width: 1100px;
      margin: 0 auto;
      padding: 16px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
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
    .bars {
      width: 100%;
      border-collapse: collapse;
    }
    th {
      text-align: left;
      font: var(--mat-sys-body-medium);
      padding: 4px 8px 4px 0;
      white-space: nowrap;
    }
    .track {
      width: 100%;
    }
    .bar {
      display: block;
      height: 16px;
      min-width: 2px;
      border-radius: 4px;
    }
    .count {
      padding-left: 8px;
      text-align: right;
      font-variant-numeric: tabular-nums;
    }
    .error {
      padding: 16px;
      border: 1px solid var(--mat-sys-error);
      border-radius: 12px;
      color: var(--mat-sys-on-error-container);
      background: var(--mat-sys-error-container);
      h1 {
        margin-top: 0;
      }
    }
    .stats-error {
      color: var(--mat-sys-error);
    }
    .waiting span {
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class Overview {
  private readonly store = inject(Store);
  readonly articleId = input.required<string>();
  protected readonly article = this.store.selectSignal(claimsFeature.selectArticle);
  protected readonly loading = this.store.selectSignal(claimsFeature.selectLoading);
  protected readonly error = this.store.selectSignal(claimsFeature.selectError);
  private readonly claims = this.store.selectSignal(claimsFeature.selectAll);
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly charts = computed((): { title: string; bars: Bar[] }[] => [
    { title: 'Claims per stage', bars: stageBars(this.claims()) },
    { title: 'Claims per verdict', bars: verdictBars(this.claims()) },
  ]);
  protected readonly displayNames = this.store.selectSignal(usersFeature.selectDisplayNames);
  protected readonly stats = this.store.selectSignal(statsFeature.selectStats);
  protected readonly statsError = this.store.selectSignal(statsFeature.selectError);
  protected readonly waiting = computed(() => {
    const names = this.displayNames();
    return waitingClaims(this.claims(), (username) => names.get(username) ?? username);
  });

  constructor() {
    effect(() => this.store.dispatch(OverviewPageActions.opened({ articleId: this.articleId() })));
    inject(DestroyRef).onDestroy(() =>
      this.store.dispatch(OverviewPageActions.closed({ articleId: this.articleId() })),
    );
  }

  protected retry(): void {
    this.store.dispatch(OverviewPageActions.retryClicked({ articleId: this.articleId() }));
  }
}
