import { CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  MAX_BUFFER_PX,
  MIN_BUFFER_PX,
  RowRange,
  rowRange,
  RowScrollStrategy,
} from './row-scroll-strategy';

const ROW = 76;
const VIEW = 500;

/** What the strategy uses of a viewport, recording what it is told and how often it measures. */
class FakeViewport {
  rows = 0;
  scrollTop = 0;
  measured = 0;
  range: RowRange = { start: 0, end: 0 };
  contentSize = 0;
  renderedOffset = 0;
  getDataLength = () => this.rows;
  getViewportSize = () => VIEW;
  getRenderedRange = () => this.range;
  measureScrollOffset = () => {
    this.measured++;
    return this.scrollTop;
  };
  setTotalContentSize = (size: number) => (this.contentSize = size);
  setRenderedRange = (range: RowRange) => (this.range = range);
  setRenderedContentOffset = (offset: number) => (this.renderedOffset = offset);
  scrollToOffset = (offset: number) => (this.scrollTop = offset);
}

describe('rowRange', () => {
  const none = { start: 0, end: 0 };

  it('renders the rows in view and a buffer beyond them', () => {
    expect(rowRange(none, 10_000, ROW, 0, VIEW)).toEqual({
      start: 0,
      end: Math.ceil((VIEW + MAX_BUFFER_PX) / ROW),
    });
    const top = 100 * ROW;
    expect(rowRange(none, 10_000, ROW, top, VIEW)).toEqual({
      start: Math.floor((top - MAX_BUFFER_PX) / ROW),
      end: Math.ceil((top + VIEW + MAX_BUFFER_PX) / ROW),
    });
  });

  it('keeps the range while it still holds the view and the smaller buffer', () => {
    const current = rowRange(none, 10_000, ROW, 100 * ROW, VIEW);
    expect(rowRange(current, 10_000, ROW, 100 * ROW + MAX_BUFFER_PX - MIN_BUFFER_PX, VIEW)).toBe(
      current,
    );
    expect(rowRange(current, 10_000, ROW, 100 * ROW + MAX_BUFFER_PX, VIEW)).not.toEqual(current);
  });

  it('renders every row of a short list, and the last rows when the list shrinks below the offset', () => {
    expect(rowRange(none, 3, ROW, 0, VIEW)).toEqual({ start: 0, end: 3 });
    const far = rowRange(none, 10_000, ROW, 5_000 * ROW, VIEW);
    const shrunk = rowRange(far, 40, ROW, 5_000 * ROW, VIEW);
    expect(shrunk.end).toBe(40);
    expect(shrunk.start).toBe(Math.floor((40 * ROW - VIEW - MAX_BUFFER_PX) / ROW));
    expect(rowRange(far, 0, ROW, 5_000 * ROW, VIEW)).toEqual({ start: 0, end: 0 });
  });
});

describe('RowScrollStrategy', () => {
  function attached(rows: number) {
    const viewport = new FakeViewport();
    viewport.rows = rows;
    const strategy = new RowScrollStrategy();
    strategy.setRowHeight(ROW);
    strategy.attach(viewport as unknown as CdkVirtualScrollViewport);
    return { viewport, strategy };
  }

  it('sizes the content by the rows and renders those in view', () => {
    const { viewport } = attached(10_000);
    expect(viewport.contentSize).toBe(10_000 * ROW);
    expect(viewport.range).toEqual({ start: 0, end: Math.ceil((VIEW + MAX_BUFFER_PX) / ROW) });
  });

  it('measures the scroll offset when scrolled, never when the rows change', () => {
    const { viewport, strategy } = attached(10_000);
    viewport.scrollTop = 200 * ROW;
    strategy.onContentScrolled();
    const measured = viewport.measured;
    expect(viewport.range.start).toBe(Math.floor((200 * ROW - MAX_BUFFER_PX) / ROW));
    expect(viewport.renderedOffset).toBe(viewport.range.start * ROW);

    for (const rows of [5_000, 120, 3, 10_000]) {
      viewport.rows = rows;
      strategy.onDataLengthChanged();
    }
    expect(viewport.measured).toBe(measured);
    // Back to 10,000 rows at the offset scrolled to.
    expect(viewport.range.start).toBe(Math.floor((200 * ROW - MAX_BUFFER_PX) / ROW));
  });

  it('follows a new row height (another layout) and scrolls to a row by it', () => {
    const { viewport, strategy } = attached(100);
    strategy.setRowHeight(124);
    expect(viewport.contentSize).toBe(100 * 124);
    strategy.scrollToIndex(10, 'auto');
    expect(viewport.scrollTop).toBe(10 * 124);
  });
});
