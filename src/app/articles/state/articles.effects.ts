import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, map, of, switchMap } from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { ArticlesApi } from '../articles-api';
import { ArticleListPageActions, ArticlesApiActions } from './articles.actions';

export const loadArticles = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(ArticleListPageActions.opened),
      switchMap(() =>
        api.list().pipe(
          map((articles) => ArticlesApiActions.loadSucceeded({ articles })),
          catchError((error: unknown) =>
            of(ArticlesApiActions.loadFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);
