import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { bulkOutcomeWords, undoOutcomeWords } from '../../../domain/desk';
import { describeHttpError } from '../../shell/http-errors';
import { BulkApi } from '../bulk-api';
import { OUTCOME_SNACK_MS, OutcomeSnack, OutcomeSnackData } from '../outcome-snack';
import { refusedClaims } from '../outcome-words';
import { BulkApiActions, BulkBarActions, BulkSnackActions } from './bulk.actions';

/** One batch at a time: a second one while the first is in flight is ignored (the bar waits too). */
export const applyBatch = createEffect(
  (actions$ = inject(Actions), api = inject(BulkApi)) => {
    return actions$.pipe(
      ofType(BulkBarActions.batchRequested),
      exhaustMap(({ requestId, request, labels }) =>
        api.apply(request).pipe(
          map(({ batchId, results }) =>
            BulkApiActions.batchApplied({ requestId, batchId, op: request.op, results, labels }),
          ),
          catchError((error: unknown) =>
            of(
              BulkApiActions.batchFailed({
                requestId,
                op: request.op,
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

/** Undo is asked once per click; clicks while it is on its way are ignored. */
export const undoBatch = createEffect(
  (actions$ = inject(Actions), api = inject(BulkApi)) => {
    return actions$.pipe(
      ofType(BulkSnackActions.undoClicked),
      exhaustMap(({ batchId, labels }) =>
        api.undo(batchId).pipe(
          map(({ results }) => BulkApiActions.undoApplied({ batchId, results, labels })),
          catchError((error: unknown) =>
            of(BulkApiActions.undoFailed({ batchId, error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * Says a batch's outcome in words on a snack bar with "Details" and "Undo"; its
 * Undo becomes `undoClicked`. A newer outcome replaces the snack bar and its Undo.
 */
export const tellBatchOutcome = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(BulkApiActions.batchApplied),
      switchMap(({ batchId, op, results, labels }) => {
        const refused = refusedClaims(results, labels);
        const data: OutcomeSnackData = {
          words: bulkOutcomeWords(op, results),
          refused,
          detailsTitle: 'Claims not changed',
          undoable: results.some((result) => result.status === 200),
        };
        return snackBar
          .openFromComponent(OutcomeSnack, {
            data,
            duration: refused.length > 0 ? undefined : OUTCOME_SNACK_MS,
          })
          .onAction()
          .pipe(map(() => BulkSnackActions.undoClicked({ batchId, labels })));
      }),
    );
  },
  { functional: true },
);

/** "Undone for 7; 1 left alone: changed since", with the claims left alone under "Details". */
export const tellUndoOutcome = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(BulkApiActions.undoApplied, BulkApiActions.undoFailed),
      tap((action) => {
        if (action.type === BulkApiActions.undoFailed.type) {
          snackBar.open(`Nothing was undone: ${action.error}`, 'Close', { duration: 8000 });
          return;
        }
        const refused = refusedClaims(action.results, action.labels);
        const data: OutcomeSnackData = {
          words: undoOutcomeWords(action.results),
          refused,
          detailsTitle: 'Claims left alone',
          undoable: false,
        };
        snackBar.openFromComponent(OutcomeSnack, {
          data,
          duration: refused.length > 0 ? undefined : OUTCOME_SNACK_MS,
        });
      }),
    );
  },
  { functional: true, dispatch: false },
);
