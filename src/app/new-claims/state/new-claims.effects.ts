import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  catchError,
  concat,
  concatMap,
  debounceTime,
  defer,
  filter,
  from,
  map,
  merge,
  mergeMap,
  Observable,
  of,
  switchMap,
  tap,
} from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
import {
  batchInWords,
  ListedSuggestion,
  SENSITIVITY_DEBOUNCE_MS,
  SENSITIVITY_MIN_SCORE,
} from '../listed-suggestion';
import { NewClaimsApi } from '../new-claims-api';
import {
  Acceptance,
  BatchOutcome,
  NewClaimsApiActions,
  NewClaimsPageActions,
} from './new-claims.actions';
import { suggestionsFeature } from './suggestions.feature';

/**
 * Loads the suggestions with the article, again when someone else decides one,
 * and when the sensitivity control comes to rest: at the default the stored
 * suggestions, otherwise every sentence scored at or over its `minScore`.
 */
export const loadSuggestions = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi), store = inject(Store)) => {
    const shown = store.selectSignal(suggestionsFeature.selectArticleId);
    const sensitivity = store.selectSignal(suggestionsFeature.selectSensitivity);
    const reloads$ = merge(
      actions$.pipe(
        ofType(WorkspacePageActions.opened),
        map(({ articleId }) => ({ articleId, minScore: SENSITIVITY_MIN_SCORE[sensitivity()] })),
      ),
      actions$.pipe(
        ofType(LiveActions.suggestionsChanged),
        filter(({ articleId }) => articleId === shown()),
        map(({ articleId }) => ({ articleId, minScore: SENSITIVITY_MIN_SCORE[sensitivity()] })),
      ),
      actions$.pipe(
        ofType(NewClaimsPageActions.sensitivityChanged),
        debounceTime(SENSITIVITY_DEBOUNCE_MS),
        map((action) => ({
          articleId: shown(),
          minScore: SENSITIVITY_MIN_SCORE[action.sensitivity],
        })),
        filter(
          (reload): reload is { articleId: string; minScore: number | null } =>
            reload.articleId !== null,
        ),
      ),
    );
    return reloads$.pipe(
      switchMap(({ articleId, minScore }) =>
        api.suggestions(articleId, minScore).pipe(
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

/**
 * Accepts one sentence: a stored suggestion through its accept route, a
 * scored sentence the server has not stored by claiming its words. Never errors.
 */
function acceptOne(api: NewClaimsApi, { suggestion, draft }: Acceptance): Observable<Action> {
  const decided$: Observable<Action[]> =
    suggestion.id === null
      ? api
          .create(suggestion.articleId, draft)
          .pipe(
            map((claim) => [
              NewClaimsApiActions.sentenceClaimed({ key: suggestion.key, claim }),
              NewClaimsApiActions.claimCreated({ claim }),
            ]),
          )
      : api
          .accept({ articleId: suggestion.articleId, id: suggestion.id }, draft)
          .pipe(
            map((result) => [
              NewClaimsApiActions.suggestionDecided({ suggestion: result.suggestion }),
              NewClaimsApiActions.claimCreated({ claim: result.claim }),
            ]),
          );
  return decided$.pipe(
    mergeMap((actions) => actions),
    catchError((error: unknown) =>
      of(
        NewClaimsApiActions.decisionFailed({
          suggestionId: suggestion.key,
          error: describeHttpError(error),
        }),
      ),
    ),
  );
}

function rejectOne(api: NewClaimsApi, suggestion: ListedSuggestion): Observable<Action> {
  if (suggestion.id === null) {
    return of(
      NewClaimsApiActions.decisionFailed({
        suggestionId: suggestion.key,
        error: 'Only a stored suggestion can be rejected.',
      }),
    );
  }
  return api.reject({ articleId: suggestion.articleId, id: suggestion.id }).pipe(
    map((decided) => NewClaimsApiActions.suggestionDecided({ suggestion: decided })),
    catchError((error: unknown) =>
      of(
        NewClaimsApiActions.decisionFailed({
          suggestionId: suggestion.key,
          error: describeHttpError(error),
        }),
      ),
    ),
  );
}

/**
 * Decides each of a batch in turn, then says what the batch came to: how many
 * were decided and why the others were not.
 */
function decideInTurn<T extends { readonly suggestion: ListedSuggestion } | ListedSuggestion>(
  items: readonly T[],
  decision: BatchOutcome['decision'],
  decideOne: (item: T) => Observable<Action>,
  keyOf: (item: T) => string,
): Observable<Action> {
  return defer(() => {
    const errors: string[] = [];
    return concat(
      from(items).pipe(
        concatMap((item) => decideOne(item)),
        tap((action) => {
          if (action.type === NewClaimsApiActions.decisionFailed.type) {
            errors.push((action as ReturnType<typeof NewClaimsApiActions.decisionFailed>).error);
          }
        }),
      ),
      defer(() =>
        of(
          NewClaimsApiActions.severalDecided({
            decision,
            keys: items.map(keyOf),
            done: items.length - errors.length,
            errors,
          }),
        ),
      ),
    );
  });
}

export const acceptSuggestion = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi)) => {
    return actions$.pipe(
      ofType(NewClaimsPageActions.suggestionAccepted),
      mergeMap((acceptance) => acceptOne(api, acceptance)),
    );
  },
  { functional: true },
);

/** Several accepted at once: each through the same accept, one after another. */
export const acceptSeveral = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi)) => {
    return actions$.pipe(
      ofType(NewClaimsPageActions.severalAccepted),
      concatMap(({ acceptances }) =>
        decideInTurn(
          acceptances,
          'accepted',
          (acceptance) => acceptOne(api, acceptance),
          (acceptance) => acceptance.suggestion.key,
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
      mergeMap(({ suggestion }) => rejectOne(api, suggestion)),
    );
  },
  { functional: true },
);

export const rejectSeveral = createEffect(
  (actions$ = inject(Actions), api = inject(NewClaimsApi)) => {
    return actions$.pipe(
      ofType(NewClaimsPageActions.severalRejected),
      concatMap(({ suggestions }) =>
        decideInTurn(
          suggestions,
          'rejected',
          (suggestion) => rejectOne(api, suggestion),
          (suggestion) => suggestion.key,
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
        NewClaimsApiActions.severalDecided,
      ),
      tap((action) => {
        if (action.type === NewClaimsApiActions.severalDecided.type) {
          snackBar.open(batchInWords(action), 'Close', { duration: 8000 });
        } else if ('error' in action) {
          snackBar.open(action.error, 'Close', { duration: 8000 });
        } else {
          snackBar.open(`Claim added: “${action.claim.quote.slice(0, 60)}”`, 'Close', {
            duration: 3000,
          });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);
