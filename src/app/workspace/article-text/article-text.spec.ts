import { TestbedHarnessEnvironment } from '@angular/cdk/testing/testbed';
import { TestBed } from '@angular/core/testing';
import { MatMenuHarness } from '@angular/material/menu/testing';
import { ArticleText } from './article-text';
import { selectionOffsets } from './text-selection';
import { markDetails, segmentArticle } from './article-segments';
import { claimFixture } from '../state/claims.feature.spec';

const TEXT = 'Heading\nPutin arrived in Pyongyang on Tuesday.\nKim met him at the airport.';

describe('article text selection', () => {
  async function render() {
    const fixture = TestBed.createComponent(ArticleText);
    // The claim is "Putin arrived in Pyongyang" (offsets 8 to 34).
    const lines = segmentArticle(TEXT, [{ id: 'c1', start: 8, end: 34 }], new Set([0]));
    fixture.componentRef.setInput('lines', lines);
    fixture.componentRef.setInput('markClass', new Map([['c1', 'stage-new']]));
    await fixture.whenStable();
    document.body.appendChild(fixture.nativeElement);
    return fixture.nativeElement as HTMLElement;
  }

  function textNodeContaining(root: HTMLElement, words: string): Text {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.textContent?.includes(words)) {
        return node as Text;
      }
    }
    throw new Error(`no text node with ${words}`);
  }

  it('maps a selection inside one run to article offsets', async () => {
    const root = await render();
    const node = textNodeContaining(root, 'Kim met him');
    const range = document.createRange();
    range.setStart(node, node.textContent!.indexOf('met'));
    range.setEnd(node, node.textContent!.indexOf(' at'));
    const span = selectionOffsets(range, root)!;
    expect(TEXT.slice(span.start, span.end)).toBe('met him');
  });

  it('maps a selection across a highlight and plain text', async () => {
    const root = await render();
    const first = textNodeContaining(root, 'Putin arrived');
    const last = textNodeContaining(root, ' on Tuesday');
    const range = document.createRange();
    range.setStart(first, 0);
    range.setEnd(last, ' on Tuesday'.length);
    const span = selectionOffsets(range, root)!;
    expect(TEXT.slice(span.start, span.end)).toBe('Putin arrived in Pyongyang on Tuesday');
  });

  it('maps a whole-paragraph selection that ends at an element boundary', async () => {
    const root = await render();
    const paragraphs = root.querySelectorAll('p');
    const range = document.createRange();
    range.setStart(paragraphs[1], 0);
    range.setEnd(paragraphs[1], paragraphs[1].childNodes.length);
    const span = selectionOffsets(range, root)!;
    expect(TEXT.slice(span.start, span.end)).toBe('Kim met him at the airport.');
  });

  it('ignores selections outside the article', async () => {
    const root = await render();
    const outside = document.createElement('p');
    outside.textContent = 'elsewhere';
    document.body.appendChild(outside);
    const range = document.createRange();
    range.selectNodeContents(outside);
    expect(selectionOffsets(range, root)).toBeNull();
    outside.remove();
  });
});

describe('article text highlights', () => {
  afterEach(() => document.querySelectorAll('cd-article-text').forEach((el) => el.remove()));

  // Two claims on exactly the same words, and one of its own.
  const claims = [
    claimFixture({ id: 'c1', start: 8, end: 34, stage: 'in_review', verdict: 'false' }),
    claimFixture({ id: 'c2', start: 8, end: 34, stage: 'new', verdict: null, statement: 'Other.' }),
    claimFixture({ id: 'c3', start: 47, end: 74, stage: 'approved', verdict: 'true' }),
  ];

  async function render() {
    const fixture = TestBed.createComponent(ArticleText);
    fixture.componentRef.setInput('lines', segmentArticle(TEXT, claims, new Set([0])));
    fixture.componentRef.setInput(
      'markClass',
      new Map(claims.map((c) => [c.id, `stage-${c.stage}`])),
    );
    fixture.componentRef.setInput('details', markDetails(claims));
    const selected: string[] = [];
    fixture.componentInstance.selected.subscribe((id) => selected.push(id));
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    return {
      fixture,
      root,
      selected,
      loader: TestbedHarnessEnvironment.documentRootLoader(fixture),
    };
  }

  it('names each highlight with the stage and verdict of its claims, in words', async () => {
    const { root } = await render();
    const [overlap, single] = [...root.querySelectorAll('mark')];
    expect(single.getAttribute('aria-label')).toBe(
      'Claim, Approved, verdict True: Kim met him at the airport.',
    );
    expect(overlap.getAttribute('aria-label')).toBe(
      '2 claims on these words, In review, verdict False; New, no verdict yet: ' +
        'Putin arrived in Pyongyang',
    );
    expect(overlap.classList).toContain('multi');
  });

  it('opens a single claim at once, by click or Enter', async () => {
    const { root, selected } = await render();
    const single = root.querySelector<HTMLElement>('mark[data-claims="c3"]')!;
    single.click();
    single.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    expect(selected).toEqual(['c3', 'c3']);
  });

  it('lists every claim on the same words, so that each can be opened', async () => {
    const { root, selected, loader } = await render();
    root.querySelector<HTMLElement>('mark.multi')!.click();
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: 'mark.multi' }));
    const items = await menu.getItems();
    expect(await Promise.all(items.map((item) => item.getText()))).toEqual([
      jasmine.stringMatching(/^In review, verdict False\s*North Korea shipped/),
      jasmine.stringMatching(/^New, no verdict yet\s*Other\.$/),
    ]);
    await items[1].click();
    expect(selected).toEqual(['c2']);
  });

  it('opens the list from the keyboard too', async () => {
    const { root, loader } = await render();
    const mark = root.querySelector<HTMLElement>('mark.multi')!;
    mark.focus();
    mark.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter' }));
    const menu = await loader.getHarness(MatMenuHarness.with({ selector: 'mark.multi' }));
    expect(await menu.isOpen()).toBeTrue();
    await menu.close();
  });
});

describe('article text as one tab stop', () => {
  afterEach(() => document.querySelectorAll('cd-article-text').forEach((el) => el.remove()));

  // Four highlights: "Putin", "Pyongyang", "Kim", "airport".
  const claims = [
    claimFixture({ id: 'c1', start: 8, end: 13 }),
    claimFixture({ id: 'c2', start: 25, end: 34 }),
    claimFixture({ id: 'c3', start: 47, end: 50 }),
    claimFixture({ id: 'c4', start: 66, end: 73 }),
  ];

  async function render(selectedId: string | null = null) {
    const fixture = TestBed.createComponent(ArticleText);
    fixture.componentRef.setInput('lines', segmentArticle(TEXT, claims, new Set([0])));
    fixture.componentRef.setInput('markClass', new Map(claims.map((c) => [c.id, 'stage-new'])));
    fixture.componentRef.setInput('selectedId', selectedId);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const root = fixture.nativeElement as HTMLElement;
    const marks = [...root.querySelectorAll<HTMLElement>('mark')];
    const tabStops = () => marks.filter((mark) => mark.tabIndex === 0).map((m) => m.textContent);
    return { fixture, root, marks, tabStops };
  }

  function press(key: string, init: KeyboardEventInit = {}): KeyboardEvent {
    const event = new KeyboardEvent('keydown', { key, bubbles: true, cancelable: true, ...init });
    (document.activeElement ?? document.body).dispatchEvent(event);
    return event;
  }

  it('lets Tab reach only the first highlight at first', async () => {
    const { marks, tabStops } = await render();
    expect(marks.map((m) => m.textContent)).toEqual(['Putin', 'Pyongyang', 'Kim', 'airport']);
    expect(tabStops()).toEqual(['Putin']);
    expect(marks.slice(1).every((m) => m.getAttribute('tabindex') === '-1')).toBeTrue();
  });

  it('moves focus between highlights with the arrow keys, Home and End', async () => {
    const { fixture, marks, tabStops } = await render();
    marks[0].focus();
    const seen: (string | null)[] = [];
    for (const key of [
      'ArrowRight',
      'ArrowDown',
      'ArrowLeft',
      'End',
      'ArrowRight',
      'Home',
      'ArrowUp',
    ]) {
      expect(press(key).defaultPrevented).withContext(key).toBeTrue();
      await fixture.whenStable();
      seen.push(document.activeElement?.textContent ?? null);
    }
    expect(seen).toEqual(['Pyongyang', 'Kim', 'Pyongyang', 'airport', 'airport', 'Putin', 'Putin']);
    press('ArrowRight');
    press('ArrowRight');
    await fixture.whenStable();
    // The one tab stop follows the focus, so that Tab out and back returns to it.
    expect(tabStops()).toEqual(['Kim']);
  });

  it('leaves Shift with an arrow to the browser, to select words', async () => {
    const { marks } = await render();
    marks[0].focus();
    expect(press('ArrowRight', { shiftKey: true }).defaultPrevented).toBeFalse();
    expect(document.activeElement).toBe(marks[0]);
  });

  it('puts the tab stop on the open claim, until a highlight has focus', async () => {
    const { fixture, marks, tabStops } = await render('c3');
    expect(tabStops()).toEqual(['Kim']);
    marks[1].focus();
    await fixture.whenStable();
    expect(tabStops()).toEqual(['Pyongyang']);
    // Another claim opened from the table (or with j/k) takes the tab stop to its words.
    fixture.componentRef.setInput('selectedId', 'c4');
    await fixture.whenStable();
    expect(tabStops()).toEqual(['airport']);
  });

  it('keeps the tab stop where a click opened its claim', async () => {
    const { fixture, marks, tabStops } = await render('c1');
    marks[2].focus();
    marks[2].click();
    fixture.componentRef.setInput('selectedId', 'c3');
    await fixture.whenStable();
    expect(tabStops()).toEqual(['Kim']);
    fixture.componentRef.setInput('selectedId', null);
    await fixture.whenStable();
    expect(tabStops()).toEqual(['Kim']);
  });

  it('focuses its tab stop when asked (the way back from the claims)', async () => {
    const { fixture, marks } = await render('c2');
    fixture.componentInstance.focusActive();
    expect(document.activeElement).toBe(marks[1]);
  });
});
