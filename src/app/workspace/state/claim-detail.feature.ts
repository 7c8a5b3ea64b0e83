import { createFeature, createReducer, on } from '@ngrx/store';
import { ClaimDetail, ClaimSummary, HistoryEntry } from '../../../domain/claim';
import { ClaimPatch } from '../claims-api';
import { ClaimDetailPageActions, ClaimsApiActions } from './claim-detail.actions';

export interface ClaimConflict {
  /** What this person typed: never thrown away without their say. */
  readonly mine: ClaimPatch;
  /** The claim as someone else saved it. */
  readonly theirs: ClaimSummary;
}

export interface ClaimDetailState {
  readonly claimId: string | null;
  readonly detail: ClaimDetail | null;
  readonly history: readonly HistoryEntry[];
  readonly loading: boolean;
  readonly error: string | null;
  readonly conflict: ClaimConflict | null;
}

export const initialClaimDetailState: ClaimDetailState = {
  claimId: null,
  detail: null,
  history: [],
  loading: false,
  error: null,
  conflict: null,
};

export const claimDetailFeature = createFeature({
  name: 'claimDetail',
  reducer: createReducer(
    initialClaimDetailState,
    on(ClaimDetailPageActions.opened, (state, { claimId }): ClaimDetailState =>
      state.claimId === claimId
        ? { ...state, loading: true }
        : { ...initialClaimDetailState, claimId, loading: true },
    ),
    on(ClaimDetailPageActions.closed, (): ClaimDetailState => initialClaimDetailState),
    on(ClaimsApiActions.detailLoaded, (state, { claim, history }): ClaimDetailState =>
      claim.id === state.claimId
        ? { ...state, detail: claim, history, loading: false, error: null }
        : state,
    ),
    on(ClaimsApiActions.detailFailed, (state, { claimId, error }): ClaimDetailState =>
      claimId === state.claimId ? { ...state, loading: false, error } : state,
    ),
    on(ClaimsApiActions.claimConflict, (state, { mine, theirs }): ClaimDetailState => ({
      ...state,
      conflict: { mine, theirs },
    })),
    on(
      ClaimDetailPageActions.conflictKeptMine,
      ClaimDetailPageActions.conflictTookTheirs,
      (state): ClaimDetailState => ({ ...state, conflict: null }),
    ),
  ),
});
