import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  ElementRef,
  inject,
  Injector,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSlideToggle } from '@angular/material/slide-toggle';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { ArticleActions } from '../articles/article-actions';
import { SelectionBar } from '../bulk/selection-bar';
import {
  ClaimFilter,
  filterToQuery,
  sameFilterBesidesQuery,
  SortKey,
} from '../../domain/claim-filter';
import { ARCHIVED_REFUSAL } from '../../domain/workflow';
import { suggestionsFeature } from '../new-claims/state/suggestions.feature';
import { SuggestionList } from '../new-claims/suggestion-list';
import { MuteToggle } from '../notifications/mute-toggle';
import { ReportMenu } from '../reports/report-menu';
import { sessionFeature } from '../session/state/session.feature';
import { ArticleLegend } from './article-text/article-legend';
import {
  ColourBy,
  markClasses,
  markDetails,
  segmentArticle,
} from './article-text/article-segments';
import { ArticleText } from './article-text/article-text';
import { ClaimFilters } from './claims-table/claim-filters';
import { ClaimPanel } from './claim-panel/claim-panel';
import { dateWords } from './claim-panel/finding-draft';
import { usersFeature } from '../users/state/users.feature';
import { ClaimsTable } from './claims-table/claims-table';
import type { TextSpan } from './selection-claim';
import { Shortcuts } from './shortcuts';
import { followOpenClaim } from './open-claim-view';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimsFeature } from './state/claims.feature';
import { WorkspacePageActions } from './state/workspace.actions';
import { runShortcut, shortcutOf, type ShortcutTarget } from './workspace-keys';
import { workspaceSteps } from './workspace-steps';

/** The article under review: its text with every claim highlighted, and the claims beside it. */
@Component({
  selector: 'cd-workspace',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ArticleActions,
    ArticleLegend,
    ArticleText,
    ClaimFilters,
    ClaimPanel,
    ClaimsTable,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatIcon,
    MatProgressBar,
    MatSlideToggle,
    MuteToggle,
    ReportMenu,
    RouterLink,
    SelectionBar,
    SuggestionList,
  ],
  templateUrl: './workspace.html',
  styleUrl: './workspace.scss',
  host: { '(document:keydown)': 'onKey($event)' },
})
export class Workspace {
  private readonly store = inject(Store);
  private readonly router = inject(Router);
  private readonly dialog = inject(MatDialog);
  private readonly injector = inject(Injector);
  /** For the table's assignee column. */
  protected readonly displayNames = this.store.selectSignal(usersFeature.selectDisplayNames);
  /** Route parameter. */
  readonly articleId = input.required<string>();
  /** Query parameter `claim`: the open claim, so that a link opens it. */
  readonly claim = input<string | undefined>(undefined);
  /** Query parameter `list`: `suggestions` shows the claim suggestions instead of the claims. */
  readonly list = input<string | undefined>(undefined);

  /** In `@defer` blocks, loaded with chunks of their own: queried by name, not by class. */
  private readonly filters = viewChild<ClaimFilters>('filters');
  private readonly suggestionList = viewChild<SuggestionList>('suggestions');
  private readonly panel = viewChild<ClaimPanel>('claimPanel');
  private readonly text = viewChild(ArticleText);
  private readonly claimsSection = viewChild<ElementRef<HTMLElement>>('claimsSection');
  protected readonly article = this.store.selectSignal(claimsFeature.selectArticle);
  protected readonly claims = this.store.selectSignal(claimsFeature.selectAll);
  protected readonly visible = this.store.selectSignal(claimsFeature.selectVisibleClaims);
  protected readonly filter = this.store.selectSignal(claimsFeature.selectFilter);
  protected readonly loading = this.store.selectSignal(claimsFeature.selectLoading);
  protected readonly error = this.store.selectSignal(claimsFeature.selectError);
  protected readonly missing = this.store.selectSignal(claimsFeature.selectMissing);
  /**
   * The publication date as the browser's locale writes it ("12 Nov 2024"). Computed, so
   * that the date is not formatted again on every pass (each search key).
   */
  protected readonly publishedWords = computed(() => {
    const published = this.article()?.publishedAt;
    return published ? dateWords(published) : null;
  });
  protected readonly claimCount = computed(() => {
    const count = this.claims().length;
    return `${count} ${new Intl.PluralRules('en').select(count) === 'one' ? 'claim' : 'claims'}`;
  });
  /** The claim the URL names, once the claims are in and it is not among them. */
  protected readonly unknownClaim = computed(() => {
    const id = this.selectedId();
    if (id === null || this.loading() || !this.article()) {
      return null;
    }
    return this.claims().some((claim) => claim.id === id) ? null : id;
  });
  /** The claims checked for a bulk action, as the table shows them. */
  protected readonly checkedClaims = this.store.selectSignal(claimsFeature.selectCheckedClaims);
  private readonly checkedIdList = this.store.selectSignal(claimsFeature.selectCheckedIds);
  protected readonly checkedIds = computed(() => new Set(this.checkedIdList()));
  protected readonly selectedId = computed(() => this.claim() ?? null);
  protected readonly archivedRefusal = ARCHIVED_REFUSAL;
  protected readonly colourBy = signal<ColourBy>('stage');
  protected readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);
  protected readonly suggestionCount = this.store.selectSignal(suggestionsFeature.selectOpenCount);
  protected readonly showSuggestions = computed(() => this.list() === 'suggestions');
  /** Whether the open suggestions are marked in the text, apart from the claims. Off at first. */
  protected readonly markSuggestions = signal(false);
  private readonly openSuggestions = this.store.selectSignal(
    suggestionsFeature.selectOpenSuggestions,
  );
  /** The words selected in the article text, as offsets; null when none are. */
  protected readonly selection = signal<TextSpan | null>(null);
  /** The table's filter as report query parameters: what narrows the claims, and its order. */
  protected readonly reportFilter = computed((): Readonly<Record<string, string>> =>
    filterToQuery(this.filter()),
  );

  // Derived from the claims alone: a keystroke in the search recomputes none of these.
  protected readonly lines = computed(() => {
    const article = this.article();
    if (!article) {
      return [];
    }
    return segmentArticle(
      article.text,
      this.claims(),
      new Set(article.headings.map((h) => h.line)),
      this.markSuggestions() ? this.openSuggestions() : [],
    );
  });
  protected readonly markClass = computed(() => markClasses(this.claims(), this.colourBy()));
  protected readonly markDetail = computed(() => markDetails(this.claims()));

  /** The page drawn top to bottom in steps, each in a task of its own (workspace-steps.ts). */
  protected readonly steps = workspaceSteps({
    article: this.article,
    claimsSection: () => this.claimsSection()?.nativeElement,
    filters: this.filters,
    suggestionList: this.suggestionList,
  });

  /** What had focus when a claim was opened, to go back to when it closes. */
  private opener: HTMLElement | null = null;

  constructor() {
    effect(() => this.store.dispatch(WorkspacePageActions.opened({ articleId: this.articleId() })));
    followOpenClaim({
      selectedId: this.selectedId,
      textDrawn: () => this.text() !== undefined && this.lines().length > 0,
      reveal: (id) => this.text()?.reveal(id),
      panel: this.panel,
    });
  }

  /** Opens (or with null closes) a claim. Moving with j/k replaces the history entry. */
  protected select(claimId: string | null, replaceUrl = false): void {
    if (claimId !== null && this.selectedId() === null) {
      this.opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    }
    void this.router.navigate([], {
      queryParams: { claim: claimId },
      queryParamsHandling: 'merge',
      replaceUrl,
    });
    if (claimId === null) {
      this.store.dispatch(ClaimDetailPageActions.closed());
      const opener = this.opener;
      this.opener = null;
      afterNextRender(
        { write: () => opener?.isConnected && opener.focus() },
        {
          injector: this.injector,
        },
      );
    }
  }

  /** The skip link: from the article text to the claims, past however many highlights. */
  protected skipToClaims(event: Event): void {
    event.preventDefault();
    const section = this.claimsSection()?.nativeElement;
    section?.focus({ preventScroll: true });
    section?.scrollIntoView({ block: 'nearest' });
  }

  /** And back: to the highlight the text's one tab stop is on. */
  protected backToText(event: Event): void {
    event.preventDefault();
    this.text()?.focusActive();
  }

  protected showList(list: 'claims' | 'suggestions'): void {
    void this.router.navigate([], {
      queryParams: { list: list === 'suggestions' ? 'suggestions' : null },
      queryParamsHandling: 'merge',
    });
  }

  /** Opens the new-claim dialog on the selected words, trimmed of surrounding spaces. */
  protected claimSelection(articleId: string, text: string): void {
    const span = this.selection();
    if (!span || this.article()?.archived) {
      return;
    }
    // The new-claim dialog's form loads when first asked for, not among the page's scripts.
    void import('./selection-claim').then(({ SelectionClaim }) =>
      this.injector
        .get(SelectionClaim)
        .open(articleId, text, span)
        .subscribe((added) => {
          if (added) {
            document.getSelection()?.removeAllRanges();
            this.selection.set(null);
          }
        }),
    );
  }

  /** Typing in the search box: filters at once; the URL follows once typing pauses. */
  protected changeQuery(query: string): void {
    this.store.dispatch(WorkspacePageActions.searchTyped({ query }));
  }

  /** A filter control or the sort: applied to the current filter, compared by value. */
  protected changeFilter(changes: Partial<ClaimFilter>): void {
    const current = this.filter();
    const next: ClaimFilter = { ...current, ...changes };
    if (sameFilterBesidesQuery(current, next)) {
      if (next.query !== current.query) {
        this.changeQuery(next.query);
      }
      return;
    }
    this.store.dispatch(WorkspacePageActions.filterChanged({ filter: next }));
  }

  protected changeSort(sort: { sort: SortKey; descending: boolean }): void {
    this.changeFilter(sort);
  }

  protected check(change: { claimId: string; checked: boolean }): void {
    this.store.dispatch(WorkspacePageActions.claimChecked(change));
  }

  protected checkAll(change: { claimIds: readonly string[]; checked: boolean }): void {
    this.store.dispatch(WorkspacePageActions.visibleClaimsChecked(change));
  }

  protected clearChecked(): void {
    this.store.dispatch(WorkspacePageActions.selectionCleared());
  }

  protected onKey(event: KeyboardEvent): void {
    const shortcut = shortcutOf(event);
    if (!shortcut) {
      return;
    }
    event.preventDefault();
    runShortcut(shortcut, this.shortcutTarget);
  }

  /** What the keyboard shortcuts act on (workspace-keys.ts). */
  private readonly shortcutTarget: ShortcutTarget = {
    claims: this.visible,
    selectedId: this.selectedId,
    select: (claimId, replaceUrl) => this.select(claimId, replaceUrl),
    panel: this.panel,
    search: () => this.steps.focusSearch(),
    help: () => this.dialog.open(Shortcuts, { maxWidth: '95vw' }),
  };
}
