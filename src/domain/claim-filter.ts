/**
 * The claims table's filter, search and sort: plain data that travels as URL
 * query parameters, and the predicate and order that apply it.
 *
 * Pure TypeScript with no Angular or Node imports: the dashboard applies it to
 * the claims table and the server to reports, so that "the current filter"
 * selects exactly the same claims on both sides.
 */
import { CLAIM_KINDS, ClaimKind, ClaimSummary } from './claim';
import { VERDICTS, Verdict } from './verdicts';
import { STAGES, Stage } from './workflow';

export const SORT_KEYS = [
  'position',
  'quote',
  'statement',
  'stage',
  'verdict',
  'assignee',
  'evidence',
  'notes',
  'updated',
  // Claims without a due date come last, whichever the direction.
  'due',
] as const;
export type SortKey = (typeof SORT_KEYS)[number];

export interface ClaimFilter {
  readonly stages: readonly Stage[];
  readonly verdicts: readonly (Verdict | 'none')[];
  readonly kinds: readonly ClaimKind[];
  readonly mine: boolean;
  readonly query: string;
  readonly sort: SortKey;
  readonly descending: boolean;
}

export const EMPTY_FILTER: ClaimFilter = {
  stages: [],
  verdicts: [],
  kinds: [],
  mine: false,
  query: '',
  sort: 'position',
  descending: false,
};

/**
 * The query parameters of a filter. Lists are comma-separated (`stage=new,approved`),
 * `verdict=none` means "no verdict yet", `mine=1` "assigned to me", `dir=desc` reverses.
 */
export const FILTER_PARAMS = ['stage', 'verdict', 'kind', 'mine', 'q', 'sort', 'dir'] as const;
export type FilterParam = (typeof FILTER_PARAMS)[number];
/** The parameters a filter sets; a parameter at its default is absent. */
export type FilterQuery = Partial<Record<FilterParam, string>>;

export const VERDICT_FILTER_VALUES = [...VERDICTS, 'none'] as const;

function listParam<T extends string>(value: unknown, allowed: readonly T[]): T[] {
  const raw = typeof value === 'string' ? value.split(',') : [];
  return raw.filter((item): item is T => (allowed as readonly string[]).includes(item));
}

/** Reads a filter from query parameters, ignoring values it does not know. */
export function filterFromQuery(params: Readonly<Record<string, unknown>>): ClaimFilter {
  const sort = params['sort'];
  return {
    stages: listParam(params['stage'], STAGES),
    verdicts: listParam(params['verdict'], VERDICT_FILTER_VALUES),
    kinds: listParam(params['kind'], CLAIM_KINDS),
    mine: params['mine'] === '1',
    query: typeof params['q'] === 'string' ? params['q'] : '',
    sort:
      typeof sort === 'string' && (SORT_KEYS as readonly string[]).includes(sort)
        ? (sort as SortKey)
        : 'position',
    descending: params['dir'] === 'desc',
  };
}

export function filterToQuery(filter: ClaimFilter): FilterQuery {
  const query: FilterQuery = {};
  if (filter.stages.length) query.stage = filter.stages.join(',');
  if (filter.verdicts.length) query.verdict = filter.verdicts.join(',');
  if (filter.kinds.length) query.kind = filter.kinds.join(',');
  if (filter.mine) query.mine = '1';
  const q = filter.query.trim();
  if (q) query.q = q;
  if (filter.sort !== 'position') query.sort = filter.sort;
  if (filter.descending) query.dir = 'desc';
  return query;
}

/** Two lists of the same values in the same order. */
export function sameValues(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((value, i) => value === b[i]);
}

/** Two filters that select and order the same claims, whatever their search query. */
export function sameFilterBesidesQuery(a: ClaimFilter, b: ClaimFilter): boolean {
  return (
    sameValues(a.stages, b.stages) &&
    sameValues(a.verdicts, b.verdicts) &&
    sameValues(a.kinds, b.kinds) &&
    a.mine === b.mine &&
    a.sort === b.sort &&
    a.descending === b.descending
  );
}

/** Two filters that select and order the same claims: every field equal. */
export function sameFilter(a: ClaimFilter, b: ClaimFilter): boolean {
  return a.query === b.query && sameFilterBesidesQuery(a, b);
}

export function isFiltered(filter: ClaimFilter): boolean {
  return (
    filter.stages.length + filter.verdicts.length + filter.kinds.length > 0 ||
    filter.mine ||
    filter.query.trim() !== ''
  );
}

/** What the filter reads of a claim: the API's claim summary, or any record with these fields. */
export type FilterableClaim = Pick<
  ClaimSummary,
  | 'id'
  | 'start'
  | 'end'
  | 'quote'
  | 'statement'
  | 'rationale'
  | 'kind'
  | 'stage'
  | 'verdict'
  | 'assignee'
  | 'evidenceCount'
  | 'noteCount'
  | 'updatedAt'
> & {
  /** Only for sorting by due date; a row without it sorts as having none. */
  readonly dueAt?: string | null;
};

/** The text of a claim's notes for search, or undefined where it is not known. */
export type NoteTextOf<T> = (claim: T) => string | undefined;

/** Article order: by start, a longer claim before one it contains, then by id. */
export function compareArticleOrder(a: FilterableClaim, b: FilterableClaim): number {
  return a.start - b.start || b.end - a.end || a.id.localeCompare(b.id);
}

function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[’‘]/g, "'")
    .toLowerCase();
}

/**
 * The searchable text of a claim, normalised once per claim object: entity
 * updates replace the object, so the cache never serves stale text, and a
 * keystroke in the search box costs a substring test per claim, no more.
 */
const haystacks = new WeakMap<FilterableClaim, string>();

export function haystackOf(claim: FilterableClaim): string {
  let text = haystacks.get(claim);
  if (text === undefined) {
    text = normalise(`${claim.quote} ${claim.statement} ${claim.rationale ?? ''}`);
    haystacks.set(claim, text);
  }
  return text;
}

const STAGE_ORDER = new Map(STAGES.map((stage, index) => [stage, index]));
const VERDICT_ORDER = new Map(VERDICTS.map((verdict, index) => [verdict, index]));

function compare(a: FilterableClaim, b: FilterableClaim, key: SortKey): number {
  switch (key) {
    case 'position':
      return a.start - b.start || b.end - a.end;
    case 'quote':
      return a.quote.localeCompare(b.quote);
    case 'statement':
      return a.statement.localeCompare(b.statement);
    case 'stage':
      return (STAGE_ORDER.get(a.stage) ?? 0) - (STAGE_ORDER.get(b.stage) ?? 0);
    case 'verdict':
      return (
        (a.verdict ? (VERDICT_ORDER.get(a.verdict) ?? 0) : 99) -
        (b.verdict ? (VERDICT_ORDER.get(b.verdict) ?? 0) : 99)
      );
    case 'assignee':
      return (a.assignee ?? '\uffff').localeCompare(b.assignee ?? '\uffff');
    case 'evidence':
      return a.evidenceCount - b.evidenceCount;
    case 'notes':
      return a.noteCount - b.noteCount;
    case 'updated':
      return a.updatedAt.localeCompare(b.updatedAt);
    case 'due':
      return dueTime(a) - dueTime(b);
  }
}

/** A due time for sorting; the claims without one are set apart by `withoutDueLast`. */
function dueTime(claim: FilterableClaim): number {
  const at = claim.dueAt ? Date.parse(claim.dueAt) : NaN;
  return Number.isNaN(at) ? 0 : at;
}

function withoutDueLast(a: FilterableClaim, b: FilterableClaim): number {
  return Number(!a.dueAt) - Number(!b.dueAt);
}

/**
 * Whether every term is in the claim's text or in its notes. A keystroke tests
 * every claim: no array or closure per claim, and notes normalised only for a
 * claim whose own text lacks a term.
 */
export function matchesTerms<T extends FilterableClaim>(
  claim: T,
  terms: readonly string[],
  noteText: NoteTextOf<T> | undefined,
): boolean {
  const haystack = haystackOf(claim);
  let complete = true;
  for (const term of terms) {
    if (!haystack.includes(term)) {
      complete = false;
      break;
    }
  }
  if (complete) return true;
  // A term has no whitespace, so matching the claim's text or its notes is
  // matching the two joined.
  const notes = noteText?.(claim);
  if (!notes) return false;
  const noteHaystack = normalise(notes);
  for (const term of terms) {
    if (!haystack.includes(term) && !noteHaystack.includes(term)) return false;
  }
  return true;
}

/** The words of a search, normalised as the claims' text is: every one must be found. */
export function searchTerms(query: string): string[] {
  return normalise(query).split(/\s+/).filter(Boolean);
}

/** Whether a claim passes the filter's stages, verdicts, kinds and "assigned to me". */
export function passesFields(
  claim: FilterableClaim,
  filter: ClaimFilter,
  me: string | null,
): boolean {
  if (filter.stages.length && !filter.stages.includes(claim.stage)) return false;
  if (filter.verdicts.length && !filter.verdicts.includes(claim.verdict ?? 'none')) return false;
  if (filter.kinds.length && !filter.kinds.includes(claim.kind)) return false;
  if (filter.mine && (me === null || claim.assignee !== me)) return false;
  return true;
}

/**
 * Claims in article order put in the filter's order. Sorts `visible` in place
 * (and returns it) unless the order is the article's.
 */
export function sortVisible<T extends FilterableClaim>(visible: T[], filter: ClaimFilter): T[] {
  if (filter.sort === 'position' && !filter.descending) {
    // The input is in article order already.
    return visible;
  }
  const direction = filter.descending ? -1 : 1;
  // Ties keep article order, so a sort never shuffles equal rows between renders.
  return visible.sort(
    (a, b) =>
      (filter.sort === 'due' ? withoutDueLast(a, b) : 0) ||
      direction * compare(a, b, filter.sort) ||
      a.start - b.start ||
      a.id.localeCompare(b.id),
  );
}

/**
 * The claims the table shows, in the order it shows them. `claims` must be in
 * article order (`compareArticleOrder`). `me` is the signed-in username, for
 * "assigned to me". The search matches every word of the query in the quote,
 * statement and rationale, and in the notes where `noteText` gives them.
 */
export function applyFilter<T extends FilterableClaim>(
  claims: readonly T[],
  filter: ClaimFilter,
  me: string | null,
  noteText?: NoteTextOf<T>,
): T[] {
  const terms = searchTerms(filter.query);
  const visible = claims.filter(
    (claim) =>
      passesFields(claim, filter, me) &&
      (terms.length === 0 || matchesTerms(claim, terms, noteText)),
  );
  return sortVisible(visible, filter);
}
