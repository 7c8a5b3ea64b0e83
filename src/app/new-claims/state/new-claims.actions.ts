import { createActionGroup, props } from '@ngrx/store';
import { ClaimSummary } from '../../../domain/claim';
import { Suggestion } from '../../../domain/suggestion';
import { ClaimDraft } from '../new-claims-api';

/** What an editor does to add claims: decide on suggestions, or claim selected words. */
export const NewClaimsPageActions = createActionGroup({
  source: 'New Claims',
  events: {
    'Suggestion Accepted': props<{ suggestion: Suggestion; draft: ClaimDraft }>(),
    'Suggestion Rejected': props<{ suggestion: Suggestion }>(),
    'Selection Claimed': props<{ articleId: string; draft: ClaimDraft }>(),
  },
});

export const NewClaimsApiActions = createActionGroup({
  source: 'New Claims API',
  events: {
    'Suggestions Loaded': props<{ articleId: string; suggestions: Suggestion[] }>(),
    'Suggestions Load Failed': props<{ articleId: string; error: string }>(),
    /** The suggestion as the server now has it: accepted or rejected. */
    'Suggestion Decided': props<{ suggestion: Suggestion }>(),
    'Decision Failed': props<{ suggestionId: string; error: string }>(),
    'Claim Created': props<{ claim: ClaimSummary }>(),
    'Create Failed': props<{ error: string }>(),
  },
});
