import { createActionGroup, props } from '@ngrx/store';
import { ClaimSummary } from '../../../domain/claim';

/**
 * What a person confirms in "Checked before?". `claim` is the claim as shown: its
 * version goes to the server, and it is what the claim returns to when refused.
 */
export const CheckedBeforeActions = createActionGroup({
  source: 'Checked Before',
  events: {
    'Mark Repeat Confirmed': props<{ claim: ClaimSummary; originalId: string }>(),
    'Unmark Repeat Confirmed': props<{ claim: ClaimSummary }>(),
    'Adopt Confirmed': props<{ claim: ClaimSummary }>(),
  },
});
