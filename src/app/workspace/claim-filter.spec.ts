import { applyFilter, EMPTY_FILTER, filterFromParams, filterToParams } from './claim-filter';
import { claimFixture } from './state/claims.feature.spec';

describe('claim filter', () => {
  // In article order, as the store keeps them.
  const claims = [
    claimFixture({
      id: 'b',
      start: 10,
      end: 20,
      stage: 'in_review',
      verdict: 'false',
      kind: 'figure',
      assignee: 'casey',
      quote: 'five million shells',
      statement: 'North Korea shipped shells',
      evidenceCount: 3,
    }),
    claimFixture({
      id: 'a',
      start: 30,
      end: 40,
      stage: 'new',
      verdict: null,
      kind: 'event',
      assignee: null,
      quote: 'Kremlin confirmed it',
      statement: 'The Kremlin confirmed the visit',
    }),
    claimFixture({
      id: 'c',
      start: 50,
      end: 60,
      stage: 'approved',
      verdict: 'true',
      kind: 'figure',
      assignee: 'robin',
      quote: 'Putin’s second visit',
      statement: 'Second visit',
      evidenceCount: 1,
    }),
  ];

  it('round-trips through the URL and ignores values it does not know', () => {
    const filter = {
      ...EMPTY_FILTER,
      stages: ['in_review', 'approved'] as const,
      verdicts: ['none'] as const,
      mine: true,
      query: 'shells',
      sort: 'evidence' as const,
      descending: true,
    };
    const params = filterToParams(filter);
    expect(params).toEqual({
      stage: 'in_review,approved',
      verdict: 'none',
      kind: null,
      mine: '1',
      q: 'shells',
      sort: 'evidence',
      dir: 'desc',
    });
    expect(filterFromParams(params)).toEqual(filter);
    expect(filterFromParams({ stage: 'in_review,bogus', sort: 'drop table' })).toEqual({
      ...EMPTY_FILTER,
      stages: ['in_review'],
    });
  });

  it('shows every claim in article order when nothing is set, and can reverse it', () => {
    expect(applyFilter(claims, EMPTY_FILTER, null).map((c) => c.id)).toEqual(['b', 'a', 'c']);
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, descending: true }, null).map((c) => c.id),
    ).toEqual(['c', 'a', 'b']);
  });

  it('filters by stage, verdict (including none), kind and assignee', () => {
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, stages: ['new', 'approved'] }, null).map((c) => c.id),
    ).toEqual(['a', 'c']);
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, verdicts: ['none'] }, null).map((c) => c.id),
    ).toEqual(['a']);
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, kinds: ['figure'] }, null).map((c) => c.id),
    ).toEqual(['b', 'c']);
    expect(applyFilter(claims, { ...EMPTY_FILTER, mine: true }, 'robin').map((c) => c.id)).toEqual([
      'c',
    ]);
    expect(applyFilter(claims, { ...EMPTY_FILTER, mine: true }, null)).toEqual([]);
  });

  it('searches quote and statement by every word, ignoring case and curly quotes', () => {
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, query: 'KREMLIN visit' }, null).map((c) => c.id),
    ).toEqual(['a']);
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, query: "putin's" }, null).map((c) => c.id),
    ).toEqual(['c']);
  });

  it('sorts by a column either way, ties in article order', () => {
    expect(
      applyFilter(claims, { ...EMPTY_FILTER, sort: 'evidence', descending: true }, null).map(
        (c) => c.id,
      ),
    ).toEqual(['b', 'c', 'a']);
    expect(applyFilter(claims, { ...EMPTY_FILTER, sort: 'stage' }, null).map((c) => c.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
