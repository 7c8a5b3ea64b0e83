import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { BulkItemResult, BulkOp } from '../../../domain/desk';
import { SessionApiActions } from '../../session/state/session.actions';
import { BulkApiActions, BulkBarActions, BulkSnackActions } from './bulk.actions';

/** The batch on its way to the server. */
export interface BulkInFlight {
  readonly requestId: string;
  readonly op: BulkOp;
  readonly count: number;
}

/** The last batch the server answered, and its undo once asked for. */
export interface BulkOutcome {
  readonly requestId: string;
  readonly batchId: string;
  readonly op: BulkOp;
  readonly results: readonly BulkItemResult[];
  /** `pending` while the undo is on its way; its results once answered. */
  readonly undo: 'pending' | readonly BulkItemResult[] | null;
}

/** A request that failed as a whole; `requestId` null for an undo. */
export interface BulkFailure {
  readonly requestId: string | null;
  readonly batchId: string | null;
  readonly error: string;
}

export interface BulkState {
  readonly inFlight: BulkInFlight | null;
  readonly lastOutcome: BulkOutcome | null;
  readonly failure: BulkFailure | null;
}

export const initialBulkState: BulkState = { inFlight: null, lastOutcome: null, failure: null };

export const bulkFeature = createFeature({
  name: 'bulk',
  reducer: createReducer(
    initialBulkState,
    // One batch at a time (the effect ignores a second while one is in flight): so does the state.
    on(BulkBarActions.batchRequested, (state, { requestId, request }): BulkState =>
      state.inFlight !== null
        ? state
        : {
            ...state,
            inFlight: { requestId, op: request.op, count: request.ids.length },
            failure: null,
          },
    ),
    on(BulkApiActions.batchApplied, (state, { requestId, batchId, op, results }): BulkState => ({
      ...state,
      inFlight: state.inFlight?.requestId === requestId ? null : state.inFlight,
      lastOutcome: { requestId, batchId, op, results, undo: null },
    })),
    on(BulkApiActions.batchFailed, (state, { requestId, error }): BulkState => ({
      ...state,
      inFlight: state.inFlight?.requestId === requestId ? null : state.inFlight,
      failure: { requestId, batchId: null, error },
    })),
    on(BulkSnackActions.undoClicked, (state, { batchId }): BulkState => ({
      ...state,
      lastOutcome: undoOf(state.lastOutcome, batchId, 'pending'),
      failure: null,
    })),
    on(BulkApiActions.undoApplied, (state, { batchId, results }): BulkState => ({
      ...state,
      lastOutcome: undoOf(state.lastOutcome, batchId, results),
    })),
    on(BulkApiActions.undoFailed, (state, { batchId, error }): BulkState => ({
      ...state,
      lastOutcome: undoOf(state.lastOutcome, batchId, null),
      failure: { requestId: null, batchId, error },
    })),
    on(
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      (): BulkState => initialBulkState,
    ),
  ),
  extraSelectors: ({ selectInFlight, selectLastOutcome }) => ({
    /** A batch or an undo is on its way: the bar waits for it. */
    selectBusy: createSelector(
      selectInFlight,
      selectLastOutcome,
      (inFlight, outcome) => inFlight !== null || outcome?.undo === 'pending',
    ),
  }),
});

function undoOf(
  outcome: BulkOutcome | null,
  batchId: string,
  undo: BulkOutcome['undo'],
): BulkOutcome | null {
  return outcome?.batchId === batchId ? { ...outcome, undo } : outcome;
}
