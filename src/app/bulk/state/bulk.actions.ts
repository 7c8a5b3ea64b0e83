import { createActionGroup, props } from '@ngrx/store';
import { BulkItemResult, BulkOp, BulkRequest } from '../../../domain/desk';

/** A selected claim as the outcome names it ("“Crime fell by 20%” in Council budget"). */
export interface BulkClaimLabel {
  readonly id: string;
  readonly label: string;
}

/** What a person does on the selection bar. */
export const BulkBarActions = createActionGroup({
  source: 'Bulk Bar',
  events: {
    /**
     * `requestId` names this request so that the bar which sent it can follow its fate;
     * `labels` name the selected claims, for the outcome's details.
     */
    'Batch Requested': props<{
      requestId: string;
      request: BulkRequest;
      labels: readonly BulkClaimLabel[];
    }>(),
  },
});

export const BulkApiActions = createActionGroup({
  source: 'Bulk API',
  events: {
    /**
     * The server answered: `results` holds, per claim, its status and the claim as it
     * now stands (status 200) or the problem it would have had alone. The lists that
     * show claims upsert each `results[i].claim`.
     */
    'Batch Applied': props<{
      requestId: string;
      batchId: string;
      op: BulkOp;
      results: readonly BulkItemResult[];
      labels: readonly BulkClaimLabel[];
    }>(),
    /** The request as a whole failed (network, refused body, signed out): nothing changed. */
    'Batch Failed': props<{ requestId: string; op: BulkOp; error: string }>(),
    /** The undo answered: status 200 claims are back as `claim`; 409 were left alone. */
    'Undo Applied': props<{
      batchId: string;
      results: readonly BulkItemResult[];
      labels: readonly BulkClaimLabel[];
    }>(),
    'Undo Failed': props<{ batchId: string; error: string }>(),
  },
});

/** What a person does on the snack bar that tells a batch's outcome. */
export const BulkSnackActions = createActionGroup({
  source: 'Bulk Snack Bar',
  events: {
    'Undo Clicked': props<{ batchId: string; labels: readonly BulkClaimLabel[] }>(),
  },
});
