import { TestBed } from '@angular/core/testing';
import { ArticleText, selectionOffsets } from './article-text';
import { segmentArticle } from './article-segments';

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
