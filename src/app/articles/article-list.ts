import { ChangeDetectionStrategy, Component, inject, OnInit } from '@angular/core';
import {
  MatCard,
  MatCardContent,
  MatCardHeader,
  MatCardSubtitle,
  MatCardTitle,
} from '@angular/material/card';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { STAGE_LABELS, STAGES } from '../../domain/workflow';
import { sessionFeature } from '../session/state/session.feature';
import { ArticleListPageActions } from './state/articles.actions';
import { articlesFeature } from './state/articles.feature';

@Component({
  selector: 'cd-article-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardSubtitle,
    MatCardTitle,
    MatProgressBar,
    RouterLink,
  ],
  template: `
    <div class="title">
      <h1>Articles</h1>
      @if (isEditor()) {
        <a mat-flat-button routerLink="/articles/new" data-testid="add-article">Add an article</a>
      }
    </div>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading articles" />
    }
    @if (error(); as message) {
      <p role="alert" class="error">{{ message }}</p>
    }
    @for (item of articles(); track item.article.id) {
      <mat-card appearance="outlined" class="article">
        <mat-card-header>
          <mat-card-title>
            <h2>
              <a [routerLink]="['/articles', item.article.id]">{{ item.article.headline }}</a>
            </h2>
          </mat-card-title>
          <mat-card-subtitle>
            {{ item.article.outlet ?? 'Outlet not recorded' }} ·
            {{ item.article.publishedAt ?? 'Publication date not recorded' }}
          </mat-card-subtitle>
        </mat-card-header>
        <mat-card-content>
          <mat-progress-bar
            mode="determinate"
            [value]="item.progress"
            [attr.aria-label]="'Checked ' + item.progress + ' percent'"
          />
          <p><a [routerLink]="['/articles', item.article.id, 'overview']">Overview</a></p>
          <p class="counts">
            {{ item.progress }}% checked · {{ item.article.claimCount }} claims:
            @for (stage of stages; track stage) {
              @if (item.article.stageCounts[stage]) {
                <span class="count"
                  >{{ stageLabels[stage] }} {{ item.article.stageCounts[stage] }}</span
                >
              }
            }
          </p>
        </mat-card-content>
      </mat-card>
    } @empty {
      @if (!loading() && !error()) {
        <p>No articles yet.</p>
      }
    }
  `,
  styles: `
    :host {
      display: block;
      max-width: 960px;
      margin: 0 auto;
      padding: 16px;
    }
    .title {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 16px;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin: 0;
    }
    .article {
      margin-bottom: 16px;
    }
    .counts {
      margin-top: 8px;
      color: var(--mat-sys-on-surface-variant);
    }
    .count:not(:last-child)::after {
      content: ' · ';
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ArticleList implements OnInit {
  private readonly store = inject(Store);
  protected readonly articles = this.store.selectSignal(articlesFeature.selectWithProgress);
  protected readonly loading = this.store.selectSignal(articlesFeature.selectLoading);
  protected readonly error = this.store.selectSignal(articlesFeature.selectError);
  protected readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);
  protected readonly stages = STAGES;
  protected readonly stageLabels = STAGE_LABELS;

  ngOnInit(): void {
    this.store.dispatch(ArticleListPageActions.opened());
  }
}
