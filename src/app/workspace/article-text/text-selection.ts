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
