import { createFeature, createReducer, on } from '@ngrx/store';
import { ClaimDetail, ClaimSummary, HistoryEntry } from '../../../domain/claim';
import { ClaimPatch } from '../claims-api';
import { Finding, FindingBase } from '../claim-panel/finding-draft';
import {
  ClaimDetailLiveActions,
  ClaimDetailPageActions,
  ClaimsApiActions,
  changeKey,
} from './claim-detail.actions';

export interface ClaimConflict {
  /** What this person typed: never thrown away without their say. */
  readonly mine: ClaimPatch;
  /** The claim as someone else saved it. */
  readonly theirs: ClaimSummary;
  /** What the refused edit started from, when known: "mine" is this with `mine` on top. */
  readonly base: Finding | null;
}

/** Unsaved changes in the finding form of the open claim, and what they started from. */
export interface FindingDraft {
  readonly claimId: string;
  readonly base: FindingBase;
  readonly mine: ClaimPatch;
}

/** Where an evidence or note request stands; a form clears only once it is `saved`. */
export type ChangeStatus = 'pending' | 'saved' | 'failed';

export interface ClaimDetailState {
  readonly claimId: string | null;
  readonly detail: ClaimDetail | null;
  readonly history: readonly HistoryEntry[];
  readonly loading: boolean;
  readonly error: string | null;
  /** The server says the claim does not exist (or no longer does). */
  readonly missing: boolean;
  readonly conflict: ClaimConflict | null;
  /** The finding form's unsaved changes; null when there are none. */
  readonly draft: FindingDraft | null;
  /** Evidence and note requests of the open claim, by `changeKey`. */
  readonly changes: Readonly<Record<string, ChangeStatus>>;
}

export const initialClaimDetailState: ClaimDetailState = {
  claimId: null,
  detail: null,
  history: [],
  loading: false,
  error: null,
  missing: false,
  conflict: null,
  draft: null,
  changes: {},
};

function withChange(state: ClaimDetailState, key: string, status: ChangeStatus): ClaimDetailState {
  return { ...state, changes: { ...state.changes, [key]: status } };
}

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
        ? { ...state, detail: claim, history, loading: false, error: null, missing: false }
        : state,
    ),
    on(ClaimsApiActions.detailFailed, (state, { claimId, error, missing }): ClaimDetailState =>
      claimId === state.claimId
        ? { ...state, loading: false, error, missing: missing ?? false }
        : state,
    ),
    on(ClaimsApiActions.claimConflict, (state, { mine, theirs, base }): ClaimDetailState => ({
      ...state,
      conflict: { mine, theirs, base: base ?? state.conflict?.base ?? null },
    })),
    on(ClaimDetailPageActions.draftChanged, (state, { claimId, base, mine }): ClaimDetailState =>
      claimId !== state.claimId
        ? state
        : { ...state, draft: Object.keys(mine).length > 0 ? { claimId, base, mine } : null },
    ),
    on(ClaimDetailLiveActions.editedElsewhere, (state, { mine, theirs, base }): ClaimDetailState =>
      theirs.id === state.claimId ? { ...state, conflict: { mine, theirs, base } } : state,
    ),
    on(
      ClaimDetailPageActions.conflictKeptMine,
      ClaimDetailPageActions.conflictTookTheirs,
      (state): ClaimDetailState => ({ ...state, conflict: null }),
    ),
    on(
      ClaimDetailPageActions.evidenceAdded,
      ClaimDetailPageActions.evidenceEdited,
      ClaimDetailPageActions.evidenceRemoved,
      ClaimDetailPageActions.noteAdded,
      ClaimDetailPageActions.noteDeleted,
      (state, action): ClaimDetailState =>
        action.claimId === state.claimId ? withChange(state, changeKey(action), 'pending') : state,
    ),
    on(ClaimsApiActions.changeSaved, (state, { claimId, key }): ClaimDetailState =>
      claimId === state.claimId ? withChange(state, key, 'saved') : state,
    ),
    on(ClaimsApiActions.changeFailed, (state, { claimId, key }): ClaimDetailState =>
      claimId === state.claimId ? withChange(state, key, 'failed') : state,
    ),
  ),
});
