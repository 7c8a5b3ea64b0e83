import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  untracked,
} from '@angular/core';
import {
  MatCard,
  MatCardContent,
  MatCardHeader,
  MatCardSubtitle,
  MatCardTitle,
} from '@angular/material/card';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { sessionFeature } from '../session/state/session.feature';
import { ArticleActions } from './article-actions';
import { ArticleListPageActions } from './state/articles.actions';
import { articlesFeature } from './state/articles.feature';

@Component({
  selector: 'cd-article-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ArticleActions,
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
      <!--
        A native switch, not mat-slide-toggle: that one brings @angular/forms into this
        page's scripts, some 10 kB more to download before the list on a slow phone.
      -->
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          [checked]="showArchived()"
          (change)="setShowArchived($any($event.target).checked)"
          data-testid="show-archived"
        />
        Show archived
      </label>
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
      <mat-card appearance="outlined" class="article" [class.archived]="item.article.archived">
        <mat-card-header>
          <mat-card-title>
            <h2>
              <a [routerLink]="['/articles', item.article.id]">{{ item.article.headline }}</a>
            </h2>
          </mat-card-title>
          <mat-card-subtitle>
            @if (item.article.archived) {
              <span class="archived-mark">Archived</span> ·
            }
            {{ item.article.outlet ?? 'Outlet not recorded' }} ·
            {{ item.article.publishedAt ?? 'Publication date not recorded' }}
          </mat-card-subtitle>
          <cd-article-actions class="actions" [article]="item.article" />
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
                  <a
                    routerLink="/claims"
                    [queryParams]="{ article: item.article.id, stage: chip.key }"
                    [attr.title]="
                      'List the ' + chip.label.toLowerCase() + ' claims of this article'
                    "
                    >{{ chip.label }} <span class="n">{{ chip.count }}</span></a
                  >
                </li>
              }
            </ul>
          }
          @if (item.verdicts.length) {
            <ul class="chips" aria-label="Claims per verdict" data-testid="verdict-counts">
              <li class="chips-label" aria-hidden="true">By verdict</li>
              @for (chip of item.verdicts; track chip.key) {
                <li [class]="'chip ' + chip.colourClass">
                  <a
                    routerLink="/claims"
                    [queryParams]="{ article: item.article.id, verdict: chip.key }"
                    [attr.title]="'List the claims of this article with this verdict'"
                    >{{ chip.label }} <span class="n">{{ chip.count }}</span></a
                  >
                </li>
              }
            </ul>
          }
        </mat-card-content>
      </mat-card>
    } @empty {
      @if (!loading() && !error()) {
        <p>
          No articles yet.
          @if (!showArchived()) {
            Archived ones show under “Show archived”.
          }
        </p>
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
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 16px;
      h1 {
        flex: 1;
      }
    }
    // Material's switch, drawn by the browser's checkbox: a track with a thumb that moves
    // to the end and fills when on.
    .switch {
      display: inline-flex;
      align-items: center;
      gap: 12px;
      font: var(--mat-sys-body-medium);
      cursor: pointer;
    }
    .switch input {
      appearance: none;
      position: relative;
      flex: none;
      width: 52px;
      height: 32px;
      margin: 0;
      border: 2px solid var(--mat-sys-outline);
      border-radius: 16px;
      background: var(--mat-sys-surface-container-highest);
      cursor: pointer;
      transition: background-color 150ms;
    }
    .switch input::before {
      content: '';
      position: absolute;
      top: 6px;
      left: 6px;
      width: 16px;
      height: 16px;
      border-radius: 50%;
      background: var(--mat-sys-outline);
      transition:
        transform 150ms,
        width 150ms,
        height 150ms;
    }
    .switch input:checked {
      border-color: var(--mat-sys-primary);
      background: var(--mat-sys-primary);
    }
    .switch input:checked::before {
      top: 2px;
      left: 2px;
      width: 24px;
      height: 24px;
      transform: translateX(20px);
      background: var(--mat-sys-on-primary);
    }
    .switch input:focus-visible {
      outline: 2px solid var(--mat-sys-primary);
      outline-offset: 2px;
    }
    mat-card-header {
      flex-wrap: wrap;
    }
    .actions {
      margin-left: auto;
    }
    .archived {
      border-style: dashed;
    }
    .archived-mark {
      font-weight: 600;
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
    .chip a {
      color: inherit;
      text-decoration: none;
      display: inline-flex;
      align-items: center;
      gap: 6px;
    }
    .chip a:hover,
    .chip a:focus-visible {
      text-decoration: underline;
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
      color: var(--mat-sys-on-surface-variant);
    }
    // The count stands out by its colour, in the label's weight: a bold count made the
    // browser download Roboto 700 after the list was drawn, just before the page's
    // largest paint (a round trip more on a slow phone), for these digits alone.
    .n {
      font-variant-numeric: tabular-nums;
      color: var(--mat-sys-on-surface);
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ArticleList {
  /** `?archived=1`: archived articles too, where they can be un-archived. */
  readonly archived = input<string>();

  private readonly store = inject(Store);
  private readonly router = inject(Router);
  protected readonly showArchived = computed(() => this.archived() === '1');
  protected readonly articles = this.store.selectSignal(articlesFeature.selectWithProgress);
  protected readonly loading = this.store.selectSignal(articlesFeature.selectLoading);
  protected readonly error = this.store.selectSignal(articlesFeature.selectError);
  protected readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);

  constructor() {
    effect(() => {
      const archived = this.showArchived();
      untracked(() => this.store.dispatch(ArticleListPageActions.opened({ archived })));
    });
  }

  protected setShowArchived(archived: boolean): void {
    void this.router.navigate([], { queryParams: { archived: archived ? 1 : null } });
  }
}
