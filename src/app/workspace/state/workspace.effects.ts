import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, forkJoin, of, switchMap } from 'rxjs';
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
