import { DecimalPipe } from '@angular/common';
import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  input,
  signal,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatDivider } from '@angular/material/divider';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Subscription } from 'rxjs';
import { describeHttpError } from '../shell/http-errors';
import { REPORT_FORMATS, ReportDownload, ReportFormat } from './report-download';

/** The English plural rules, for the menu's English words. */
const PLURALS = new Intl.PluralRules('en');

/** "Only the 1 claim shown", "Only the 3 claims shown", "None of the claims: …". */
export function shownInWords(shown: number | null): string {
  if (shown === 0) {
    return 'None of the claims: the table shows none';
  }
  const count = shown ?? 0;
  return PLURALS.select(count) === 'one'
    ? `Only the ${count} claim shown`
    : `Only the ${count} claims shown`;
}

/** "All 12 claims", or for one claim "The article’s only claim". */
export function totalInWords(total: number | null): string {
  if (total === 0) {
    return 'All claims: there are none yet';
  }
  const count = total ?? 0;
  return PLURALS.select(count) === 'one' ? 'The article’s only claim' : `All ${count} claims`;
}

/** Query parameters that order the claims (`sort`, `dir`) rather than select them. */
const ORDER_KEYS: ReadonlySet<string> = new Set(['sort', 'dir']);

function pick(
  params: Readonly<Record<string, string>>,
  keep: (key: string) => boolean,
): Record<string, string> {
  return Object.fromEntries(Object.entries(params).filter(([key]) => keep(key)));
}

/**
 * The Export menu: every report format, for the whole article or only for the
 * claims the table shows now. Downloads show their progress; the printable
 * report opens in a new tab.
 */
@Component({
  selector: 'cd-report-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    DecimalPipe,
    MatButton,
    MatDivider,
    MatIcon,
    MatMenu,
    MatMenuContent,
    MatMenuItem,
    MatMenuTrigger,
    MatProgressBar,
  ],
  templateUrl: './report-menu.html',
  styleUrl: './report-menu.scss',
})
export class ReportMenu {
  private readonly reports = inject(ReportDownload);
  private readonly snackBar = inject(MatSnackBar);
  readonly articleId = input.required<string>();
  /**
   * The claims table's filter as query parameters (`filterToQuery`): what
   * narrows the claims, and `sort` and `dir`, the table's order; empty when it
   * shows every claim in article order.
   */
  readonly filter = input<Readonly<Record<string, string>>>({});
  /** How many claims the filter shows, and how many there are. */
  readonly shown = input<number | null>(null);
  readonly total = input<number | null>(null);

  protected readonly formats = REPORT_FORMATS;
  /** The two answers to "which claims?": those the table shows, or all of them. */
  protected readonly scopeChoices = computed(() => [
    { onlyShown: true, label: shownInWords(this.shown()) },
    { onlyShown: false, label: totalInWords(this.total()) },
  ]);
  /** What selects claims; the table's order alone selects none. */
  private readonly narrowing = computed(() => pick(this.filter(), (key) => !ORDER_KEYS.has(key)));
  /** The table's order, which the CSV rows follow whichever claims are exported. */
  private readonly order = computed(() => pick(this.filter(), (key) => ORDER_KEYS.has(key)));
  protected readonly filtered = computed(() => Object.keys(this.narrowing()).length > 0);
  /** Export only what the table shows (the default once a filter is on). */
  protected readonly onlyShown = signal(true);
  protected readonly progress = signal<{ loaded: number; total: number | null } | null>(null);
  private download: Subscription | null = null;

  /**
   * What an export covers. Computed, not a method: the menu's items are checked on
   * every pass of the workspace (each search key), and building the print link's
   * URL each time was the largest template cost per key in a profile of the
   * 10,000-claim article.
   */
  private readonly scope = computed<Readonly<Record<string, string>>>(() =>
    this.filtered() && this.onlyShown() ? { ...this.narrowing(), ...this.order() } : this.order(),
  );
  protected readonly printUrl = computed(() =>
    this.reports.url(this.articleId(), 'html', this.scope()),
  );

  constructor() {
    inject(DestroyRef).onDestroy(() => this.download?.unsubscribe());
  }

  protected export(format: ReportFormat): void {
    this.download?.unsubscribe();
    this.progress.set({ loaded: 0, total: null });
    this.download = this.reports.download(this.articleId(), format, this.scope()).subscribe({
      next: (state) => {
        if (state.kind === 'progress') {
          this.progress.set({ loaded: state.loaded, total: state.total });
        } else {
          this.progress.set(null);
          this.reports.save(state.file, state.filename);
        }
      },
      error: (error: unknown) => {
        this.progress.set(null);
        this.snackBar.open(`The report could not be made: ${describeHttpError(error)}`, 'Close', {
          duration: 8000,
        });
      },
    });
  }

  protected cancel(): void {
    this.download?.unsubscribe();
    this.download = null;
    this.progress.set(null);
  }
}
