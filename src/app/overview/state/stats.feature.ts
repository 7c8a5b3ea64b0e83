import { createFeature, createReducer, on } from '@ngrx/store';
import { DeskStats } from '../../../domain/desk';
import { OverviewPageActions } from './overview.actions';
import { StatsApiActions } from './stats.actions';

/** The charts' numbers for the article the overview shows. */
export interface StatsState {
  readonly articleId: string | null;
  readonly stats: DeskStats | null;
  readonly loading: boolean;
  readonly error: string | null;
}

export const initialStatsState: StatsState = {
  articleId: null,
  stats: null,
  loading: false,
  error: null,
};

export const statsFeature = createFeature({
  name: 'overviewStats',
  reducer: createReducer(
    initialStatsState,
    on(
      OverviewPageActions.opened,
      OverviewPageActions.retryClicked,
      (state, { articleId }): StatsState =>
        // Another article's numbers are never shown under this one's title.
        state.articleId === articleId
          ? { ...state, loading: true, error: null }
          : { ...initialStatsState, articleId, loading: true },
    ),
    on(OverviewPageActions.closed, (state, { articleId }): StatsState =>
      state.articleId === articleId ? initialStatsState : state,
    ),
    on(StatsApiActions.statsLoaded, (state, { articleId, stats }): StatsState =>
      state.articleId === articleId ? { ...state, stats, loading: false, error: null } : state,
    ),
    on(StatsApiActions.statsFailed, (state, { articleId, error }): StatsState =>
      state.articleId === articleId ? { ...state, loading: false, error } : state,
    ),
  ),
});
