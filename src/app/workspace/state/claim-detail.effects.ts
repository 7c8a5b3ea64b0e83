import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  filter,
  forkJoin,
  map,
  mergeMap,
  Observable,
  of,
  switchMap,
  tap,
} from 'rxjs';
import { ClaimSummary } from '../../../domain/claim';
import { ACTION_PAST_TENSE } from '../../../domain/workflow';
import { describeHttpError } from '../../shell/http-errors';
import { ClaimsApi } from '../claims-api';
import { ClaimDetailPageActions, ClaimsApiActions, LiveActions } from './claim-detail.actions';
import { claimDetailFeature } from './claim-detail.feature';

/** The claim as it now stands, when the server sent it with a 412. */
function currentFrom(error: unknown): ClaimSummary | null {
  if (error instanceof HttpErrorResponse && error.status === 412) {
    const body = error.error as { current?: ClaimSummary } | null;
    return body?.current ?? null;
  }
  return null;
}

export const loadDetail = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(ClaimDetailPageActions.opened),
      switchMap(({ claimId }) =>
        forkJoin([api.get(claimId), api.history(claimId)]).pipe(
          map(([claim, history]) => ClaimsApiActions.detailLoaded({ claim, history })),
          catchError((error: unknown) =>
            of(ClaimsApiActions.detailFailed({ claimId, error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const saveFields = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(ClaimDetailPageActions.fieldsSaved),
      concatMap(({ previous, patch }) =>
        api.patch(previous.id, previous.version, patch).pipe(
          map((claim) => ClaimsApiActions.claimSaved({ claim, message: 'Saved' })),
          catchError((error: unknown) => {
            const theirs = currentFrom(error);
            return of(
              theirs
                ? ClaimsApiActions.claimConflict({ mine: patch, theirs })
                : ClaimsApiActions.claimSaveFailed({
                    restore: previous,
                    error: describeHttpError(error),
                  }),
            );
          }),
        ),
      ),
    );
  },
  { functional: true },
);

export const takeAction = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(ClaimDetailPageActions.actionTaken),
      concatMap(({ previous, request }) =>
        api.transition(previous.id, previous.version, request).pipe(
          map((claim) =>
            ClaimsApiActions.claimSaved({
              claim,
              message: `You ${ACTION_PAST_TENSE[request.action]} the claim`,
            }),
          ),
          catchError((error: unknown) =>
            of(
              ClaimsApiActions.claimSaveFailed({
                restore: currentFrom(error) ?? previous,
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

export const keepMine = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(ClaimDetailPageActions.conflictKeptMine),
      // Nothing is lost: the person chose to apply their edit on top of the newer version.
      concatMap(({ mine, theirs }) =>
        api.patch(theirs.id, theirs.version, mine).pipe(
          map((claim) => ClaimsApiActions.claimSaved({ claim, message: 'Your version was saved' })),
          catchError((error: unknown) => {
            const newer = currentFrom(error);
            return of(
              newer
                ? ClaimsApiActions.claimConflict({ mine, theirs: newer })
                : ClaimsApiActions.claimSaveFailed({
                    restore: theirs,
                    error: describeHttpError(error),
                  }),
            );
          }),
        ),
      ),
    );
  },
  { functional: true },
);

export const changeEvidenceAndNotes = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(
        ClaimDetailPageActions.evidenceAdded,
        ClaimDetailPageActions.evidenceEdited,
        ClaimDetailPageActions.evidenceRemoved,
        ClaimDetailPageActions.noteAdded,
        ClaimDetailPageActions.noteDeleted,
      ),
      mergeMap((action) => {
        const request$: Observable<Action> =
          action.type === ClaimDetailPageActions.evidenceEdited.type
            ? api
                .updateEvidence(action.claimId, action.evidenceId, action.draft)
                .pipe(map((evidence) => ClaimsApiActions.evidenceSaved({ evidence })))
            : action.type === ClaimDetailPageActions.evidenceAdded.type
              ? api
                  .addEvidence(action.claimId, action.draft)
                  .pipe(map((evidence) => ClaimsApiActions.evidenceSaved({ evidence })))
              : action.type === ClaimDetailPageActions.evidenceRemoved.type
                ? api
                    .removeEvidence(action.claimId, action.evidenceId)
                    .pipe(map(() => ClaimDetailPageActions.opened({ claimId: action.claimId })))
                : action.type === ClaimDetailPageActions.noteAdded.type
                  ? api
                      .addNote(action.claimId, action.text)
                      .pipe(map((note) => ClaimsApiActions.noteSaved({ note })))
                  : api
                      .deleteNote(action.claimId, action.noteId)
                      .pipe(map((note) => ClaimsApiActions.noteSaved({ note })));
        return request$.pipe(
          catchError((error: unknown) =>
            of(ClaimsApiActions.requestFailed({ error: describeHttpError(error) })),
          ),
        );
      }),
    );
  },
  { functional: true },
);

/** After any change to the open claim, by anyone, reload its evidence, notes and history. */
export const refreshOpenClaim = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) => {
    return actions$.pipe(
      ofType(
        ClaimsApiActions.claimSaved,
        ClaimsApiActions.evidenceSaved,
        ClaimsApiActions.noteSaved,
        LiveActions.claimChanged,
      ),
      map((action) =>
        'claim' in action
          ? action.claim.id
          : 'evidence' in action
            ? action.evidence.claimId
            : action.note.claimId,
      ),
      filter((claimId) => claimId === store.selectSignal(claimDetailFeature.selectClaimId)()),
      map((claimId) => ClaimDetailPageActions.opened({ claimId })),
    );
  },
  { functional: true },
);

export const tellWhatHappened = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(
        ClaimsApiActions.claimSaved,
        ClaimsApiActions.claimSaveFailed,
        ClaimsApiActions.requestFailed,
      ),
      tap((action) => {
        const message = 'error' in action ? action.error : action.message;
        snackBar.open(message, 'Dismiss', { duration: 'error' in action ? 8000 : 3000 });
      }),
    );
  },
  { functional: true, dispatch: false },
);
