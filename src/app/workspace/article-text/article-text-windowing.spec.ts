import { ComponentFixture, TestBed } from '@angular/core/testing';
import { ArticleText } from './article-text';
import { selectionOffsets } from './text-selection';
import { markDetails, segmentArticle } from './article-segments';
import { claimFixture } from '../state/claims.feature.spec';

/**
 * A long article (300 paragraphs, two claims each) in a text that scrolls on its
 * own, as beside the claims table: highlights only near the view.
 */
const PARAGRAPHS = 300;
const paragraphs = Array.from(
  { length: PARAGRAPHS },
  (_, i) => `Paragraph ${i} says the budget grew. The mayor denied paragraph ${i} twice.`,
);
const TEXT = paragraphs.join('\n');
const claims = paragraphs.flatMap((words, i) => {
  const lineStart = paragraphs.slice(0, i).reduce((sum, p) => sum + p.length + 1, 0);
  const second = words.indexOf('The mayor');
  return [
    claimFixture({ id: `a${i}`, start: lineStart, end: lineStart + second - 2 }),
    claimFixture({ id: `b${i}`, start: lineStart + second, end: lineStart + words.length - 1 }),
  ];
});
const LAST = `b${PARAGRAPHS - 1}`;

describe('article text windowing', () => {
  afterEach(() => document.querySelectorAll('cd-article-text').forEach((el) => el.remove()));

  async function render(): Promise<{ fixture: ComponentFixture<ArticleText>; root: HTMLElement }> {
    const fixture = TestBed.createComponent(ArticleText);
    const root = fixture.nativeElement as HTMLElement;
    root.style.cssText = 'display: block; height: 300px; overflow: auto';
    fixture.componentRef.setInput('lines', segmentArticle(TEXT, claims, new Set()));
    fixture.componentRef.setInput('markClass', new Map(claims.map((c) => [c.id, 'stage-new'])));
    fixture.componentRef.setInput('details', markDetails(claims));
    document.body.appendChild(root);
    await fixture.whenStable();
    return { fixture, root };
  }

  /** Waits, frame by frame, until the condition holds (the observer reports after a frame). */
  async function until(fixture: ComponentFixture<unknown>, condition: () => boolean, what: string) {
    for (let frame = 0; frame < 120; frame += 1) {
      await fixture.whenStable();
      if (condition()) {
        return;
      }
      await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve)));
    }
    fail(`still waiting for ${what}`);
  }

  const marks = (root: HTMLElement) => root.querySelectorAll('mark');
  const markOf = (root: HTMLElement, id: string) =>
    root.querySelector<HTMLElement>(`mark[data-claims~="${id}"]`);

  it('renders highlights only in the paragraphs near the view, the words of all', async () => {
    const { fixture, root } = await render();
    await until(fixture, () => marks(root).length < 100, 'fewer highlights');
    expect(marks(root).length).toBeGreaterThan(0);
    expect(markOf(root, 'a0')).not.toBeNull();
    expect(markOf(root, LAST)).toBeNull();
    // Every paragraph is there, far ones as plain words: the text reads and finds as a whole.
    const blocks = root.querySelectorAll('p[data-block]');
    expect(blocks.length).toBe(PARAGRAPHS);
    expect(blocks[PARAGRAPHS - 1].textContent).toBe(paragraphs[PARAGRAPHS - 1]);
    expect([...blocks].map((p) => p.textContent).join('\n')).toBe(TEXT);
  });

  it('renders the highlights of the paragraphs scrolled to, and drops those left behind', async () => {
    const { fixture, root } = await render();
    await until(fixture, () => marks(root).length < 100, 'fewer highlights');
    root.scrollTop = root.scrollHeight;
    await until(fixture, () => markOf(root, LAST) !== null, 'the last highlight');
    await until(fixture, () => markOf(root, 'a5') === null, 'the highlights above to go');
    expect(marks(root).length).toBeLessThan(100);
    // The first highlight stays: it holds the text's one tab stop.
    expect(markOf(root, 'a0')).not.toBeNull();
  });

  it('renders a far claim once it is opened, so that it can be scrolled into view', async () => {
    const { fixture, root } = await render();
    await until(fixture, () => marks(root).length < 100, 'fewer highlights');
    fixture.componentRef.setInput('selectedId', LAST);
    await fixture.whenStable();
    const mark = markOf(root, LAST);
    expect(mark?.classList).toContain('selected');
    mark?.scrollIntoView({ block: 'nearest' });
    await until(fixture, () => markOf(root, 'a5') === null, 'the view to move');
    const box = root.getBoundingClientRect();
    const rect = markOf(root, LAST)!.getBoundingClientRect();
    expect(rect.top).toBeGreaterThanOrEqual(box.top - 1);
    expect(rect.bottom).toBeLessThanOrEqual(box.bottom + 1);
  });

  it('opens a claim with a click on its highlight near the view', async () => {
    const { fixture, root } = await render();
    await until(fixture, () => marks(root).length < 100, 'fewer highlights');
    const selected: string[] = [];
    fixture.componentInstance.selected.subscribe((id) => selected.push(id));
    markOf(root, 'b1')!.click();
    expect(selected).toEqual(['b1']);
  });

  it('moves to the last highlight with End, however far', async () => {
    const { fixture, root } = await render();
    await until(fixture, () => marks(root).length < 100, 'fewer highlights');
    markOf(root, 'a0')!.focus();
    const end = new KeyboardEvent('keydown', { key: 'End', bubbles: true, cancelable: true });
    document.activeElement!.dispatchEvent(end);
    expect(end.defaultPrevented).toBeTrue();
    await until(fixture, () => document.activeElement === markOf(root, LAST), 'focus on the last');
    expect(markOf(root, LAST)!.tabIndex).toBe(0);
  });

  it('maps a selection in a paragraph far from view to article offsets', async () => {
    const { fixture, root } = await render();
    await until(fixture, () => marks(root).length < 100, 'fewer highlights');
    const far = root.querySelectorAll('p[data-block]')[PARAGRAPHS - 2];
    const words = far.querySelector('span')!.firstChild as Text;
    const range = document.createRange();
    range.setStart(words, words.data.indexOf('budget'));
    range.setEnd(words, words.data.indexOf(' grew'));
    const span = selectionOffsets(range, root)!;
    expect(TEXT.slice(span.start, span.end)).toBe('budget');
  });
});
