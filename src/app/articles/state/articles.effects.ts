import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, EMPTY, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../workspace/state/claim-detail.actions';
import { ArticlesApi } from '../articles-api';
import {
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';

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

/** Someone added an article: the list picks it up without a reload of the page. */
export const refreshArticlesLive = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(LiveActions.articleAdded),
      switchMap(() =>
        api.list().pipe(
          map((articles) => ArticlesApiActions.loadSucceeded({ articles })),
          // The list shown stays as it was; the next visit loads it again.
          catchError(() => EMPTY),
        ),
      ),
    );
  },
  { functional: true },
);

export const addArticle = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(IntakePageActions.submitted),
      exhaustMap(({ article }) =>
        api.add(article).pipe(
          map((added) => IntakeApiActions.articleAdded({ article: added, source: article.source })),
          catchError((error: unknown) =>
            of(
              IntakeApiActions.addFailed({
                error: describeHttpError(error),
                field: problemField(error),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** A pasted article has no claims yet: its workspace opens on the suggestions. */
export const openAddedArticle = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(IntakeApiActions.articleAdded),
      tap(({ article, source }) =>
        router.navigate(['/articles', article.id], {
          queryParams: source === 'text' ? { list: 'suggestions' } : {},
        }),
      ),
    );
  },
  { functional: true, dispatch: false },
);

function problemField(error: unknown): string | null {
  if (error instanceof HttpErrorResponse && typeof error.error === 'object' && error.error) {
    const field = (error.error as { field?: unknown }).field;
    return typeof field === 'string' ? field : null;
  }
  return null;
}
