import { DatePipe } from '@angular/common';
import {
  CdkVirtualScrollViewport,
  ScrollingModule,
  VIRTUAL_SCROLL_STRATEGY,
} from '@angular/cdk/scrolling';
import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  effect,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { MatIcon } from '@angular/material/icon';
import { ClaimSummary } from '../../../domain/claim';
import { SortKey } from '../../../domain/claim-filter';
import { VERDICT_DEFINITIONS } from '../../../domain/verdicts';
import { STAGE_LABELS } from '../../../domain/workflow';
import { IconName } from '../../shell/icons';
import { DueStatePipe, InStagePipe } from './deadline-pipes';
import { dueShortWords, dueWords } from '../claim-panel/finding-draft';
import { minuteClock } from '../minute-clock';
import { RelativeTimePipe } from './relative-time';
import { RowScrollStrategy } from './row-scroll-strategy';

interface Column {
  /** The cell's class and grid area. */
  readonly key: string;
  readonly label: string;
  /** The order the column's header sorts by; a column without one does not sort. */
  readonly sort?: SortKey;
  /** Shown instead of the label where the table is narrow; the label stays its name. */
  readonly icon?: IconName;
}

/**
 * How the table lays its ten fields out, by its own width: one row of ten
 * columns when wide; the statement over the quote, the time in stage under the
 * stage and the due date under the verdict, on a laptop; a card per claim on a
 * phone. A checkbox leads every row.
 */
export type TableLayout = 'wide' | 'stacked' | 'cards';

/** Row height per layout: fixed, as the virtual scroll measures by it. */
export const ROW_HEIGHT: Readonly<Record<TableLayout, number>> = {
  wide: 76,
  stacked: 76,
  cards: 124,
};

export function layoutFor(width: number): TableLayout {
  return width >= 1200 ? 'wide' : width >= 640 ? 'stacked' : 'cards';
}

/**
 * The claims as a virtually scrolled table: only the rows in view are in the
 * DOM, so thousands of claims scroll as smoothly as forty.
 */
@Component({
  selector: 'cd-claims-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, DueStatePipe, InStagePipe, MatIcon, RelativeTimePipe, ScrollingModule],
  templateUrl: './claims-table.html',
  styleUrl: './claims-table.scss',
  host: { '[class]': 'layout()' },
  providers: [
    RowScrollStrategy,
    { provide: VIRTUAL_SCROLL_STRATEGY, useExisting: RowScrollStrategy },
  ],
})
export class ClaimsTable {
  readonly claims = input.required<readonly ClaimSummary[]>();
  readonly selectedId = input<string | null>(null);
  readonly sort = input<SortKey>('position');
  readonly descending = input(false);
  /** Username → display name; people not in it show as their username. */
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());
  /** The claims checked for a bulk action. */
  readonly checkedIds = input<ReadonlySet<string>>(new Set());
  /** False where nothing may be done in bulk (an archived article): the boxes are disabled. */
  readonly checkable = input(true);
  readonly selected = output<string>();
  readonly sortChanged = output<{ sort: SortKey; descending: boolean }>();
  /** One claim's checkbox. */
  readonly checked = output<{ claimId: string; checked: boolean }>();
  /** "Select all": every claim the table shows, checked or unchecked together. */
  readonly allChecked = output<{ claimIds: readonly string[]; checked: boolean }>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly width = signal(800);
  protected readonly layout = computed(() => layoutFor(this.width()));
  protected readonly rowHeight = computed(() => ROW_HEIGHT[this.layout()]);
  private readonly scrollStrategy = inject(RowScrollStrategy);
  /** For "5 min ago" and "Overdue by 2 days": ticks once a minute. */
  protected readonly now = minuteClock();
  protected readonly dueWords = dueWords;
  protected readonly dueShortWords = dueShortWords;
  /** How many of the claims shown are checked: all, some (the box is mixed) or none. */
  protected readonly checkedShown = computed(() => {
    const checked = this.checkedIds();
    return checked.size === 0 ? 0 : this.claims().filter((claim) => checked.has(claim.id)).length;
  });
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly verdicts = VERDICT_DEFINITIONS;
  protected readonly columns: readonly Column[] = [
    { key: 'quote', label: 'Quote', sort: 'quote' },
    { key: 'statement', label: 'Statement', sort: 'statement' },
    { key: 'stage', label: 'Stage', sort: 'stage' },
    { key: 'verdict', label: 'Verdict', sort: 'verdict' },
    { key: 'assignee', label: 'Assignee', sort: 'assignee' },
    { key: 'due', label: 'Due', sort: 'due' },
    { key: 'in-stage', label: 'In stage' },
    { key: 'evidence', label: 'Evidence', sort: 'evidence', icon: 'link' },
    { key: 'notes', label: 'Notes', sort: 'notes', icon: 'sticky_note_2' },
    { key: 'updated', label: 'Updated', sort: 'updated' },
  ];

  constructor() {
    const destroyRef = inject(DestroyRef);
    effect(() => this.scrollStrategy.setRowHeight(this.rowHeight()));
    afterNextRender(() => {
      const host = this.host.nativeElement;
      if (typeof ResizeObserver === 'undefined') {
        this.width.set(host.clientWidth || 800);
        return;
      }
      // The observer reports the first width too, once the page is laid out: reading
      // clientWidth here instead forced a layout of the whole page (a long article's
      // text with it) before the browser's own.
      const observer = new ResizeObserver(([entry]) =>
        this.width.set(Math.round(entry.contentRect.width) || this.width()),
      );
      observer.observe(host);
      destroyRef.onDestroy(() => observer.disconnect());
    });
    // The open claim is scrolled into view here, wherever it was selected (the text, j/k,
    // a link): after rendering, once the viewport knows how many rows it holds.
    afterRenderEffect({
      write: () => {
        const id = this.selectedId();
        const index = id === null ? -1 : this.claims().findIndex((c) => c.id === id);
        const viewport = this.viewport();
        if (index >= 0 && viewport) {
          this.reveal(viewport, index, this.rowHeight());
        }
      },
    });
  }

  /**
   * Rows are kept by their place in the view, not by claim: when a search key
   * brings other claims into view, each row shows its new claim by changing its
   * text and attributes in place. Kept by claim, every row whose claim changed was
   * taken out of the page and another put in (the view cache's), and the browser
   * styled each new row's elements anew.
   */
  protected trackByPosition(index: number): number {
    return index;
  }

  protected check(claimId: string, event: Event): void {
    this.checked.emit({ claimId, checked: (event.target as HTMLInputElement).checked });
  }

  protected checkAll(event: Event): void {
    this.allChecked.emit({
      claimIds: this.claims().map((claim) => claim.id),
      checked: (event.target as HTMLInputElement).checked,
    });
  }

  protected sortBy(key: SortKey): void {
    const descending = this.sort() === key ? !this.descending() : false;
    this.sortChanged.emit(
      this.sort() === key && this.descending()
        ? { sort: 'position', descending: false }
        : { sort: key, descending },
    );
  }

  /**
   * Scrolls as little as makes the whole row visible: within the table, then the
   * page, where the table reaches below the window. A row in view stays put.
   */
  private reveal(viewport: CdkVirtualScrollViewport, index: number, height: number): void {
    viewport.checkViewportSize();
    const size = viewport.getViewportSize();
    if (size === 0) {
      viewport.scrollToIndex(index);
      return;
    }
    const top = index * height;
    const current = viewport.measureScrollOffset('top');
    const offset =
      top < current ? top : top + height > current + size ? top + height - size : current;
    if (offset !== current) {
      viewport.scrollToOffset(offset, 'smooth');
    }
    const element = viewport.elementRef.nativeElement;
    const window = element.ownerDocument.defaultView;
    if (!window) {
      return;
    }
    const rowTop = element.getBoundingClientRect().top + top - offset;
    if (rowTop + height > window.innerHeight) {
      window.scrollBy({ top: rowTop + height - window.innerHeight + 8 });
    } else if (rowTop < 0) {
      window.scrollBy({ top: rowTop - 8 });
    }
  }
}
