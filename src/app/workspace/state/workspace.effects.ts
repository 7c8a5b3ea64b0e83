import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Router } from '@angular/router';
import { catchError, debounceTime, forkJoin, from, map, of, switchMap } from 'rxjs';
import { ArticlesApi } from '../../articles/articles-api';
import { describeHttpError } from '../../shell/http-errors';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

export const loadWorkspace = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(WorkspacePageActions.opened),
      switchMap(({ articleId }) =>
        forkJoin([api.get(articleId), api.claims(articleId)]).pipe(
          switchMap(([article, claims]) => [
            WorkspaceApiActions.articleLoaded({ article }),
            WorkspaceApiActions.claimsLoaded({ articleId, claims }),
          ]),
          catchError((error: unknown) =>
            of(WorkspaceApiActions.loadFailed({ error: describeHttpError(error) })),
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
