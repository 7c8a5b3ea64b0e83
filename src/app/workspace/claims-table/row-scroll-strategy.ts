import { CdkVirtualScrollViewport, VirtualScrollStrategy } from '@angular/cdk/scrolling';
import { Injectable } from '@angular/core';
import { distinctUntilChanged, Subject } from 'rxjs';

/** Rows rendered beyond the view: at least this many pixels' worth, topped up to the larger figure. */
export const MIN_BUFFER_PX = 100;
export const MAX_BUFFER_PX = 200;

export interface RowRange {
  readonly start: number;
  readonly end: number;
}

/**
 * The rows to render for a scroll offset: those in view and a buffer either
 * side. The current range is kept while it still holds the view and at least
 * MIN_BUFFER_PX either side (where there are rows), so that scrolling a little
 * renders nothing new; otherwise the view and MAX_BUFFER_PX either side. An
 * offset past the end (the rows became fewer) counts as scrolled to the end,
 * where the browser will put it.
 */
export function rowRange(
  current: RowRange,
  rows: number,
  rowHeight: number,
  offset: number,
  viewportSize: number,
): RowRange {
  if (rowHeight <= 0 || rows === 0) {
    return { start: 0, end: 0 };
  }
  const top = Math.max(0, Math.min(offset, rows * rowHeight - viewportSize));
  const needed = {
    start: Math.max(0, Math.floor((top - MIN_BUFFER_PX) / rowHeight)),
    end: Math.min(rows, Math.ceil((top + viewportSize + MIN_BUFFER_PX) / rowHeight)),
  };
  if (current.start <= needed.start && current.end >= needed.end && current.end <= rows) {
    return current;
  }
  return {
    start: Math.max(0, Math.floor((top - MAX_BUFFER_PX) / rowHeight)),
    end: Math.min(rows, Math.ceil((top + viewportSize + MAX_BUFFER_PX) / rowHeight)),
  };
}

/**
 * The CDK's fixed-size strategy, except that it reads the scroll offset only
 * when the viewport scrolls (and once on attaching), never when the rows change.
 * The CDK's own reads it on every change in the number of rows, in the middle of
 * change detection: with the DOM already changed (the search box, the claims
 * count), that forced the browser to lay the page out for each search key, and
 * again for the frame.
 */
@Injectable()
export class RowScrollStrategy implements VirtualScrollStrategy {
  private readonly firstVisible = new Subject<number>();
  readonly scrolledIndexChange = this.firstVisible.pipe(distinctUntilChanged());
  private viewport: CdkVirtualScrollViewport | null = null;
  private rowHeight = 0;
  /** The viewport's scroll offset as of its last scroll event. */
  private offset = 0;

  setRowHeight(height: number): void {
    if (height !== this.rowHeight) {
      this.rowHeight = height;
      this.onDataLengthChanged();
    }
  }

  attach(viewport: CdkVirtualScrollViewport): void {
    this.viewport = viewport;
    this.offset = viewport.measureScrollOffset();
    this.onDataLengthChanged();
  }

  detach(): void {
    this.firstVisible.complete();
    this.viewport = null;
  }

  onContentScrolled(): void {
    if (this.viewport) {
      this.offset = this.viewport.measureScrollOffset();
      this.updateRange();
    }
  }

  onDataLengthChanged(): void {
    if (this.viewport) {
      this.viewport.setTotalContentSize(this.viewport.getDataLength() * this.rowHeight);
      this.updateRange();
    }
  }

  onContentRendered(): void {
    // Rows have a fixed height: nothing to measure.
  }

  onRenderedOffsetChanged(): void {
    // Likewise.
  }

  scrollToIndex(index: number, behavior: ScrollBehavior): void {
    this.viewport?.scrollToOffset(index * this.rowHeight, behavior);
  }

  private updateRange(): void {
    const viewport = this.viewport;
    if (!viewport) {
      return;
    }
    const range = rowRange(
      viewport.getRenderedRange(),
      viewport.getDataLength(),
      this.rowHeight,
      this.offset,
      viewport.getViewportSize(),
    );
    viewport.setRenderedRange(range);
    viewport.setRenderedContentOffset(range.start * this.rowHeight);
    this.firstVisible.next(this.rowHeight > 0 ? Math.floor(this.offset / this.rowHeight) : 0);
  }
}
