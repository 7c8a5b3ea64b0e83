import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import { catchError, filter, map, mergeMap, of, switchMap, tap } from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
import { NewClaimsApi } from '../new-claims-api';
import { NewClaimsApiActions, NewClaimsPageActions } from './new-claims.actions';
import { suggestionsFeature } from './suggestions.feature';

/** Loads the suggestions with the article, and again when someone else decides one. */
export const loadSuggestions = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi), store = inject(Store)) => {
    const shown = store.selectSignal(suggestionsFeature.selectArticleId);
    return actions$.pipe(
      ofType(WorkspacePageActions.opened, LiveActions.suggestionsChanged),
      filter(
        (action) =>
          action.type === WorkspacePageActions.opened.type || action.articleId === shown(),
      ),
      switchMap(({ articleId }) =>
        api.suggestions(articleId).pipe(
          map((suggestions) => NewClaimsApiActions.suggestionsLoaded({ articleId, suggestions })),
          catchError((error: unknown) =>
            of(
              NewClaimsApiActions.suggestionsLoadFailed({
                articleId,
                error: describeHttpError(error),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const acceptSuggestion = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi)) => {
    return actions$.pipe(
      ofType(NewClaimsPageActions.suggestionAccepted),
      mergeMap(({ suggestion, draft }) =>
        api.accept(suggestion, draft).pipe(
          mergeMap((result) => [
            NewClaimsApiActions.suggestionDecided({ suggestion: result.suggestion }),
            NewClaimsApiActions.claimCreated({ claim: result.claim }),
          ]),
          catchError((error: unknown) =>
            of(
              NewClaimsApiActions.decisionFailed({
                suggestionId: suggestion.id,
                error: describeHttpError(error),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const rejectSuggestion = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi)) => {
    return actions$.pipe(
      ofType(NewClaimsPageActions.suggestionRejected),
      mergeMap(({ suggestion }) =>
        api.reject(suggestion).pipe(
          map((decided) => NewClaimsApiActions.suggestionDecided({ suggestion: decided })),
          catchError((error: unknown) =>
            of(
              NewClaimsApiActions.decisionFailed({
                suggestionId: suggestion.id,
                error: describeHttpError(error),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const claimSelection = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi)) => {
    return actions$.pipe(
      ofType(NewClaimsPageActions.selectionClaimed),
      mergeMap(({ articleId, draft }) =>
        api.create(articleId, draft).pipe(
          map((claim) => NewClaimsApiActions.claimCreated({ claim })),
          catchError((error: unknown) =>
            of(NewClaimsApiActions.createFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const reportNewClaims = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(
        NewClaimsApiActions.claimCreated,
        NewClaimsApiActions.createFailed,
        NewClaimsApiActions.decisionFailed,
      ),
      tap((action) => {
        if ('error' in action) {
          snackBar.open(action.error, 'Dismiss', { duration: 8000 });
        } else {
          snackBar.open(`Claim added: “${action.claim.quote.slice(0, 60)}”`, 'Dismiss', {
            duration: 3000,
          });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);
