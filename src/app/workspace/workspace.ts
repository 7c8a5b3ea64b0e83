import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  input,
  signal,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatDialog } from '@angular/material/dialog';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Router, RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { VERDICT_DEFINITIONS } from '../../domain/verdicts';
import { NewClaimDialog, NewClaimDialogData } from '../new-claims/new-claim-dialog';
import { ClaimDraft } from '../new-claims/new-claims-api';
import { NewClaimsPageActions } from '../new-claims/state/new-claims.actions';
import { suggestionsFeature } from '../new-claims/state/suggestions.feature';
import { SuggestionList } from '../new-claims/suggestion-list';
import { ReportMenu } from '../reports/report-menu';
import { sessionFeature } from '../session/state/session.feature';
import { segmentArticle } from './article-segments';
import { ArticleText } from './article-text';
import { ClaimFilter, filterToParams, SortKey } from './claim-filter';
import { ClaimFilters } from './claim-filters';
import { ClaimPanel } from './claim-panel';
import { ClaimsTable } from './claims-table';
import { Shortcuts } from './shortcuts';
import { ClaimDetailPageActions } from './state/claim-detail.actions';
import { claimsFeature } from './state/claims.feature';
import { WorkspacePageActions } from './state/workspace.actions';

/** Keys that do something here; typing in a field never triggers them. */
const SHORTCUT_KEYS = new Set(['j', 'k', 'Enter', 'e', 'n', '/', '?']);

/** The article under review: its text with every claim highlighted, and the claims beside it. */
@Component({
  selector: 'cd-workspace',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ArticleText,
    ClaimFilters,
    ClaimPanel,
    ClaimsTable,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatProgressBar,
    ReportMenu,
    RouterLink,
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
  /** Route parameter. */
  readonly articleId = input.required<string>();
  /** Query parameter `claim`: the open claim, so that a link opens it. */
  readonly claim = input<string | undefined>(undefined);
  /** Query parameter `list`: `suggestions` shows the claim suggestions instead of the claims. */
  readonly list = input<string | undefined>(undefined);

  private readonly filters = viewChild(ClaimFilters);
  protected readonly article = this.store.selectSignal(claimsFeature.selectArticle);
  protected readonly claims = this.store.selectSignal(claimsFeature.selectAll);
  protected readonly visible = this.store.selectSignal(claimsFeature.selectVisibleClaims);
  protected readonly filter = this.store.selectSignal(claimsFeature.selectFilter);
  protected readonly loading = this.store.selectSignal(claimsFeature.selectLoading);
  protected readonly error = this.store.selectSignal(claimsFeature.selectError);
  protected readonly selectedId = computed(() => this.claim() ?? null);
  protected readonly colourBy = signal<'stage' | 'verdict'>('stage');
  protected readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);
  protected readonly suggestionCount = this.store.selectSignal(suggestionsFeature.selectOpenCount);
  protected readonly showSuggestions = computed(() => this.list() === 'suggestions');
  /** The words selected in the article text, as offsets; null when none are. */
  protected readonly selection = signal<{ start: number; end: number } | null>(null);
  /** The table's filter as report query parameters: only what narrows the claims. */
  protected readonly reportFilter = computed(() => {
    const params = filterToParams(this.filter());
    return Object.fromEntries(
      Object.entries(params).filter(
        (entry): entry is [string, string] =>
          typeof entry[1] === 'string' &&
          entry[1] !== '' &&
          entry[0] !== 'sort' &&
          entry[0] !== 'dir',
      ),
    );
  });

  protected readonly lines = computed(() => {
    const article = this.article();
    if (!article) {
      return [];
    }
    return segmentArticle(
      article.text,
      this.claims(),
      new Set(article.headings.map((h) => h.line)),
    );
  });

  /** The highlight class of each claim: its stage, or its verdict when colouring by verdict. */
  protected readonly markClass = computed(() => {
    const byVerdict = this.colourBy() === 'verdict';
    return new Map(
      this.claims().map((c) => [
        c.id,
        byVerdict
          ? `verdict-${c.verdict ? VERDICT_DEFINITIONS[c.verdict].colorToken : 'none'}`
          : `stage-${c.stage}`,
      ]),
    );
  });

  constructor() {
    effect(() => this.store.dispatch(WorkspacePageActions.opened({ articleId: this.articleId() })));
    // A claim selected in the table is brought into view in the article text.
    effect(() => {
      const id = this.selectedId();
      if (id && this.lines().length) {
        queueMicrotask(() =>
          document
            .querySelector(`article mark[data-claims~="${CSS.escape(id)}"]`)
            ?.scrollIntoView({ block: 'nearest', behavior: 'smooth' }),
        );
      }
    });
  }

  protected select(claimId: string | null): void {
    void this.router.navigate([], {
      queryParams: { claim: claimId },
      queryParamsHandling: 'merge',
    });
    if (claimId === null) {
      this.store.dispatch(ClaimDetailPageActions.closed());
    }
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
    if (!span) {
      return;
    }
    let { start, end } = span;
    while (start < end && /\s/.test(text[start])) {
      start += 1;
    }
    while (end > start && /\s/.test(text[end - 1])) {
      end -= 1;
    }
    if (end <= start) {
      return;
    }
    const data: NewClaimDialogData = {
      title: 'Add a claim',
      quote: text.slice(start, end),
      start,
      end,
    };
    this.dialog
      .open<NewClaimDialog, NewClaimDialogData, ClaimDraft>(NewClaimDialog, {
        data,
        width: '560px',
        maxWidth: '95vw',
      })
      .afterClosed()
      .subscribe((draft) => {
        if (draft) {
          this.store.dispatch(NewClaimsPageActions.selectionClaimed({ articleId, draft }));
          document.getSelection()?.removeAllRanges();
          this.selection.set(null);
        }
      });
  }

  protected changeFilter(filter: ClaimFilter): void {
    const current = this.filter();
    const onlyQuery = (Object.keys(filter) as (keyof ClaimFilter)[]).every(
      (key) => key === 'query' || filter[key] === current[key],
    );
    if (onlyQuery) {
      this.store.dispatch(WorkspacePageActions.searchTyped({ query: filter.query }));
      return;
    }
    void this.router.navigate([], {
      queryParams: filterToParams(filter),
      queryParamsHandling: 'merge',
    });
  }

  protected changeSort(sort: { sort: SortKey; descending: boolean }): void {
    this.changeFilter({ ...this.filter(), ...sort });
  }

  protected onKey(event: KeyboardEvent): void {
    const target = event.target as HTMLElement | null;
    const typing = target?.closest(
      'input, textarea, select, [contenteditable], mat-select, [role="dialog"]',
    );
    if (typing || event.ctrlKey || event.metaKey || event.altKey || !SHORTCUT_KEYS.has(event.key)) {
      return;
    }
    if (event.key === 'Enter' && target?.closest('button, a, [role="row"], mark')) {
      return;
    }
    event.preventDefault();
    const claims = this.visible();
    const index = claims.findIndex((c) => c.id === this.selectedId());
    switch (event.key) {
      case 'j':
      case 'k': {
        const next =
          event.key === 'j' ? Math.min(claims.length - 1, index + 1) : Math.max(0, index - 1);
        if (claims[next]) {
          this.select(claims[next].id);
        }
        break;
      }
      case 'Enter':
        document
          .querySelector<HTMLElement>('#claim-panel-title')
          ?.scrollIntoView({ block: 'start' });
        document.querySelector<HTMLElement>('cd-claim-panel button')?.focus();
        break;
      case 'e':
        document.querySelector<HTMLElement>('[data-testid="evidence-url"]')?.focus();
        break;
      case 'n':
        document.querySelector<HTMLElement>('[data-testid="note-text"]')?.focus();
        break;
      case '/':
        this.filters()?.focusSearch();
        break;
      case '?':
        this.dialog.open(Shortcuts);
        break;
    }
  }
}
