import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  signal,
} from '@angular/core';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { ArticleLine, MarkDetail, markLabel, TextRun } from './article-segments';

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
}

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
  host: { '(mouseup)': 'reportSelection()', '(keyup)': 'reportSelection()' },
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

  /** Worked out once per change of the text or the claims, not per key. */
  protected readonly marks = computed((): MarkIndex => {
    const starts: number[] = [];
    const position = new Map<number, number>();
    const claimsAt = new Map<number, readonly string[]>();
    const firstOf = new Map<string, number>();
    for (const line of this.lines()) {
      for (const run of line.runs) {
        if (run.claimIds.length) {
          position.set(run.start, starts.length);
          starts.push(run.start);
          claimsAt.set(run.start, run.claimIds);
          for (const id of run.claimIds) {
            if (!firstOf.has(id)) {
              firstOf.set(id, run.start);
            }
          }
        }
      }
    }
    return { starts, position, claimsAt, firstOf };
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

  /** Each highlight's accessible name, worked out once per change of the claims, not per check. */
  protected readonly labels = computed(() => {
    const details = this.details();
    const labels = new Map<TextRun, string>();
    for (const line of this.lines()) {
      for (const run of line.runs) {
        if (run.claimIds.length) {
          labels.set(run, markLabel(run, details));
        }
      }
    }
    return labels;
  });

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

  private focusMark(start: number): boolean {
    const mark = this.host.nativeElement.querySelector<HTMLElement>(
      `article mark[data-start="${start}"]`,
    );
    mark?.focus();
    return mark !== null;
  }

  protected reportSelection(): void {
    const selection = this.host.nativeElement.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    this.textSelected.emit(
      range && !range.collapsed ? selectionOffsets(range, this.host.nativeElement) : null,
    );
  }
}

/** The start offset of the highlight an event happened on, or null when not on one. */
function markStart(target: EventTarget | null): number | null {
  return target instanceof HTMLElement && target.tagName === 'MARK'
    ? Number(target.dataset['start'])
    : null;
}

/**
 * Maps a DOM selection back to article offsets. Every run of text carries its
 * offsets in `data-start`/`data-end`, so the first and last runs the range
 * touches give the span, whether it starts inside a text node or at an element
 * boundary (a triple-click selects whole paragraphs).
 */
export function selectionOffsets(
  range: Range,
  root: HTMLElement,
): { start: number; end: number } | null {
  if (!root.contains(range.commonAncestorContainer)) {
    return null;
  }
  const runs = [...root.querySelectorAll<HTMLElement>('[data-start]')].filter((run) =>
    range.intersectsNode(run),
  );
  if (runs.length === 0) {
    return null;
  }
  const first = runs[0];
  const last = runs[runs.length - 1];
  const inside = (run: HTMLElement, node: Node) =>
    node.nodeType === Node.TEXT_NODE && run.contains(node);
  const start =
    Number(first.dataset['start']) + (inside(first, range.startContainer) ? range.startOffset : 0);
  const end = inside(last, range.endContainer)
    ? Number(last.dataset['start']) + range.endOffset
    : Number(last.dataset['end']);
  return end > start ? { start, end } : null;
}
