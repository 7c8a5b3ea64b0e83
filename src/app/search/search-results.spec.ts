import { HttpErrorResponse } from '@angular/common/http';
import { TestScheduler } from 'rxjs/testing';
import type { SearchPage, SearchResult } from '../../domain/search';
import {
  IDLE,
  type SearchState,
  groupResults,
  searchStates,
  snippetParts,
  targetOf,
} from './search-results';

export function searchResult(overrides: Partial<SearchResult> = {}): SearchResult {
  return {
    type: 'claim',
    articleId: 'putin-visit',
    articleHeadline: 'Putin to visit North Korea',
    claimId: 'c1',
    title: 'North Korea has shipped nearly five million artillery shells to Russia.',
    field: 'statement',
    snippet: 'North Korea has shipped nearly five million artillery shells to Russia.',
    highlights: [[44, 60]],
    score: 3.5,
    ...overrides,
  };
}

describe('search as you type', () => {
  let scheduler: TestScheduler;
  const page = (...items: SearchResult[]): SearchPage => ({ items, nextCursor: null });
  const shells = page(searchResult());

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  it('searches once typing pauses, not on every key', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const typed = hot('-a 50ms b 50ms c', { a: 'ar', b: 'art', c: 'artillery' });
      const fetch = jasmine.createSpy('fetch').and.returnValue(cold('--p|', { p: shells }));
      // "artillery" at frame 103, quiet for 250 ms: one request, loading then the answer.
      expectObservable(searchStates(typed, fetch, 250, scheduler)).toBe('353ms l-d', {
        l: { status: 'loading', query: 'artillery' } satisfies SearchState,
        d: { status: 'done', query: 'artillery', page: shells } satisfies SearchState,
      });
      scheduler.flush();
      expect(fetch).toHaveBeenCalledOnceWith('artillery');
    });
  });

  it('drops the answer to an older query when a newer one starts', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const typed = hot('-a 300ms b', { a: 'shells', b: 'grain' });
      const fetch = jasmine
        .createSpy('fetch')
        .and.returnValues(cold('500ms p|', { p: shells }), cold('-q|', { q: page() }));
      expectObservable(searchStates(typed, fetch, 250, scheduler)).toBe('251ms s 300ms ge', {
        s: { status: 'loading', query: 'shells' },
        g: { status: 'loading', query: 'grain' },
        e: { status: 'done', query: 'grain', page: page() },
      });
    });
  });

  it('says a failure and goes on searching; short or repeated queries ask nothing', () => {
    const offline = new HttpErrorResponse({ status: 0 });
    scheduler.run(({ hot, cold, expectObservable }) => {
      const typed = hot('-a 300ms b 300ms c 300ms d', {
        a: 'shells',
        b: ' shells ',
        c: 'x',
        d: 'grain',
      });
      const fetch = jasmine
        .createSpy('fetch')
        .and.returnValues(cold('-#', undefined, offline), cold('-q|', { q: page() }));
      expectObservable(searchStates(typed, fetch, 250, scheduler)).toBe(
        '251ms lf 600ms i 300ms mq',
        {
          l: { status: 'loading', query: 'shells' },
          f: {
            status: 'failed',
            query: 'shells',
            error: 'Search is unreachable: check the connection.',
          },
          i: IDLE,
          m: { status: 'loading', query: 'grain' },
          q: { status: 'done', query: 'grain', page: page() },
        },
      );
    });
  });
});

describe('search results', () => {
  it('groups by kind in the order of each kind’s best result', () => {
    const article = searchResult({ type: 'article', claimId: undefined, score: 5 });
    const claim1 = searchResult({ claimId: 'c1', score: 4 });
    const note = searchResult({ type: 'note', noteId: 'n1', score: 3 });
    const claim2 = searchResult({ claimId: 'c2', score: 2 });
    expect(groupResults([article, claim1, note, claim2])).toEqual([
      { type: 'article', items: [article] },
      { type: 'claim', items: [claim1, claim2] },
      { type: 'note', items: [note] },
    ]);
  });

  it('splits a snippet into plain and marked parts by offsets, ignoring bad ones', () => {
    expect(
      snippetParts('…the artillery shells were', [
        [10, 12],
        [5, 21],
        [-1, 2],
        [30, 40],
      ]),
    ).toEqual([
      { text: '…the ', marked: false },
      { text: 'artillery shells', marked: true },
      { text: ' were', marked: false },
    ]);
    expect(snippetParts('<b>x</b>', [])).toEqual([{ text: '<b>x</b>', marked: false }]);
  });

  it('opens each kind where it points', () => {
    expect(targetOf(searchResult({ type: 'article', claimId: undefined }))).toEqual({
      commands: ['/articles', 'putin-visit'],
      queryParams: {},
      reveal: null,
    });
    expect(targetOf(searchResult())).toEqual({
      commands: ['/articles', 'putin-visit'],
      queryParams: { claim: 'c1' },
      reveal: null,
    });
    expect(targetOf(searchResult({ type: 'note', noteId: 'n 1' })).reveal).toBe(
      '[data-note-id="n\\ 1"]',
    );
    expect(targetOf(searchResult({ type: 'evidence', evidenceId: 'e1' }))).toEqual({
      commands: ['/articles', 'putin-visit'],
      queryParams: { claim: 'c1' },
      reveal: '[data-evidence-id="e1"]',
    });
  });
});
