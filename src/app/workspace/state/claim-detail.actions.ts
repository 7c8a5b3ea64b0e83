import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ClaimDetail, ClaimSummary, HistoryEntry } from '../../../domain/claim';
import { ClaimPatch, EvidenceDraft, TransitionRequest } from '../claims-api';
import { Finding, FindingBase } from '../claim-panel/finding-draft';

/** What a person does in the claim detail panel. */
export const ClaimDetailPageActions = createActionGroup({
  source: 'Claim Detail Page',
  events: {
    Opened: props<{ claimId: string }>(),
    Closed: emptyProps(),
    /**
     * `previous` is the claim as shown before the edit: the rollback target.
     * `base` is what the edit started from; its version goes to the server.
     */
    'Fields Saved': props<{ previous: ClaimSummary; patch: ClaimPatch; base?: FindingBase }>(),
    'Action Taken': props<{ previous: ClaimSummary; request: TransitionRequest }>(),
    'Evidence Added': props<{ claimId: string; draft: EvidenceDraft }>(),
    'Evidence Edited': props<{ claimId: string; evidenceId: string; draft: EvidenceDraft }>(),
    'Evidence Removed': props<{ claimId: string; evidenceId: string }>(),
    'Note Added': props<{ claimId: string; text: string }>(),
    'Note Deleted': props<{ claimId: string; noteId: string }>(),
    /**
     * The finding form's unsaved changes (`mine`, empty when none) and what they
     * started from, so that a save by someone else can be reported at once.
     */
    'Draft Changed': props<{ claimId: string; base: FindingBase; mine: ClaimPatch }>(),
    /** `mine` is re-applied on top of `theirs`, the newest version known. */
    'Conflict Kept Mine': props<{ mine: ClaimPatch; theirs: ClaimSummary }>(),
    'Conflict Took Theirs': emptyProps(),
  },
});

/** What the live event stream means for the claim open in the panel. */
export const ClaimDetailLiveActions = createActionGroup({
  source: 'Claim Detail Live',
  events: {
    /** Someone else saved the claim over the unsaved changes `mine` made on `base`. */
    'Edited Elsewhere': props<{ mine: ClaimPatch; theirs: ClaimSummary; base: Finding }>(),
  },
});

export const ClaimsApiActions = createActionGroup({
  source: 'Claims API',
  events: {
    'Detail Loaded': props<{ claim: ClaimDetail; history: HistoryEntry[] }>(),
    /** `missing`: the server answered 404, so the claim does not exist or was removed. */
    'Detail Failed': props<{ claimId: string; error: string; missing?: boolean }>(),
    'Claim Saved': props<{ claim: ClaimSummary; message: string }>(),
    /** Refused or failed: the UI returns to `restore` (the server's state when known). */
    'Claim Save Failed': props<{ restore: ClaimSummary; error: string }>(),
    /** `base` is what the refused edit started from, so that both whole versions can be shown. */
    'Claim Conflict': props<{ mine: ClaimPatch; theirs: ClaimSummary; base?: Finding }>(),
    /** An evidence or note change the server accepted; `key` names the request (`CHANGE_KEYS`). */
    'Change Saved': props<{ claimId: string; key: string }>(),
    'Change Failed': props<{ claimId: string; key: string; error: string }>(),
  },
});

/** Names of evidence and note requests, so that the form that sent one can follow its fate. */
export const CHANGE_KEYS = {
  newEvidence: 'evidence',
  evidenceEdit: (evidenceId: string) => `evidence:${evidenceId}`,
  evidenceRemoval: (evidenceId: string) => `evidence-removal:${evidenceId}`,
  newNote: 'note',
  noteDeletion: (noteId: string) => `note-deletion:${noteId}`,
} as const;

type EvidenceOrNoteAction = ReturnType<
  | typeof ClaimDetailPageActions.evidenceAdded
  | typeof ClaimDetailPageActions.evidenceEdited
  | typeof ClaimDetailPageActions.evidenceRemoved
  | typeof ClaimDetailPageActions.noteAdded
  | typeof ClaimDetailPageActions.noteDeleted
>;

export function changeKey(action: EvidenceOrNoteAction): string {
  switch (action.type) {
    case ClaimDetailPageActions.evidenceAdded.type:
      return CHANGE_KEYS.newEvidence;
    case ClaimDetailPageActions.evidenceEdited.type:
      return CHANGE_KEYS.evidenceEdit(action.evidenceId);
    case ClaimDetailPageActions.evidenceRemoved.type:
      return CHANGE_KEYS.evidenceRemoval(action.evidenceId);
    case ClaimDetailPageActions.noteAdded.type:
      return CHANGE_KEYS.newNote;
    case ClaimDetailPageActions.noteDeleted.type:
      return CHANGE_KEYS.noteDeletion(action.noteId);
  }
}
