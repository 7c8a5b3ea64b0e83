import { EMPTY_FILTER } from '../../../domain/claim-filter';
import { SessionUser } from '../../session/session-api';
import { claimsFeature } from './claims.feature';
import { claimFixture } from './claims.feature.spec';

/** What the table shows for a filter: the memoised selector over the claims in article order. */
describe('visible claims', () => {
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

  const visible = (filter: typeof EMPTY_FILTER, me: string | null) =>
    claimsFeature.selectVisibleClaims.projector(
      claims,
      filter,
      me === null ? null : ({ username: me } as SessionUser),
      {},
    );

  it('shows every claim in article order when nothing is set, and can reverse it', () => {
    expect(visible(EMPTY_FILTER, null).map((c) => c.id)).toEqual(['b', 'a', 'c']);
    expect(visible({ ...EMPTY_FILTER, descending: true }, null).map((c) => c.id)).toEqual([
      'c',
      'a',
      'b',
    ]);
  });

  it('filters by stage, verdict (including none), kind and assignee', () => {
    expect(
      visible({ ...EMPTY_FILTER, stages: ['new', 'approved'] }, null).map((c) => c.id),
    ).toEqual(['a', 'c']);
    expect(visible({ ...EMPTY_FILTER, verdicts: ['none'] }, null).map((c) => c.id)).toEqual(['a']);
    expect(visible({ ...EMPTY_FILTER, kinds: ['figure'] }, null).map((c) => c.id)).toEqual([
      'b',
      'c',
    ]);
    expect(visible({ ...EMPTY_FILTER, mine: true }, 'robin').map((c) => c.id)).toEqual(['c']);
    expect(visible({ ...EMPTY_FILTER, mine: true }, null)).toEqual([]);
  });

  it('searches quote and statement by every word, ignoring case and curly quotes', () => {
    expect(visible({ ...EMPTY_FILTER, query: 'KREMLIN visit' }, null).map((c) => c.id)).toEqual([
      'a',
    ]);
    expect(visible({ ...EMPTY_FILTER, query: "putin's" }, null).map((c) => c.id)).toEqual(['c']);
  });

  it('sorts by a column either way, ties in article order', () => {
    expect(
      visible({ ...EMPTY_FILTER, sort: 'evidence', descending: true }, null).map((c) => c.id),
    ).toEqual(['b', 'c', 'a']);
    expect(visible({ ...EMPTY_FILTER, sort: 'stage' }, null).map((c) => c.id)).toEqual([
      'a',
      'b',
      'c',
    ]);
  });
});
