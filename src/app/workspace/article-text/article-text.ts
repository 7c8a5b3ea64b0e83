import {
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
} from '@angular/core';
import { MatMenu, MatMenuContent, MatMenuItem, MatMenuTrigger } from '@angular/material/menu';
import { ArticleLine, MarkDetail, markLabel, TextRun } from './article-segments';

/**
 * The article with every claim highlighted. Its own OnPush component so that a
 * keystroke in the claims search does not re-check thousands of highlights.
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

  protected reportSelection(): void {
    const selection = this.host.nativeElement.ownerDocument.getSelection();
    const range = selection && selection.rangeCount > 0 ? selection.getRangeAt(0) : null;
    this.textSelected.emit(
      range && !range.collapsed ? selectionOffsets(range, this.host.nativeElement) : null,
    );
  }
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
