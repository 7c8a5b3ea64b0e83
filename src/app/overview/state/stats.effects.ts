import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, debounceTime, filter, map, merge, of, switchMap } from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { StatsApi } from '../stats-api';
import { OverviewPageActions } from './overview.actions';
import { StatsApiActions } from './stats.actions';
import { statsFeature } from './stats.feature';

/** Changes arriving together (a bulk action) cost one reload of the numbers, not one each. */
const STATS_RELOAD_DELAY_MS = 2000;

/**
 * Loads the overview's numbers when it opens, and again once changes to the
 * article's claims made by anyone have settled; a slower answer for an
 * article no longer shown is dropped.
 */
export const loadStats = createEffect(
  (actions$ = inject(Actions), api = inject(StatsApi), store = inject(Store)) => {
    const shown = store.selectSignal(statsFeature.selectArticleId);
    const opened$ = actions$.pipe(
      ofType(OverviewPageActions.opened, OverviewPageActions.retryClicked),
      map(({ articleId }) => articleId),
    );
    const changed$ = actions$.pipe(
      ofType(LiveActions.claimChanged),
      map(({ claim }) => claim.articleId),
      filter((articleId) => articleId === shown()),
      debounceTime(STATS_RELOAD_DELAY_MS),
    );
    return merge(opened$, changed$).pipe(
      switchMap((articleId) =>
        api.stats(articleId).pipe(
          map((stats) => StatsApiActions.statsLoaded({ articleId, stats })),
          catchError((error: unknown) =>
            of(StatsApiActions.statsFailed({ articleId, error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);
