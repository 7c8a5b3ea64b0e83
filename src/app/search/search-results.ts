/**
 * What the search box shows as the person types: a query once typing pauses, the
 * previous answer dropped when a newer query starts (switchMap), a failure said and
 * the box still working for the next query (catchError inside the inner stream).
 */
import { HttpErrorResponse } from '@angular/common/http';
import {
  type Observable,
  type SchedulerLike,
  asyncScheduler,
  catchError,
  debounceTime,
  distinctUntilChanged,
  map,
  of,
  startWith,
  switchMap,
} from 'rxjs';
import {
  SEARCH_TYPES,
  type SearchPage,
  type SearchResult,
  type SearchType,
} from '../../domain/search';

/** Fewer characters than this search nothing: one letter matches half the desk. */
export const SEARCH_MIN_LENGTH = 2;
export const SEARCH_DEBOUNCE_MS = 250;

export type SearchState =
  | { readonly status: 'idle'; readonly query: '' }
  | { readonly status: 'loading'; readonly query: string }
  | { readonly status: 'done'; readonly query: string; readonly page: SearchPage }
  | { readonly status: 'failed'; readonly query: string; readonly error: string };

export const IDLE: SearchState = { status: 'idle', query: '' };

export function searchStates(
  typed: Observable<string>,
  fetch: (query: string) => Observable<SearchPage>,
  debounceMs = SEARCH_DEBOUNCE_MS,
  scheduler: SchedulerLike = asyncScheduler,
): Observable<SearchState> {
  return typed.pipe(
    map((text) => text.trim()),
    debounceTime(debounceMs, scheduler),
    distinctUntilChanged(),
    switchMap((query) =>
      query.length < SEARCH_MIN_LENGTH
        ? of(IDLE)
        : fetch(query).pipe(
            map((page): SearchState => ({ status: 'done', query, page })),
            catchError((error: unknown) =>
              of<SearchState>({ status: 'failed', query, error: failureText(error) }),
            ),
            startWith<SearchState>({ status: 'loading', query }),
          ),
    ),
  );
}

function failureText(error: unknown): string {
  if (error instanceof HttpErrorResponse) {
    if (error.status === 0) {
      return 'Search is unreachable: check the connection.';
    }
    const detail = (error.error as { detail?: unknown } | null)?.detail;
    if (error.status === 400 && typeof detail === 'string') {
      return 'Search could not read that: try other words.';
    }
  }
  return 'Search failed: try again.';
}

/** What the box says of a search, shown and read out: "Searching…", "3 results." … */
export function statusWording(state: SearchState): string {
  switch (state.status) {
    case 'idle':
      return '';
    case 'loading':
      return 'Searching…';
    case 'failed':
      return state.error;
    case 'done': {
      const count = state.page.items.length;
      if (count === 0) {
        return `Nothing found for “${state.query}”.`;
      }
      const more = state.page.nextCursor !== null ? ': the best shown, add words to narrow' : '';
      return `${count} ${count === 1 ? 'result' : 'results'}${more}.`;
    }
  }
}

export interface SearchGroup {
  readonly type: SearchType;
  readonly items: readonly SearchResult[];
}

/** Results by kind, the kinds in the order of their best result, each kept in rank order. */
export function groupResults(items: readonly SearchResult[]): SearchGroup[] {
  const order: SearchType[] = [];
  for (const item of items) {
    if (!order.includes(item.type)) {
      order.push(item.type);
    }
  }
  return order
    .filter((type) => SEARCH_TYPES.includes(type))
    .map((type) => ({ type, items: items.filter((item) => item.type === type) }));
}

export interface SnippetPart {
  readonly text: string;
  readonly marked: boolean;
}

/** The snippet in plain and marked parts, from the server's offsets (never HTML). */
export function snippetParts(
  snippet: string,
  highlights: readonly (readonly [number, number])[],
): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let at = 0;
  const ranges = [...highlights]
    .filter(([start, end]) => start >= 0 && end > start && end <= snippet.length)
    .sort((a, b) => a[0] - b[0]);
  for (const [start, end] of ranges) {
    if (start < at) {
      continue;
    }
    if (start > at) {
      parts.push({ text: snippet.slice(at, start), marked: false });
    }
    parts.push({ text: snippet.slice(start, end), marked: true });
    at = end;
  }
  if (at < snippet.length) {
    parts.push({ text: snippet.slice(at), marked: false });
  }
  return parts;
}

/** Where a result opens: the article, with the claim open; a note or evidence item within it. */
export interface SearchTarget {
  readonly commands: readonly string[];
  readonly queryParams: Readonly<Record<string, string>>;
  /** The element to bring into view once the claim is shown. */
  readonly reveal: string | null;
}

export function targetOf(result: SearchResult): SearchTarget {
  const commands = ['/articles', result.articleId];
  const claim: Record<string, string> =
    result.claimId !== undefined ? { claim: result.claimId } : {};
  const reveal =
    result.noteId !== undefined
      ? `[data-note-id="${CSS.escape(result.noteId)}"]`
      : result.evidenceId !== undefined
        ? `[data-evidence-id="${CSS.escape(result.evidenceId)}"]`
        : null;
  return { commands, queryParams: claim, reveal };
}
