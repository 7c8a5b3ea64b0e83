import {
  afterNextRender,
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  ElementRef,
  inject,
  Injector,
  input,
  output,
  signal,
} from '@angular/core';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { ArticleLine, MarkDetail, markLabel, TextRun } from './article-segments';
import { NearBlocks } from './near-blocks';
import { selectionOffsets } from './text-selection';

/** The highlights in document order, each known by the article offset it starts at. */
interface MarkIndex {
  /** Each highlight's start, in document order. */
  readonly starts: readonly number[];
  /** A start's place in `starts`. */
  readonly position: ReadonlyMap<number, number>;
  /** The claims on the highlight that starts there. */
  readonly claimsAt: ReadonlyMap<number, readonly string[]>;
  /** Where each claim's first highlight starts. */
  readonly firstOf: ReadonlyMap<string, number>;
  /** The line (block) each highlight is in, by its start. */
  readonly blockOf: ReadonlyMap<number, number>;
}

/**
 * Highlights are rendered in the paragraphs within this margin of the visible
 * text (one view's height above and below); plain text elsewhere.
 */
const NEAR_MARGIN = '100% 0px';
/** Until the observer first reports: the paragraphs of the first this many characters. */
const FIRST_CHARS = 6000;
/** A text with at most this many highlights is cheap as it is: all of them are rendered. */
const ALL_MARKS_UP_TO = 300;

/** Keys that move between highlights, to the next (1), previous (-1), first or last. */
const MOVES: Readonly<Record<string, 1 | -1 | 'first' | 'last'>> = {
  ArrowRight: 1,
  ArrowDown: 1,
  ArrowLeft: -1,
  ArrowUp: -1,
  Home: 'first',
  End: 'last',
};

/**
 * The article with every claim highlighted. Its own OnPush component so that a
 * keystroke in the claims search does not re-check thousands of highlights.
 *
 * Each paragraph is a block. In a text of more than a few hundred highlights,
 * only the blocks near the view (NearBlocks), the one holding the tab stop and
 * the one holding the open claim render their highlights; the others hold their words as plain text, so that a long article
 * keeps its height, reads and finds (Ctrl+F) as a whole with a few dozen
 * highlights in the page, not thousands. A highlight reached from the keyboard
 * or opened from the table is rendered before it gets focus or is scrolled to.
 *
 * The text is one tab stop (a roving tabindex): the highlight that had focus
 * last, else the open claim's, else the first, takes Tab; arrow keys, Home and
 * End move between highlights. Shift with an arrow is left to the browser, to
 * select words.
 */
@Component({
  selector: 'cd-article-text',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger],
  templateUrl: './article-text.html',
  styleUrl: './article-text.scss',
  // A selection ends with a mouse release or a key (shift+arrows from a focused
  // highlight); the host hears both as they bubble up from the text.
  host: {
    '(mouseup)': 'reportSelection()',
    '(keyup)': 'reportSelection()',
    '(window:resize)': 'resized()',
  },
})
export class ArticleText {
  readonly lines = input.required<readonly ArticleLine[]>();
  /** Highlight class per claim id (stage or verdict colour). */
  readonly markClass = input.required<ReadonlyMap<string, string>>();
  /** Each claim's status in words and statement: for the highlights' names and the overlap menu. */
  readonly details = input<ReadonlyMap<string, MarkDetail>>(new Map());
  readonly selectedId = input<string | null>(null);
  readonly selected = output<string>();
  /** The article offsets of the words the reader has selected, or null when nothing is. */
  readonly textSelected = output<{ start: number; end: number } | null>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly injector = inject(Injector);
  private readonly blocks = new NearBlocks(this.host.nativeElement, NEAR_MARGIN);
  /** The last reveal's wait for its smooth scroll to end. */
  private revealing: AbortController | null = null;

  /** Worked out once per change of the text or the claims, not per key. */
  protected readonly marks = computed((): MarkIndex => {
    const starts: number[] = [];
    const position = new Map<number, number>();
    const claimsAt = new Map<number, readonly string[]>();
    const firstOf = new Map<string, number>();
    const blockOf = new Map<number, number>();
    for (const line of this.lines()) {
      for (const run of line.runs) {
        if (run.claimIds.length) {
          position.set(run.start, starts.length);
          starts.push(run.start);
          claimsAt.set(run.start, run.claimIds);
          blockOf.set(run.start, line.index);
          for (const id of run.claimIds) {
            if (!firstOf.has(id)) {
              firstOf.set(id, run.start);
            }
          }
        }
      }
    }
    return { starts, position, claimsAt, firstOf, blockOf };
  });

  /** The highlight focused last, and which claim was open then. */
  private readonly focused = signal<{ start: number; openClaim: string | null } | null>(null);

  /**
   * The start of the one highlight that Tab reaches: the one focused last,
   * unless another claim has been opened since (from the table, or with j/k)
   * that it does not carry; then the open claim's; else the first.
   */
  protected readonly activeStart = computed((): number | null => {
    const marks = this.marks();
    const open = this.selectedId();
    const focused = this.focused();
    const last = focused && marks.position.has(focused.start) ? focused.start : null;
    if (
      last !== null &&
      (focused?.openClaim === open || (open !== null && marks.claimsAt.get(last)?.includes(open)))
    ) {
      return last;
    }
    const openMark = open === null ? undefined : marks.firstOf.get(open);
    return openMark ?? last ?? marks.starts[0] ?? null;
  });

  /** The first paragraphs, shown with their highlights until the observer has reported. */
  private readonly firstBlocks = computed((): ReadonlySet<number> => {
    const blocks = new Set<number>();
    for (const line of this.lines()) {
      if (line.start >= FIRST_CHARS) {
        break;
      }
      blocks.add(line.index);
    }
    return blocks;
  });

  /** Whether the text is short enough to render every highlight. */
  protected readonly allShown = computed(() => this.marks().starts.length <= ALL_MARKS_UP_TO);

  /** The paragraphs rendered with their highlights: near the view, the tab stop's, the open claim's. */
  protected readonly shown = computed((): ReadonlySet<number> => {
    const near = this.blocks.near() ?? this.firstBlocks();
    const { blockOf, firstOf } = this.marks();
    const open = this.selectedId();
    const active = this.activeStart();
    const openStart = open === null ? undefined : firstOf.get(open);
    const pinned = [active, openStart]
      .map((start) => (start === null || start === undefined ? undefined : blockOf.get(start)))
      .filter((block): block is number => block !== undefined && !near.has(block));
    return pinned.length ? new Set([...near, ...pinned]) : near;
  });

  /** Each highlight's accessible name, worked out when first rendered, again when the claims change. */
  private readonly labels = computed(() => ({
    details: this.details(),
    lines: this.lines(),
    cache: new Map<TextRun, string>(),
  }));

  constructor() {
    afterRenderEffect({
      read: () => {
        this.lines();
        if (!this.allShown()) {
          this.blocks.observe();
        }
      },
    });
    inject(DestroyRef).onDestroy(() => {
      this.blocks.disconnect();
      this.revealing?.abort();
    });
  }

  protected labelOf(run: TextRun): string {
    const { details, cache } = this.labels();
    let label = cache.get(run);
    if (label === undefined) {
      label = markLabel(run, details);
      cache.set(run, label);
    }
    return label;
  }

  /** The window's size changed: the text may have started or stopped scrolling on its own. */
  protected resized(): void {
    if (!this.allShown()) {
      this.blocks.observe();
    }
  }

  /**
   * Scrolls the claim's first highlight into view, smoothly. Paragraphs far from
   * view are laid out at an estimated height until scrolled near
   * (content-visibility), so a long smooth scroll can end short of the highlight:
   * once it ends, an instant scroll centres it, if the claim is still open and
   * the highlight not in view.
   */
  reveal(claimId: string): void {
    this.revealing?.abort();
    const mark = this.host.nativeElement.querySelector<HTMLElement>(
      `article mark[data-claims~="${CSS.escape(claimId)}"]`,
    );
    if (!mark) {
      return;
    }
    mark.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    const revealing = new AbortController();
    this.revealing = revealing;
    const host = this.host.nativeElement;
    const ownScroll = this.blocks.scrollsItself();
    const scroller: EventTarget = ownScroll ? host : host.ownerDocument;
    scroller.addEventListener(
      'scrollend',
      () => {
        revealing.abort();
        if (mark.isConnected && this.selectedId() === claimId && !inView(mark, ownScroll && host)) {
          // Centred: paragraphs rendered next to it may still move it by a few lines.
          mark.scrollIntoView({ block: 'center' });
        }
      },
      { signal: revealing.signal },
    );
  }

  /** Focuses the highlight that Tab would reach, or the text itself when it has none. */
  focusActive(): void {
    const start = this.activeStart();
    if (start === null || !this.focusMark(start)) {
      this.host.nativeElement.querySelector<HTMLElement>('article')?.focus();
    }
  }

  protected noteFocus(event: FocusEvent): void {
    const start = markStart(event.target);
    if (start !== null) {
      this.focused.set({ start, openClaim: this.selectedId() });
    }
  }

  protected move(event: KeyboardEvent): void {
    const move = Object.hasOwn(MOVES, event.key) ? MOVES[event.key] : undefined;
    const start = markStart(event.target);
    if (
      move === undefined ||
      start === null ||
      event.shiftKey ||
      event.altKey ||
      event.ctrlKey ||
      event.metaKey
    ) {
      return;
    }
    const { starts, position } = this.marks();
    const here = position.get(start) ?? 0;
    const next =
      move === 'first'
        ? 0
        : move === 'last'
          ? starts.length - 1
          : Math.min(starts.length - 1, Math.max(0, here + move));
    event.preventDefault();
    this.focusMark(starts[next]);
  }

  /**
   * Focuses the highlight that starts at `start`. One far from view is rendered
   * first: it becomes the tab stop, whose paragraph is always rendered.
   */
  private focusMark(start: number): boolean {
    const mark = this.markAt(start);
    if (mark) {
      mark.focus();
      return true;
    }
    if (!this.marks().position.has(start)) {
      return false;
    }
    this.focused.set({ start, openClaim: this.selectedId() });
    afterNextRender({ write: () => this.markAt(start)?.focus() }, { injector: this.injector });
    return true;
  }

  private markAt(start: number): HTMLElement | null {
    return this.host.nativeElement.querySelector<HTMLElement>(
      `article mark[data-start="${start}"]`,
    );
  }

  protected reportSelection(): void {
    const selection = this.host.nativeElement.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    this.textSelected.emit(
      range && !range.collapsed ? selectionOffsets(range, this.host.nativeElement) : null,
    );
  }
}

/** Whether the element is wholly within the view of its scrolling box (or of the window). */
function inView(element: HTMLElement, scroller: HTMLElement | false): boolean {
  const rect = element.getBoundingClientRect();
  const view = scroller
    ? scroller.getBoundingClientRect()
    : { top: 0, bottom: element.ownerDocument.defaultView?.innerHeight ?? 0 };
  return rect.top >= view.top && rect.bottom <= view.bottom;
}

/** The start offset of the highlight an event happened on, or null when not on one. */
function markStart(target: EventTarget | null): number | null {
  return target instanceof HTMLElement && target.tagName === 'MARK'
    ? Number(target.dataset['start'])
    : null;
}
