/**
 * Search across every article (`GET /api/search`): what can be found, the answer's
 * shape and its limits. One home for the server and the dashboard.
 */

export const SEARCH_TYPES = ['article', 'claim', 'note', 'evidence'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_TYPE_LABELS: Record<SearchType, string> = {
  article: 'Articles',
  claim: 'Claims',
  note: 'Notes',
  evidence: 'Evidence',
};

/** Where in its item the snippet was cut from. */
export const SEARCH_FIELDS = [
  'headline',
  'text',
  'statement',
  'quote',
  'summary',
  'rationale',
  'claimant',
  'title',
  'publisher',
] as const;
export type SearchField = (typeof SEARCH_FIELDS)[number];

/** [start, end) offsets (UTF-16 code units, as JavaScript counts) into the snippet. */
export type SearchHighlight = readonly [number, number];

export interface SearchResult {
  readonly type: SearchType;
  readonly articleId: string;
  readonly articleHeadline: string;
  /** The claim found, or the claim the note or evidence belongs to; absent for articles. */
  readonly claimId?: string;
  readonly noteId?: string;
  readonly evidenceId?: string;
  /** Headline, statement, evidence title; for a note, the statement of its claim. */
  readonly title: string;
  readonly field: SearchField;
  /** Plain text around the match, cut at word boundaries, `…` where it was cut. */
  readonly snippet: string;
  readonly highlights: readonly SearchHighlight[];
  /** Relevance, higher is better: comparable within one answer, not across engines. */
  readonly score: number;
}

export interface SearchPage {
  readonly items: readonly SearchResult[];
  readonly nextCursor: string | null;
}

export const SEARCH_QUERY_MAX_LENGTH = 200;
/** Words, phrases and prefixes in one query; more are refused (400 naming `q`). */
export const SEARCH_TERMS_MAX = 12;
export const SEARCH_PAGE_DEFAULT = 20;
export const SEARCH_PAGE_MAX = 50;
/** Results past this many are not paged to: refine the query instead. */
export const SEARCH_OFFSET_MAX = 1000;
/** About how long a snippet is, before it is widened to whole words. */
export const SEARCH_SNIPPET_LENGTH = 160;

/** The query parameters of `GET /api/search`, as the dashboard sends them. */
export interface SearchQuery {
  readonly q: string;
  readonly type?: readonly SearchType[];
  readonly limit?: number;
  readonly cursor?: string;
  readonly archived?: boolean;
}

export function searchQueryParams(query: SearchQuery): Record<string, string> {
  const params: Record<string, string> = { q: query.q };
  if (query.type !== undefined && query.type.length > 0) {
    params['type'] = query.type.join(',');
  }
  if (query.limit !== undefined) {
    params['limit'] = String(query.limit);
  }
  if (query.cursor !== undefined) {
    params['cursor'] = query.cursor;
  }
  if (query.archived) {
    params['archived'] = '1';
  }
  return params;
}
