import { statsFixture } from '../stats-data.spec';
import { OverviewPageActions } from './overview.actions';
import { StatsApiActions } from './stats.actions';
import { initialStatsState, statsFeature } from './stats.feature';

const { reducer } = statsFeature;

describe('stats reducer', () => {
  const stats = statsFixture();

  it('holds the numbers of the article shown, and drops another’s that arrive late', () => {
    let state = reducer(initialStatsState, OverviewPageActions.opened({ articleId: 'a1' }));
    expect(state.loading).toBeTrue();
    state = reducer(state, StatsApiActions.statsLoaded({ articleId: 'a1', stats }));
    expect(state.stats).toBe(stats);
    state = reducer(state, OverviewPageActions.opened({ articleId: 'a2' }));
    expect(state.stats).toBeNull();
    state = reducer(state, StatsApiActions.statsLoaded({ articleId: 'a1', stats }));
    expect(state.stats).toBeNull();
  });

  it('keeps the numbers shown while they reload, and says why they failed', () => {
    let state = reducer(initialStatsState, OverviewPageActions.opened({ articleId: 'a1' }));
    state = reducer(state, StatsApiActions.statsLoaded({ articleId: 'a1', stats }));
    state = reducer(state, OverviewPageActions.retryClicked({ articleId: 'a1' }));
    expect(state.stats).toBe(stats);
    state = reducer(state, StatsApiActions.statsFailed({ articleId: 'a1', error: 'Offline.' }));
    expect(state).toEqual({ articleId: 'a1', stats, loading: false, error: 'Offline.' });
  });

  it('forgets the article once the overview is left', () => {
    let state = reducer(initialStatsState, OverviewPageActions.opened({ articleId: 'a1' }));
    state = reducer(state, OverviewPageActions.closed({ articleId: 'a1' }));
    expect(state).toEqual(initialStatsState);
  });
});
