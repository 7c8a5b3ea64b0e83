import { signal } from '@angular/core';

/**
 * Which blocks (`[data-block]` elements, one per paragraph) of the article text
 * are near the reader's view, as an IntersectionObserver reports them: the
 * article text renders highlights only there, and plain text elsewhere.
 *
 * The root is the text itself where it scrolls on its own (beside the claims on
 * a wide screen), else the window (a phone), so that the margin reaches beyond
 * what the reader sees in either case. A block that holds part of the reader's
 * text selection is never reported far, so that a selection stays intact.
 */
export class NearBlocks {
  /** The blocks near the view; null until the observer first reports. */
  readonly near = signal<ReadonlySet<number> | null>(null);
  private observer: IntersectionObserver | null = null;
  private root: Element | null = null;
  private observed = new WeakSet<Element>();

  constructor(
    private readonly host: HTMLElement,
    /** How far beyond the visible text a block counts as near (a CSS margin). */
    private readonly margin: string,
  ) {}

  /** Observes the blocks not observed yet; starts over when the scrolling root has changed. */
  observe(): void {
    if (typeof IntersectionObserver === 'undefined') {
      return;
    }
    const root = scrollsItself(this.host) ? this.host : null;
    if (!this.observer || root !== this.root) {
      this.observer?.disconnect();
      this.root = root;
      this.observed = new WeakSet();
      this.observer = new IntersectionObserver((entries) => this.report(entries), {
        root,
        rootMargin: this.margin,
      });
    }
    for (const block of this.host.querySelectorAll('[data-block]')) {
      if (!this.observed.has(block)) {
        this.observed.add(block);
        this.observer.observe(block);
      }
    }
  }

  /** Whether the text scrolls on its own (else the window scrolls it). */
  scrollsItself(): boolean {
    return scrollsItself(this.host);
  }

  disconnect(): void {
    this.observer?.disconnect();
    this.observer = null;
  }

  private report(entries: readonly IntersectionObserverEntry[]): void {
    const near = new Set(this.near() ?? []);
    for (const entry of entries) {
      const block = entry.target as HTMLElement;
      if (!block.isConnected) {
        // A paragraph the text no longer has: its index may belong to another now.
        this.observer?.unobserve(block);
        this.observed.delete(block);
        continue;
      }
      const index = Number(block.dataset['block']);
      if (entry.isIntersecting) {
        near.add(index);
      } else if (!holdsSelection(block)) {
        near.delete(index);
      }
    }
    this.near.set(near);
  }
}

function scrollsItself(element: HTMLElement): boolean {
  const overflow = getComputedStyle(element).overflowY;
  return overflow === 'auto' || overflow === 'scroll';
}

/** Whether the reader's selection covers part of the element. */
function holdsSelection(element: Element): boolean {
  const selection = element.ownerDocument.getSelection();
  return (
    !!selection &&
    selection.rangeCount > 0 &&
    !selection.isCollapsed &&
    selection.getRangeAt(0).intersectsNode(element)
  );
}
