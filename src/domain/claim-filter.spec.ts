import {
  applyFilter,
  compareArticleOrder,
  EMPTY_FILTER,
  FilterableClaim,
  filterFromQuery,
  filterToQuery,
  isFiltered,
} from './claim-filter';

function claim(overrides: Partial<FilterableClaim> & Pick<FilterableClaim, 'id'>): FilterableClaim {
  return {
    start: 0,
    end: 10,
    quote: 'a quote',
    statement: 'a statement',
    rationale: null,
    kind: 'figure',
    stage: 'new',
    verdict: null,
    assignee: null,
    evidenceCount: 0,
    noteCount: 0,
    updatedAt: '2026-11-28T10:00:00.000Z',
    ...overrides,
  };
}

describe('claim filter (shared by the dashboard and the server)', () => {
  const claims = [
    claim({ id: 'p', start: 0, end: 40, quote: 'The port spent 40 million', stage: 'approved' }),
    claim({ id: 'q', start: 0, end: 12, quote: 'The port', rationale: 'Audit of 2024 accounts' }),
    claim({ id: 'r', start: 50, end: 60, quote: 'Ridership rose', stage: 'in_review' }),
  ];
  const notes = new Map([
    ['r', 'Called the Transport Authority; awaiting the spreadsheet'],
    ['p', ''],
  ]);
  const noteText = (c: FilterableClaim) => notes.get(c.id);
  const ids = (list: readonly FilterableClaim[]) => list.map((c) => c.id);

  it('orders claims by start, a containing claim first, then by id', () => {
    const shuffled = [claims[2], claims[1], claims[0]];
    expect(ids([...shuffled].sort(compareArticleOrder))).toEqual(['p', 'q', 'r']);
  });

  it('searches rationale, and note text only where the caller gives it', () => {
    expect(ids(applyFilter(claims, { ...EMPTY_FILTER, query: 'audit 2024' }, null))).toEqual(['q']);
    const query = { ...EMPTY_FILTER, query: 'spreadsheet' };
    expect(applyFilter(claims, query, null)).toEqual([]);
    expect(ids(applyFilter(claims, query, null, noteText))).toEqual(['r']);
  });

  it('needs every word, each in the claim text or its notes', () => {
    const both = { ...EMPTY_FILTER, query: 'ridership TRANSPORT' };
    expect(ids(applyFilter(claims, both, null, noteText))).toEqual(['r']);
    const oneMissing = { ...EMPTY_FILTER, query: 'ridership ferry' };
    expect(applyFilter(claims, oneMissing, null, noteText)).toEqual([]);
  });

  it('writes only the parameters a filter sets, and reads them back', () => {
    expect(filterToQuery(EMPTY_FILTER)).toEqual({});
    const filter = {
      ...EMPTY_FILTER,
      stages: ['approved', 'in_review'] as const,
      verdicts: ['none', 'false'] as const,
      kinds: ['event'] as const,
      query: ' port ',
      sort: 'updated' as const,
      descending: true,
    };
    const query = filterToQuery(filter);
    expect(query).toEqual({
      stage: 'approved,in_review',
      verdict: 'none,false',
      kind: 'event',
      q: 'port',
      sort: 'updated',
      dir: 'desc',
    });
    expect(filterFromQuery(query)).toEqual({ ...filter, query: 'port' });
    expect(isFiltered(filterFromQuery(query))).toBeTrue();
    expect(isFiltered(filterFromQuery({ sort: 'stage', dir: 'desc' }))).toBeFalse();
  });

  it('sorts by due date, soonest first, with the claims without one last either way', () => {
    const due = [
      claim({ id: 'none', start: 0 }),
      claim({ id: 'late', start: 10, dueAt: '2026-12-09T17:00:00.000Z' }),
      claim({ id: 'soon', start: 20, dueAt: '2026-12-05T09:00:00.000Z' }),
    ];
    const sorted = (descending: boolean) =>
      ids(applyFilter(due, { ...EMPTY_FILTER, sort: 'due', descending }, null));
    expect(sorted(false)).toEqual(['soon', 'late', 'none']);
    expect(sorted(true)).toEqual(['late', 'soon', 'none']);
    expect(filterFromQuery({ sort: 'due' }).sort).toBe('due');
  });
});
