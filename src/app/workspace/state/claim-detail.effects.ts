import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  defer,
  filter,
  forkJoin,
  groupBy,
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
import { LiveActions } from '../../shell/state/live.actions';
import { ClaimsApi } from '../claims-api';
import { findingOf } from '../claim-panel/finding-draft';
import {
  CHANGE_KEYS,
  changeKey,
  ClaimDetailPageActions,
  ClaimsApiActions,
} from './claim-detail.actions';
import { claimDetailFeature } from './claim-detail.feature';
import { claimsFeature } from './claims.feature';
import { AnsweredVersions } from './answered-versions';

/** The claim as it now stands, when the server sent it with a 412. */
function currentFrom(error: unknown): ClaimSummary | null {
  if (error instanceof HttpErrorResponse && error.status === 412) {
    const body = error.error as { current?: ClaimSummary } | null;
    return body?.current ?? null;
  }
  return null;
}

function newest(...claims: (ClaimSummary | null | undefined)[]): ClaimSummary {
  const known = claims.filter((claim): claim is ClaimSummary => !!claim);
  return known.reduce((a, b) => (b.version > a.version ? b : a));
}

export const loadDetail = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi)) => {
    return actions$.pipe(
      ofType(ClaimDetailPageActions.opened),
      switchMap(({ claimId }) =>
        forkJoin([api.get(claimId), api.history(claimId)]).pipe(
          map(([claim, history]) => ClaimsApiActions.detailLoaded({ claim, history })),
          catchError((error: unknown) =>
            of(
              ClaimsApiActions.detailFailed({
                claimId,
                error: describeHttpError(error),
                missing: error instanceof HttpErrorResponse && error.status === 404,
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

type ClaimWrite = ReturnType<
  | typeof ClaimDetailPageActions.fieldsSaved
  | typeof ClaimDetailPageActions.actionTaken
  | typeof ClaimDetailPageActions.conflictKeptMine
>;

function claimIdOf(action: ClaimWrite): string {
  return action.type === ClaimDetailPageActions.conflictKeptMine.type
    ? action.theirs.id
    : action.previous.id;
}

/** The claim the write was made on: its version goes to the server, and a refusal returns to it. */
function shownBefore(action: ClaimWrite): ClaimSummary {
  return action.type === ClaimDetailPageActions.conflictKeptMine.type
    ? action.theirs
    : action.previous;
}

function versionOf(action: ClaimWrite): number {
  return action.type === ClaimDetailPageActions.fieldsSaved.type && action.base
    ? action.base.version
    : shownBefore(action).version;
}

function successMessage(action: ClaimWrite): string {
  switch (action.type) {
    case ClaimDetailPageActions.fieldsSaved.type:
      return 'Saved';
    case ClaimDetailPageActions.conflictKeptMine.type:
      return 'Your version was saved';
    case ClaimDetailPageActions.actionTaken.type:
      return `You ${ACTION_PAST_TENSE[action.request.action]} the claim`;
  }
}

/**
 * Edits, workflow actions and "keep mine" of one claim go to the server one at a
 * time, each on the version the previous answer returned: a quick second save
 * follows this person's own first one instead of being refused as someone else's.
 */
export const writeClaim = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimsApi), store = inject(Store)) => {
    const entities = store.selectSignal(claimsFeature.selectEntities);
    const answered = new AnsweredVersions();
    const resolve = (claimId: string, version: number) => answered.resolve(claimId, version);
    const remember = (sentWith: number, claim: ClaimSummary) => answered.remember(sentWith, claim);
    const failure = (action: ClaimWrite, error: unknown, latest: ClaimSummary | null): Action => {
      const current = currentFrom(error);
      if (current && action.type === ClaimDetailPageActions.fieldsSaved.type) {
        const base = action.base?.finding ?? findingOf(action.previous);
        return ClaimsApiActions.claimConflict({ mine: action.patch, theirs: current, base });
      }
      if (current && action.type === ClaimDetailPageActions.conflictKeptMine.type) {
        const base = findingOf(action.theirs);
        return ClaimsApiActions.claimConflict({ mine: action.mine, theirs: current, base });
      }
      // Back to the newest state known: never older than a live update that arrived meanwhile.
      const before = shownBefore(action);
      const shown = entities()[before.id];
      return ClaimsApiActions.claimSaveFailed({
        restore: newest(
          before,
          latest,
          current,
          shown && shown.version > before.version ? shown : null,
        ),
        error: describeHttpError(error),
      });
    };
    const write = (action: ClaimWrite): Observable<Action> =>
      defer(() => {
        const claimId = claimIdOf(action);
        const { version, latest } = resolve(claimId, versionOf(action));
        const request$ =
          action.type === ClaimDetailPageActions.actionTaken.type
            ? api.transition(claimId, version, action.request)
            : api.patch(
                claimId,
                version,
                action.type === ClaimDetailPageActions.fieldsSaved.type
                  ? action.patch
                  : action.mine,
              );
        return request$.pipe(
          tap((claim) => remember(version, claim)),
          map((claim) => ClaimsApiActions.claimSaved({ claim, message: successMessage(action) })),
          catchError((error: unknown) => of(failure(action, error, latest))),
        );
      });
    return actions$.pipe(
      ofType(
        ClaimDetailPageActions.fieldsSaved,
        ClaimDetailPageActions.actionTaken,
        ClaimDetailPageActions.conflictKeptMine,
      ),
      groupBy(claimIdOf),
      mergeMap((writes$) => writes$.pipe(concatMap(write))),
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
        const { claimId } = action;
        const request$: Observable<unknown> =
          action.type === ClaimDetailPageActions.evidenceEdited.type
            ? api.updateEvidence(claimId, action.evidenceId, action.draft)
            : action.type === ClaimDetailPageActions.evidenceAdded.type
              ? api.addEvidence(claimId, action.draft)
              : action.type === ClaimDetailPageActions.evidenceRemoved.type
                ? api.removeEvidence(claimId, action.evidenceId)
                : action.type === ClaimDetailPageActions.noteAdded.type
                  ? api.addNote(claimId, action.text)
                  : api.deleteNote(claimId, action.noteId);
        const key = changeKey(action);
        return request$.pipe(
          map(() => ClaimsApiActions.changeSaved({ claimId, key })),
          catchError((error: unknown) =>
            of(ClaimsApiActions.changeFailed({ claimId, key, error: describeHttpError(error) })),
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
      ofType(ClaimsApiActions.claimSaved, ClaimsApiActions.changeSaved, LiveActions.claimChanged),
      map((action) => ('claim' in action ? action.claim.id : action.claimId)),
      filter((claimId) => claimId === store.selectSignal(claimDetailFeature.selectClaimId)()),
      map((claimId) => ClaimDetailPageActions.opened({ claimId })),
    );
  },
  { functional: true },
);

/** What did not happen, in words, for a change that failed. */
function failedChange(key: string): string {
  if (key === CHANGE_KEYS.newNote) {
    return 'Your note was not added';
  }
  if (key === CHANGE_KEYS.newEvidence) {
    return 'The evidence link was not added';
  }
  if (key.startsWith(CHANGE_KEYS.noteDeletion(''))) {
    return 'The note was not deleted';
  }
  if (key.startsWith(CHANGE_KEYS.evidenceRemoval(''))) {
    return 'The evidence link was not removed';
  }
  return 'The evidence link was not saved';
}

export const tellWhatHappened = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(
        ClaimsApiActions.claimSaved,
        ClaimsApiActions.claimSaveFailed,
        ClaimsApiActions.changeFailed,
      ),
      tap((action) => {
        const message =
          action.type === ClaimsApiActions.claimSaved.type
            ? action.message
            : action.type === ClaimsApiActions.claimSaveFailed.type
              ? `${action.error} Your change was undone.`
              : `${failedChange(action.key)}: ${action.error}`;
        snackBar.open(message, 'Close', {
          duration: action.type === ClaimsApiActions.claimSaved.type ? 3000 : 8000,
        });
      }),
    );
  },
  { functional: true, dispatch: false },
);
