import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import axe from 'axe-core';
import type { SearchPage } from '../../domain/search';
import { SEARCH_DEBOUNCE, SearchBox } from './search-box';
import { searchResult } from './search-results.spec';
import { provideAppIcons } from '../shell/icons';

@Component({ template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class Blank {}

describe('SearchBox', () => {
  const shells = searchResult({
    snippet: '…has shipped nearly five million artillery shells to Russia.',
    highlights: [[33, 49]],
  });
  const article = searchResult({
    type: 'article',
    claimId: undefined,
    title: 'Putin to visit North Korea',
    field: 'text',
    snippet: '…reports of artillery shells sent…',
    highlights: [[12, 28]],
  });
  const note = searchResult({
    type: 'note',
    noteId: 'n1',
    field: 'text',
    snippet: 'Called about the artillery shells.',
    highlights: [[17, 33]],
  });

  async function render() {
    TestBed.configureTestingModule({
      providers: [
        provideAppIcons(),
        provideRouter([{ path: 'articles/:articleId', component: Blank }]),
        provideHttpClient(),
        provideHttpClientTesting(),
        { provide: SEARCH_DEBOUNCE, useValue: 0 },
      ],
    });
    const fixture = TestBed.createComponent(SearchBox);
    document.body.appendChild(fixture.nativeElement);
    await fixture.whenStable();
    const http = TestBed.inject(HttpTestingController);
    const input = fixture.nativeElement.querySelector('input') as HTMLInputElement;
    const settle = async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      await fixture.whenStable();
    };
    /** The search request, once the box has sent it (it waits for typing to pause). */
    const requested = async () => {
      for (let waited = 0; waited < 2000; waited += 10) {
        await settle();
        const found = http.match((r) => r.url === '/api/search');
        if (found.length > 0) {
          expect(found.length).toBe(1);
          return found[0];
        }
      }
      return http.expectOne((r) => r.url === '/api/search');
    };
    const type = async (text: string, answer: SearchPage) => {
      input.focus();
      input.value = text;
      input.dispatchEvent(new Event('input'));
      const request = await requested();
      expect(request.request.params.get('q')).toBe(text);
      request.flush(answer);
      await settle();
    };
    const press = async (key: string, init: KeyboardEventInit = {}) => {
      input.dispatchEvent(new KeyboardEvent('keydown', { key, bubbles: true, ...init }));
      await settle();
    };
    const options = () =>
      [...fixture.nativeElement.querySelectorAll('[role="option"]')] as HTMLElement[];
    return { fixture, http, input, type, press, options, settle, requested };
  }

  afterEach(() => {
    TestBed.inject(HttpTestingController).verify();
    document.querySelectorAll('cd-search-box, [ng-version]').forEach((node) => node.remove());
  });

  it('shows results grouped by kind, the matched words marked from the offsets', async () => {
    const { type, fixture, input } = await render();
    await type('artillery shells', { items: [shells, note, article], nextCursor: null });
    const host = fixture.nativeElement as HTMLElement;
    expect(input.getAttribute('aria-expanded')).toBe('true');
    const groups = [...host.querySelectorAll('[role="group"]')].map((group) =>
      group.querySelector('.group-label')?.textContent?.trim(),
    );
    expect(groups).toEqual(['Claims', 'Notes', 'Articles']);
    const marks = [...host.querySelectorAll('[role="option"] mark')].map((m) => m.textContent);
    expect(marks).toEqual(['artillery shells', 'artillery shells', 'artillery shells']);
    expect(host.querySelector('[data-testid="search-status"]')?.textContent).toContain('3 results');
  });

  it('never renders the snippet as HTML', async () => {
    const { type, fixture } = await render();
    const html = searchResult({ snippet: '<img src=x onerror=alert(1)> shells', highlights: [] });
    await type('shells', { items: [html], nextCursor: null });
    const host = fixture.nativeElement as HTMLElement;
    expect(host.querySelector('img')).toBeNull();
    expect(host.querySelector('.snippet')?.textContent).toContain('<img src=x');
  });

  it('keeps the snippet’s own text exactly, and marks a match in the title there', async () => {
    const { type, fixture } = await render();
    const inBrackets = searchResult({
      snippet: 'shipped (artillery) shells',
      highlights: [[9, 18]],
    });
    const inTitle = searchResult({
      claimId: 'c2',
      title: 'Artillery shells were shipped.',
      snippet: 'Artillery shells were shipped.',
      highlights: [[0, 16]],
    });
    await type('artillery', { items: [inBrackets, inTitle], nextCursor: null });
    const [first, second] = [
      ...(fixture.nativeElement as HTMLElement).querySelectorAll('[role="option"]'),
    ];
    expect(first.querySelector('.snippet')?.textContent).toBe('shipped (artillery) shells');
    expect(second.querySelector('.snippet')).toBeNull();
    expect(second.querySelector('.title')?.textContent).toBe('Artillery shells were shipped.');
    expect(second.querySelector('.title mark')?.textContent).toBe('Artillery shells');
  });

  it('moves through the results with the arrows and opens the active one with Enter', async () => {
    const { type, press, input, options } = await render();
    const router = TestBed.inject(Router);
    const navigate = spyOn(router, 'navigate').and.resolveTo(true);
    await type('artillery', { items: [shells, article], nextCursor: null });
    await press('ArrowDown');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0].id);
    expect(options()[0].getAttribute('aria-selected')).toBe('true');
    await press('ArrowDown');
    await press('ArrowDown');
    // Wraps round to the first.
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[0].id);
    await press('ArrowUp');
    expect(input.getAttribute('aria-activedescendant')).toBe(options()[1].id);
    await press('Enter');
    expect(navigate).toHaveBeenCalledOnceWith(['/articles', 'putin-visit'], { queryParams: {} });
    expect(input.getAttribute('aria-expanded')).toBe('false');
  });

  it('opens a claim in its article', async () => {
    const { type, options, settle } = await render();
    const router = TestBed.inject(Router);
    await type('artillery', { items: [shells], nextCursor: null });
    options()[0].click();
    await settle();
    expect(router.url).toBe('/articles/putin-visit?claim=c1');
  });

  it('closes on Escape, then empties the box on a second', async () => {
    const { type, press, input, fixture } = await render();
    await type('artillery', { items: [shells], nextCursor: null });
    await press('Escape');
    expect(input.getAttribute('aria-expanded')).toBe('false');
    expect((fixture.nativeElement as HTMLElement).querySelector('[role="listbox"]')).toBeNull();
    expect(input.value).toBe('artillery');
    await press('Escape');
    expect(input.value).toBe('');
  });

  it('is focused by Ctrl+K from anywhere', async () => {
    const { input, settle } = await render();
    document.body.focus();
    const event = new KeyboardEvent('keydown', { key: 'k', ctrlKey: true, cancelable: true });
    document.dispatchEvent(event);
    await settle();
    expect(document.activeElement).toBe(input);
    expect(event.defaultPrevented).toBeTrue();
  });

  it('says when nothing is found or the search failed', async () => {
    const { type, fixture, input, settle, requested } = await render();
    await type('zeppelin', { items: [], nextCursor: null });
    const status = () =>
      (fixture.nativeElement as HTMLElement).querySelector('[data-testid="search-status"]')
        ?.textContent;
    expect(status()).toContain('Nothing found for “zeppelin”.');
    input.value = 'quokka';
    input.dispatchEvent(new Event('input'));
    (await requested()).flush(null, { status: 500, statusText: 'Server error' });
    await settle();
    expect(status()).toContain('Search failed');
  });

  it('passes axe with results shown', async () => {
    const { type, press, fixture } = await render();
    await type('artillery', { items: [shells, note, article], nextCursor: null });
    await press('ArrowDown');
    const result = await axe.run(fixture.nativeElement as HTMLElement, {
      rules: { region: { enabled: false } },
    });
    expect(result.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
  });
});
