import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Router } from '@angular/router';
import { HttpErrorResponse } from '@angular/common/http';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  EMPTY,
  exhaustMap,
  map,
  of,
  switchMap,
  tap,
  withLatestFrom,
} from 'rxjs';
import { ArticleSummary } from '../../../domain/claim';
import { describeHttpError, problemOf } from '../../shell/http-errors';
import { ARTICLE_FIELD_LABELS } from '../article-field-labels';
import { LiveActions } from '../../shell/state/live.actions';
import { ArticlesApi } from '../articles-api';
import { describeImport } from '../import-outcome';
import { articlesFeature } from './articles.feature';
import {
  ArticleActionsActions,
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';

export const loadArticles = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(ArticleListPageActions.opened),
      switchMap(({ archived }) =>
        api.list({ archived }).pipe(
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
  (actions$ = inject(Actions), api = inject(ArticlesApi), store = inject(Store)) => {
    return actions$.pipe(
      ofType(LiveActions.articleAdded),
      withLatestFrom(store.select(articlesFeature.selectShowArchived)),
      switchMap(([, archived]) =>
        api.list({ archived }).pipe(
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
                error: describeHttpError(error, ARTICLE_FIELD_LABELS),
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
          snackBar.open(describeImport(article, imported), 'Close', { duration: 15000 });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);

/** The article as it now stands, when the server refused a stale change with it (412). */
function currentArticle(error: unknown): ArticleSummary | null {
  if (error instanceof HttpErrorResponse && error.status === 412) {
    return (error.error as { current?: ArticleSummary } | null)?.current ?? null;
  }
  return null;
}

function saveFailed(articleId: string, change: 'details' | 'archive', error: unknown) {
  const current = currentArticle(error);
  return ArticlesApiActions.saveFailed({
    articleId,
    change,
    current,
    error: current
      ? 'Someone else changed this article while you were editing it.'
      : describeHttpError(error, ARTICLE_FIELD_LABELS),
  });
}

/** An article's details, sent on the version the edit started from. */
export const saveArticleDetails = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(ArticleActionsActions.editSubmitted),
      concatMap(({ article, changes }) =>
        api.update(article.id, article.version, changes).pipe(
          map((saved) => ArticlesApiActions.articleSaved({ article: saved, change: 'details' })),
          catchError((error: unknown) => of(saveFailed(article.id, 'details', error))),
        ),
      ),
    );
  },
  { functional: true },
);

export const archiveArticle = createEffect(
  (actions$ = inject(Actions), api = inject(ArticlesApi)) => {
    return actions$.pipe(
      ofType(ArticleActionsActions.archiveConfirmed),
      concatMap(({ article, archived }) =>
        api.update(article.id, article.version, { archived }).pipe(
          map((saved) => ArticlesApiActions.articleSaved({ article: saved, change: 'archive' })),
          catchError((error: unknown) => of(saveFailed(article.id, 'archive', error))),
        ),
      ),
    );
  },
  { functional: true },
);

/** Archiving is said in words, with Undo: the article has just left the list. */
export const announceArchive = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar), store = inject(Store)) => {
    return actions$.pipe(
      ofType(ArticlesApiActions.articleSaved, ArticlesApiActions.saveFailed),
      tap((action) => {
        if (action.change !== 'archive') {
          return;
        }
        if (action.type === ArticlesApiActions.saveFailed.type) {
          snackBar.open(`Nothing was changed: ${action.error}`, 'Close', { duration: 10000 });
          return;
        }
        const { article } = action;
        if (!article.archived) {
          snackBar.open(`“${article.headline}” is back in the lists.`, 'Close', {
            duration: 6000,
          });
          return;
        }
        snackBar
          .open(`Archived “${article.headline}”: its claims are read-only now.`, 'Undo', {
            duration: 10000,
          })
          .onAction()
          .subscribe(() =>
            store.dispatch(ArticleActionsActions.archiveConfirmed({ article, archived: false })),
          );
      }),
    );
  },
  { functional: true, dispatch: false },
);
