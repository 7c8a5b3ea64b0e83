import { createActionGroup, props } from '@ngrx/store';
import { ClaimSummary } from '../../../domain/claim';
import { ScoredSentence, Suggestion } from '../../../domain/suggestion';
import { ListedSuggestion, Sensitivity, SuggestionOrder } from '../listed-suggestion';
import { ClaimDraft } from '../new-claims-api';

/** One sentence to accept, with the claim it becomes. */
export interface Acceptance {
  readonly suggestion: ListedSuggestion;
  readonly draft: ClaimDraft;
}

/** What a batch of decisions came to. */
export interface BatchOutcome {
  readonly decision: 'accepted' | 'rejected';
  /** Every sentence of the batch, decided or not. */
  readonly keys: readonly string[];
  readonly done: number;
  /** The reason of each that failed. */
  readonly errors: readonly string[];
}

/** What an editor does to add claims: decide on suggestions, or claim selected words. */
export const NewClaimsPageActions = createActionGroup({
  source: 'New Claims',
  events: {
    /** A stored suggestion, or a scored sentence (claimed by its words). */
    'Suggestion Accepted': props<Acceptance>(),
    'Suggestion Rejected': props<{ suggestion: ListedSuggestion }>(),
    /** Several at once, each as it stands: decided one after another. */
    'Several Accepted': props<{ acceptances: readonly Acceptance[] }>(),
    'Several Rejected': props<{ suggestions: readonly ListedSuggestion[] }>(),
    'Selection Claimed': props<{ articleId: string; draft: ClaimDraft }>(),
    'Sensitivity Changed': props<{ sensitivity: Sensitivity }>(),
    'Order Changed': props<{ order: SuggestionOrder }>(),
  },
});

export const NewClaimsApiActions = createActionGroup({
  source: 'New Claims API',
  events: {
    'Suggestions Loaded': props<{
      articleId: string;
      suggestions: readonly (Suggestion | ScoredSentence)[];
    }>(),
    'Suggestions Load Failed': props<{ articleId: string; error: string }>(),
    /** The suggestion as the server now has it: accepted or rejected. */
    'Suggestion Decided': props<{ suggestion: Suggestion }>(),
    /** A scored sentence that was no stored suggestion became this claim. */
    'Sentence Claimed': props<{ key: string; claim: ClaimSummary }>(),
    /** `suggestionId` is the listed suggestion's key. */
    'Decision Failed': props<{ suggestionId: string; error: string }>(),
    'Several Decided': props<BatchOutcome>(),
    'Claim Created': props<{ claim: ClaimSummary }>(),
    'Create Failed': props<{ error: string }>(),
  },
});
