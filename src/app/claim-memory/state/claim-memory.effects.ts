import { HttpErrorResponse } from '@angular/common/http';
import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action } from '@ngrx/store';
import { catchError, concatMap, map, Observable, of } from 'rxjs';
import { ClaimDetail, ClaimSummary } from '../../../domain/claim';
import { describeHttpError } from '../../shell/http-errors';
import { ClaimsApiActions } from '../../workspace/state/claim-detail.actions';
import { ClaimMemoryApi } from '../claim-memory-api';
import { CheckedBeforeActions } from './claim-memory.actions';

type Confirmed = ReturnType<
  | typeof CheckedBeforeActions.markRepeatConfirmed
  | typeof CheckedBeforeActions.unmarkRepeatConfirmed
  | typeof CheckedBeforeActions.adoptConfirmed
>;

/** The summary of a claim the server answered with its evidence and notes. */
function summaryOf(claim: ClaimSummary | ClaimDetail): ClaimSummary {
  const kept = Object.entries(claim).filter(([key]) => key !== 'evidence' && key !== 'notes');
  return Object.fromEntries(kept) as unknown as ClaimSummary;
}

const MESSAGES = {
  [CheckedBeforeActions.markRepeatConfirmed.type]: 'Marked as a repeat of the earlier check',
  [CheckedBeforeActions.unmarkRepeatConfirmed.type]: 'No longer marked as a repeat',
  [CheckedBeforeActions.adoptConfirmed.type]:
    'Adopted the earlier check: review it like any finding',
} as const;

/**
 * Each confirmed change goes to the server in turn; its answer replaces the claim in the
 * claim store as any saved change does (ClaimsApiActions: the panel reloads, a snack bar
 * says what happened). Refused, the claim returns to the server's state when it sent one
 * (412), else to the claim as shown.
 */
export const saveClaimMemory = createEffect(
  (actions$ = inject(Actions), api = inject(ClaimMemoryApi)) => {
    return actions$.pipe(
      ofType(
        CheckedBeforeActions.markRepeatConfirmed,
        CheckedBeforeActions.unmarkRepeatConfirmed,
        CheckedBeforeActions.adoptConfirmed,
      ),
      concatMap((action: Confirmed): Observable<Action> => {
        const { claim } = action;
        const request$: Observable<ClaimSummary | ClaimDetail> =
          action.type === CheckedBeforeActions.markRepeatConfirmed.type
            ? api.markRepeat(claim.id, claim.version, action.originalId)
            : action.type === CheckedBeforeActions.unmarkRepeatConfirmed.type
              ? api.unmarkRepeat(claim.id, claim.version)
              : api.adopt(claim.id, claim.version);
        return request$.pipe(
          map((saved) =>
            ClaimsApiActions.claimSaved({
              claim: summaryOf(saved),
              message: MESSAGES[action.type],
            }),
          ),
          catchError((error: unknown) => {
            const current =
              error instanceof HttpErrorResponse && error.status === 412
                ? ((error.error as { current?: ClaimSummary } | null)?.current ?? null)
                : null;
            return of(
              ClaimsApiActions.claimSaveFailed({
                restore: current ?? claim,
                error: describeHttpError(error),
              }),
            );
          }),
        );
      }),
    );
  },
  { functional: true },
);
