import { DatePipe } from '@angular/common';
import { CdkVirtualScrollViewport, ScrollingModule } from '@angular/cdk/scrolling';
import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  input,
  output,
  signal,
  viewChild,
} from '@angular/core';
import { ClaimSummary } from '../../domain/claim';
import { SortKey } from '../../domain/claim-filter';
import { VERDICT_DEFINITIONS } from '../../domain/verdicts';
import { STAGE_LABELS } from '../../domain/workflow';
import { RelativeTimePipe } from './relative-time';

interface Column {
  readonly key: SortKey;
  readonly label: string;
  /** Shown instead of the label where the table is narrow; the label stays its name. */
  readonly icon?: string;
}

/**
 * How the table lays its eight fields out, by its own width: one row of eight
 * columns when wide; the statement over the quote beside six compact columns
 * on a laptop; a card per claim on a phone.
 */
export type TableLayout = 'wide' | 'stacked' | 'cards';

/** Row height per layout: fixed, as the virtual scroll measures by it. */
export const ROW_HEIGHT: Readonly<Record<TableLayout, number>> = {
  wide: 76,
  stacked: 76,
  cards: 124,
};

export function layoutFor(width: number): TableLayout {
  return width >= 1040 ? 'wide' : width >= 560 ? 'stacked' : 'cards';
}

/**
 * The claims as a virtually scrolled table: only the rows in view are in the
 * DOM, so thousands of claims scroll as smoothly as forty.
 */
@Component({
  selector: 'cd-claims-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, RelativeTimePipe, ScrollingModule],
  templateUrl: './claims-table.html',
  styleUrl: './claims-table.scss',
  host: { '[class]': 'layout()' },
})
export class ClaimsTable {
  readonly claims = input.required<readonly ClaimSummary[]>();
  readonly selectedId = input<string | null>(null);
  readonly sort = input<SortKey>('position');
  readonly descending = input(false);
  /** Username → display name; people not in it show as their username. */
  readonly displayNames = input<ReadonlyMap<string, string>>(new Map());
  readonly selected = output<string>();
  readonly sortChanged = output<{ sort: SortKey; descending: boolean }>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  private readonly width = signal(800);
  protected readonly layout = computed(() => layoutFor(this.width()));
  protected readonly rowHeight = computed(() => ROW_HEIGHT[this.layout()]);
  /** For "5 min ago": ticks once a minute. */
  protected readonly now = signal(Date.now());
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly verdicts = VERDICT_DEFINITIONS;
  protected readonly columns: readonly Column[] = [
    { key: 'quote', label: 'Quote' },
    { key: 'statement', label: 'Statement' },
    { key: 'stage', label: 'Stage' },
    { key: 'verdict', label: 'Verdict' },
    { key: 'assignee', label: 'Assignee' },
    { key: 'evidence', label: 'Evidence', icon: 'link' },
    { key: 'notes', label: 'Notes', icon: 'sticky_note_2' },
    { key: 'updated', label: 'Updated' },
  ];

  constructor() {
    const destroyRef = inject(DestroyRef);
    const tick = setInterval(() => this.now.set(Date.now()), 60_000);
    destroyRef.onDestroy(() => clearInterval(tick));
    afterNextRender(() => {
      const host = this.host.nativeElement;
      this.width.set(host.clientWidth || 800);
      if (typeof ResizeObserver === 'undefined') {
        return;
      }
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

  protected trackById(_index: number, claim: ClaimSummary): string {
    return claim.id;
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
