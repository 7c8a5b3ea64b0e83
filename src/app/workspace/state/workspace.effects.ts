import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { Params, Router } from '@angular/router';
import {
  catchError,
  EMPTY,
  filter,
  forkJoin,
  from,
  groupBy,
  map,
  merge,
  mergeMap,
  of,
  switchMap,
  timer,
} from 'rxjs';
import { ClaimFilter, FILTER_PARAMS, filterToQuery } from '../../../domain/claim-filter';
import { fromClaimRows } from '../../../domain/claim-rows';
import { ArticlesApi } from '../../articles/articles-api';
import { OverviewPageActions } from '../../overview/state/overview.actions';
import { describeHttpError } from '../../shell/http-errors';
import { ClaimsApi } from '../claims-api';
import { LiveActions } from '../../shell/state/live.actions';
import { claimsFeature } from './claims.feature';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

export const loadWorkspace = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi), claimsApi = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(
        WorkspacePageActions.opened,
        OverviewPageActions.opened,
        OverviewPageActions.retryClicked,
      ),
      switchMap(({ type, articleId }) =>
        merge(
          forkJoin([api.get(articleId), api.claimRows(articleId)]).pipe(
            switchMap(([article, rows]) => [
              WorkspaceApiActions.articleLoaded({ article }),
              WorkspaceApiActions.claimsLoaded({
                articleId,
                claims: fromClaimRows(rows, article.id, article.text),
              }),
            ]),
            catchError((error: unknown) =>
              of(
                WorkspaceApiActions.loadFailed({
                  error: describeHttpError(error),
                  missing: error instanceof HttpErrorResponse && error.status === 404,
                }),
              ),
            ),
          ),
          // Alongside, never holding up the table; without it search covers the claims' own text.
          // The overview does not search.
          type === WorkspacePageActions.opened.type
            ? claimsApi.noteText(articleId).pipe(
                map((noteText) => WorkspaceApiActions.noteTextLoaded({ articleId, noteText })),
                catchError(() => EMPTY),
              )
            : EMPTY,
        ),
      ),
    );
  },
  { functional: true },
);

/** Query parameters for a filter; `null` removes a parameter when merged into the URL. */
function filterToParams(filter: ClaimFilter): Params {
  const query = filterToQuery(filter);
  return Object.fromEntries(FILTER_PARAMS.map((name) => [name, query[name] ?? null]));
}

const SEARCH_SYNC_DELAY_MS = 250;

/**
 * The filter reaches the URL: typing once it pauses, replacing the current
 * history entry (one per pause, never one per key); a filter or sort at once,
 * as a new entry. A filter change cancels typing still waiting, so a late
 * search can never undo it.
 */
export const syncFilterToUrl = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(WorkspacePageActions.searchTyped, WorkspacePageActions.filterChanged),
      switchMap((action) =>
        action.type === WorkspacePageActions.searchTyped.type
          ? timer(SEARCH_SYNC_DELAY_MS).pipe(
              switchMap(() =>
                router.navigate([], {
                  queryParams: { q: action.query.trim() || null },
                  queryParamsHandling: 'merge',
                  replaceUrl: true,
                }),
              ),
              map(() => WorkspacePageActions.searchSyncedToUrl({ query: action.query })),
            )
          : from(
              router.navigate([], {
                queryParams: filterToParams(action.filter),
                queryParamsHandling: 'merge',
              }),
            ).pipe(
              map(() => WorkspacePageActions.searchSyncedToUrl({ query: action.filter.query })),
            ),
      ),
    );
  },
  { functional: true },
);

/**
 * A note added or deleted, by anyone (the change feed brings one's own too):
 * refetch that claim's note text so search stays true. Per claim, only the
 * latest request counts, so answers arriving out of order cannot go stale.
 */
export const refreshNoteText = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi), store = inject(Store)) => {
    const openArticle = store.selectSignal(claimsFeature.selectArticle);
    return actions$.pipe(
      ofType(LiveActions.notesChanged),
      filter(({ articleId }) => openArticle()?.id === articleId),
      groupBy(({ claimId }) => claimId),
      mergeMap((changes) =>
        changes.pipe(
          switchMap(({ articleId, claimId }) =>
            api.noteText(articleId, claimId).pipe(
              map((noteText) =>
                WorkspaceApiActions.claimNoteTextLoaded({
                  articleId,
                  claimId,
                  text: Object.hasOwn(noteText, claimId) ? noteText[claimId] : null,
                }),
              ),
              // Search keeps the previous text; the next change to the claim refetches it.
              catchError(() => EMPTY),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);
