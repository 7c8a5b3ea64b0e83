import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ClaimDetail, ClaimSummary, Evidence, HistoryEntry, Note } from '../../../domain/claim';
import { ClaimPatch, EvidenceDraft, TransitionRequest } from '../claims-api';

/** What a person does in the claim detail panel. */
export const ClaimDetailPageActions = createActionGroup({
  source: 'Claim Detail Page',
  events: {
    Opened: props<{ claimId: string }>(),
    Closed: emptyProps(),
    /** `previous` is the claim as shown before the edit: the rollback target. */
    'Fields Saved': props<{ previous: ClaimSummary; patch: ClaimPatch }>(),
    'Action Taken': props<{ previous: ClaimSummary; request: TransitionRequest }>(),
    'Evidence Added': props<{ claimId: string; draft: EvidenceDraft }>(),
    'Evidence Edited': props<{ claimId: string; evidenceId: string; draft: EvidenceDraft }>(),
    'Evidence Removed': props<{ claimId: string; evidenceId: string }>(),
    'Note Added': props<{ claimId: string; text: string }>(),
    'Note Deleted': props<{ claimId: string; noteId: string }>(),
    'Conflict Kept Mine': props<{ mine: ClaimPatch; theirs: ClaimSummary }>(),
    'Conflict Took Theirs': emptyProps(),
  },
});

export const ClaimsApiActions = createActionGroup({
  source: 'Claims API',
  events: {
    'Detail Loaded': props<{ claim: ClaimDetail; history: HistoryEntry[] }>(),
    'Detail Failed': props<{ claimId: string; error: string }>(),
    'Claim Saved': props<{ claim: ClaimSummary; message: string }>(),
    /** Refused or failed: the UI returns to `restore` (the server's state when known). */
    'Claim Save Failed': props<{ restore: ClaimSummary; error: string }>(),
    'Claim Conflict': props<{ mine: ClaimPatch; theirs: ClaimSummary }>(),
    'Evidence Saved': props<{ evidence: Evidence }>(),
    'Note Saved': props<{ note: Note }>(),
    'Request Failed': props<{ error: string }>(),
  },
});

/** Changes made by others, arriving over the server's event stream. */
export const LiveActions = createActionGroup({
  source: 'Live Updates',
  events: {
    'Claim Changed': props<{ claim: ClaimSummary; eventId: number; actor: string | null }>(),
    'Article Added': props<{ articleId: string }>(),
    /** Someone added or deleted a note of this claim: its note text is stale. */
    'Notes Changed': props<{ articleId: string; claimId: string }>(),
    /** Someone accepted or rejected a claim suggestion of this article. */
    'Suggestions Changed': props<{ articleId: string }>(),
    Connected: emptyProps(),
    Disconnected: emptyProps(),
  },
});
