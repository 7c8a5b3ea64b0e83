import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, EMPTY, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { describeHttpError, problemOf } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { ArticlesApi } from '../articles-api';
import { describeImport } from '../import-outcome';
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
          // The list keeps the summary alone; what the import did goes with the action.
          map(({ import: imported, ...added }) =>
            IntakeApiActions.articleAdded({
              article: added,
              source: article.source,
              imported: imported ?? null,
            }),
          ),
          catchError((error: unknown) => {
            const problem = problemOf(error);
            return of(
              IntakeApiActions.addFailed({
                error: describeHttpError(error),
                field: typeof problem?.field === 'string' ? problem.field : null,
                code: typeof problem?.code === 'string' ? problem.code : null,
              }),
            );
          }),
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

/** What the import of a file did, said as the article opens: it outlasts the page change. */
export const announceImport = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(IntakeApiActions.articleAdded),
      tap(({ article, imported }) => {
        if (imported) {
          snackBar.open(describeImport(article, imported), 'Dismiss', { duration: 15000 });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);
