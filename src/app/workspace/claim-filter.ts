/**
 * The claims table's filter, search and sort, as plain data that lives in the
 * URL's query string, so that a link reproduces exactly what someone saw.
 */
import { Params } from '@angular/router';
import { CLAIM_KINDS, ClaimKind, ClaimSummary } from '../../domain/claim';
import { VERDICTS, Verdict } from '../../domain/verdicts';
import { STAGES, Stage } from '../../domain/workflow';

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

function listParam<T extends string>(value: unknown, allowed: readonly T[]): T[] {
  const raw = typeof value === 'string' ? value.split(',') : [];
  return raw.filter((item): item is T => (allowed as readonly string[]).includes(item));
}

export function filterFromParams(params: Params): ClaimFilter {
  const sort = params['sort'];
  return {
    stages: listParam(params['stage'], STAGES),
    verdicts: listParam(params['verdict'], [...VERDICTS, 'none'] as const),
    kinds: listParam(params['kind'], CLAIM_KINDS),
    mine: params['mine'] === '1',
    query: typeof params['q'] === 'string' ? params['q'] : '',
    sort: (SORT_KEYS as readonly string[]).includes(sort) ? (sort as SortKey) : 'position',
    descending: params['dir'] === 'desc',
  };
}

/** Query parameters for a filter; `null` removes a parameter when merged into the URL. */
export function filterToParams(filter: ClaimFilter): Params {
  const list = (values: readonly string[]) => (values.length ? values.join(',') : null);
  return {
    stage: list(filter.stages),
    verdict: list(filter.verdicts),
    kind: list(filter.kinds),
    mine: filter.mine ? '1' : null,
    q: filter.query.trim() || null,
    sort: filter.sort === 'position' ? null : filter.sort,
    dir: filter.descending ? 'desc' : null,
  };
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
const haystacks = new WeakMap<ClaimSummary, string>();

function haystackOf(claim: ClaimSummary): string {
  let text = haystacks.get(claim);
  if (text === undefined) {
    text = normalise(`${claim.quote} ${claim.statement} ${claim.rationale ?? ''}`);
    haystacks.set(claim, text);
  }
  return text;
}

const STAGE_ORDER = new Map(STAGES.map((stage, index) => [stage, index]));
const VERDICT_ORDER = new Map(VERDICTS.map((verdict, index) => [verdict, index]));

function compare(a: ClaimSummary, b: ClaimSummary, key: SortKey): number {
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
  }
}

/** The claims the table shows, in the order it shows them. */
export function applyFilter(
  claims: readonly ClaimSummary[],
  filter: ClaimFilter,
  me: string | null,
): ClaimSummary[] {
  const terms = normalise(filter.query).split(/\s+/).filter(Boolean);
  const visible = claims.filter((claim) => {
    if (filter.stages.length && !filter.stages.includes(claim.stage)) return false;
    if (filter.verdicts.length && !filter.verdicts.includes(claim.verdict ?? 'none')) return false;
    if (filter.kinds.length && !filter.kinds.includes(claim.kind)) return false;
    if (filter.mine && (me === null || claim.assignee !== me)) return false;
    if (terms.length) {
      const haystack = haystackOf(claim);
      return terms.every((term) => haystack.includes(term));
    }
    return true;
  });
  if (filter.sort === 'position' && !filter.descending) {
    // The store already keeps claims in article order.
    return visible;
  }
  const direction = filter.descending ? -1 : 1;
  // Ties keep article order, so a sort never shuffles equal rows between renders.
  return visible.sort(
    (a, b) =>
      direction * compare(a, b, filter.sort) || a.start - b.start || a.id.localeCompare(b.id),
  );
}

export function isFiltered(filter: ClaimFilter): boolean {
  return (
    filter.stages.length + filter.verdicts.length + filter.kinds.length > 0 ||
    filter.mine ||
    filter.query.trim() !== ''
  );
}
