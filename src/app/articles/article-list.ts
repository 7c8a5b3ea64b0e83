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
          <p class="summary">
            {{ item.progress }}% checked · {{ item.article.claimCount }}
            {{ item.article.claimCount === 1 ? 'claim' : 'claims' }} ·
            <a [routerLink]="['/articles', item.article.id, 'overview']">Overview</a>
          </p>
          @if (item.stages.length) {
            <ul class="chips" aria-label="Claims per stage" data-testid="stage-counts">
              <li class="chips-label" aria-hidden="true">By stage</li>
              @for (chip of item.stages; track chip.key) {
                <li [class]="'chip ' + chip.colourClass">
                  {{ chip.label }} <span class="n">{{ chip.count }}</span>
                </li>
              }
            </ul>
          }
          @if (item.verdicts.length) {
            <ul class="chips" aria-label="Claims per verdict" data-testid="verdict-counts">
              <li class="chips-label" aria-hidden="true">By verdict</li>
              @for (chip of item.verdicts; track chip.key) {
                <li [class]="'chip ' + chip.colourClass">
                  {{ chip.label }} <span class="n">{{ chip.count }}</span>
                </li>
              }
            </ul>
          }
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
    .summary {
      margin: 8px 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .chips {
      display: flex;
      flex-wrap: wrap;
      gap: 6px;
      margin: 0 0 8px;
      padding: 0;
      list-style: none;
    }
    .chips-label {
      min-width: 5.5em;
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-label-medium);
      align-self: center;
    }
    .chip {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      border: 1px solid var(--stage-color, var(--mat-sys-outline));
      border-left-width: 4px;
      border-radius: 8px;
      padding: 1px 8px;
      font: var(--mat-sys-label-medium);
    }
    .n {
      font-variant-numeric: tabular-nums;
      font-weight: 700;
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

  ngOnInit(): void {
    this.store.dispatch(ArticleListPageActions.opened());
  }
}
