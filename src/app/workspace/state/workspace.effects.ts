import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import {
  catchError,
  debounceTime,
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
} from 'rxjs';
import { ArticlesApi } from '../../articles/articles-api';
import { describeHttpError } from '../../shell/http-errors';
import { ClaimsApi } from '../claims-api';
import { LiveActions } from './claim-detail.actions';
import { claimsFeature } from './claims.feature';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

export const loadWorkspace = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi), claimsApi = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(WorkspacePageActions.opened),
      switchMap(({ articleId }) =>
        merge(
          forkJoin([api.get(articleId), api.claims(articleId)]).pipe(
            switchMap(([article, claims]) => [
              WorkspaceApiActions.articleLoaded({ article }),
              WorkspaceApiActions.claimsLoaded({ articleId, claims }),
            ]),
            catchError((error: unknown) =>
              of(WorkspaceApiActions.loadFailed({ error: describeHttpError(error) })),
            ),
          ),
          // Alongside, never holding up the table; without it search covers the claims' own text.
          claimsApi.noteText(articleId).pipe(
            map((noteText) => WorkspaceApiActions.noteTextLoaded({ articleId, noteText })),
            catchError(() => EMPTY),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** Search reaches the URL once typing pauses: one navigation per pause, not per key. */
export const syncSearchToUrl = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(WorkspacePageActions.searchTyped),
      debounceTime(250),
      switchMap(({ query }) =>
        from(
          router.navigate([], {
            queryParams: { q: query.trim() || null },
            queryParamsHandling: 'merge',
            replaceUrl: true,
          }),
        ).pipe(map(() => WorkspacePageActions.searchSyncedToUrl({ query }))),
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
