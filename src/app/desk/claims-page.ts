import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  OnDestroy,
  untracked,
} from '@angular/core';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { DeskQuery } from '../../domain/desk';
import { articlesFeature } from '../articles/state/articles.feature';
import { SelectionBar } from '../bulk/selection-bar';
import { ClaimsFilters } from './claims-filters';
import { claimsPageParams, deskQueryFromParams } from './desk-url';
import { DeskClaimList } from './desk-claim-list';
import { ClaimsPageActions } from './state/desk.actions';
import { deskFeature } from './state/desk.feature';

/**
 * Claims across every article, filtered by what the URL says (stage, verdict,
 * assignee, overdue, article, q, sort, dir), so that a link reproduces the list:
 * the Articles page's counts link here.
 */
@Component({
  selector: 'cd-claims-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ClaimsFilters, DeskClaimList, SelectionBar],
  template: `
    <h1>Claims</h1>
    <cd-claims-filters
      [query]="query()"
      [articleHeadline]="articleHeadline()"
      (changed)="filter($event)"
    />
    <cd-desk-claim-list
      class="list"
      label="Claims"
      [view]="list()"
      empty="No claims match these filters."
      [selectedIds]="selectedIds()"
      (showMore)="showMore()"
      (retry)="retry()"
      (selectionChange)="select($event.ids, $event.selected)"
    />
    <cd-selection-bar class="selection" [claims]="selected()" (cleared)="clearSelection()" />
  `,
  styles: `
    :host {
      display: block;
      max-width: 1080px;
      margin: 0 auto;
      padding: 16px 16px 96px;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
    }
    .list {
      margin-top: 12px;
    }
    .selection {
      position: sticky;
      bottom: 8px;
      margin-top: 16px;
    }
  `,
})
export class ClaimsPage implements OnDestroy {
  // Bound from the URL's query parameters (withComponentInputBinding).
  readonly stage = input<string>();
  readonly verdict = input<string>();
  readonly assignee = input<string>();
  readonly overdue = input<string>();
  readonly article = input<string>();
  readonly q = input<string>();
  readonly sort = input<string>();
  readonly dir = input<string>();

  private readonly store = inject(Store);
  private readonly router = inject(Router);
  protected readonly list = this.store.selectSignal(deskFeature.selectClaimsList);
  protected readonly selectedIds = this.store.selectSignal(deskFeature.selectSelectedIdSet);
  protected readonly selected = this.store.selectSignal(deskFeature.selectSelectedClaims);
  private readonly articles = this.store.selectSignal(articlesFeature.selectEntities);

  protected readonly query = computed(
    () =>
      deskQueryFromParams({
        stage: this.stage(),
        verdict: this.verdict(),
        assignee: this.assignee(),
        overdue: this.overdue(),
        article: this.article(),
        q: this.q(),
        sort: this.sort(),
        dir: this.dir(),
      }),
    // The same filters written another way (`stage=new,` or a reordered URL) are no new query.
    { equal: (a, b) => JSON.stringify(a) === JSON.stringify(b) },
  );

  /** The filtered article by name: from the article list, or from a claim of it. */
  protected readonly articleHeadline = computed(() => {
    const id = this.query().article;
    if (!id) {
      return null;
    }
    return (
      this.articles()[id]?.headline ??
      this.list().claims.find((claim) => claim.articleId === id)?.articleHeadline ??
      null
    );
  });

  constructor() {
    effect(() => {
      const query = this.query();
      untracked(() => this.store.dispatch(ClaimsPageActions.queryChanged({ query })));
    });
  }

  ngOnDestroy(): void {
    this.store.dispatch(ClaimsPageActions.closed());
  }

  protected filter(query: DeskQuery): void {
    void this.router.navigate([], {
      queryParams: claimsPageParams(query),
      queryParamsHandling: 'merge',
    });
  }

  protected showMore(): void {
    this.store.dispatch(ClaimsPageActions.showMoreClicked());
  }

  protected retry(): void {
    this.store.dispatch(ClaimsPageActions.retryClicked());
  }

  protected select(ids: readonly string[], selected: boolean): void {
    this.store.dispatch(ClaimsPageActions.selectionChanged({ ids, selected }));
  }

  protected clearSelection(): void {
    this.store.dispatch(ClaimsPageActions.selectionCleared());
  }
}
