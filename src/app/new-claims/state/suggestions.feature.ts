import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
import { ListedSuggestion, listed, Sensitivity, SuggestionOrder } from '../listed-suggestion';
import { BatchOutcome, NewClaimsApiActions, NewClaimsPageActions } from './new-claims.actions';

/** The open claim suggestions of the article in the workspace. */
export interface SuggestionsState extends EntityState<ListedSuggestion> {
  readonly articleId: string | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** Keys of the suggestions whose accept or reject is on its way to the server. */
  readonly pending: readonly string[];
  /** How many sentences to offer: `default` is the suggester's threshold, as ever. */
  readonly sensitivity: Sensitivity;
  readonly order: SuggestionOrder;
  /** What the last accept or reject of several came to. */
  readonly lastBatch: BatchOutcome | null;
}

export const suggestionsAdapter = createEntityAdapter<ListedSuggestion>({
  selectId: (s) => s.key,
  sortComparer: (a, b) => a.start - b.start || a.end - b.end || a.key.localeCompare(b.key),
});

export const initialSuggestionsState: SuggestionsState = suggestionsAdapter.getInitialState({
  articleId: null,
  loading: false,
  error: null,
  pending: [],
  sensitivity: 'default',
  order: 'score',
  lastBatch: null,
});

const withoutPending = (state: SuggestionsState, ...keys: readonly string[]): readonly string[] =>
  state.pending.filter((key) => !keys.includes(key));

const withPending = (state: SuggestionsState, keys: readonly string[]): readonly string[] => [
  ...withoutPending(state, ...keys),
  ...keys,
];

export const suggestionsFeature = createFeature({
  name: 'suggestions',
  reducer: createReducer(
    initialSuggestionsState,
    on(WorkspacePageActions.opened, (state, { articleId }): SuggestionsState =>
      state.articleId === articleId
        ? { ...state, loading: true, error: null }
        : suggestionsAdapter.removeAll({
            ...state,
            articleId,
            loading: true,
            error: null,
            pending: [],
            lastBatch: null,
          }),
    ),
    on(
      NewClaimsApiActions.suggestionsLoaded,
      (state, { articleId, suggestions }): SuggestionsState =>
        articleId === state.articleId
          ? suggestionsAdapter.setAll(
              suggestions
                // Accepted or rejected ones are decided: a claim, or left alone.
                .filter((s) => s.status === 'open' || s.status === null)
                .map((s) => listed(articleId, s)),
              { ...state, loading: false },
            )
          : state,
    ),
    on(
      NewClaimsApiActions.suggestionsLoadFailed,
      (state, { articleId, error }): SuggestionsState =>
        articleId === state.articleId ? { ...state, loading: false, error } : state,
    ),
    on(NewClaimsPageActions.sensitivityChanged, (state, { sensitivity }): SuggestionsState =>
      sensitivity === state.sensitivity
        ? state
        : { ...state, sensitivity, loading: state.articleId !== null, error: null },
    ),
    on(NewClaimsPageActions.orderChanged, (state, { order }): SuggestionsState => ({
      ...state,
      order,
    })),
    on(
      NewClaimsPageActions.suggestionAccepted,
      NewClaimsPageActions.suggestionRejected,
      (state, { suggestion }): SuggestionsState => ({
        ...state,
        pending: withPending(state, [suggestion.key]),
      }),
    ),
    on(NewClaimsPageActions.severalAccepted, (state, { acceptances }): SuggestionsState => ({
      ...state,
      pending: withPending(
        state,
        acceptances.map((a) => a.suggestion.key),
      ),
      lastBatch: null,
    })),
    on(NewClaimsPageActions.severalRejected, (state, { suggestions }): SuggestionsState => ({
      ...state,
      pending: withPending(
        state,
        suggestions.map((s) => s.key),
      ),
      lastBatch: null,
    })),
    on(NewClaimsApiActions.suggestionDecided, (state, { suggestion }): SuggestionsState =>
      suggestionsAdapter.removeOne(suggestion.id, {
        ...state,
        pending: withoutPending(state, suggestion.id),
      }),
    ),
    on(NewClaimsApiActions.sentenceClaimed, (state, { key }): SuggestionsState =>
      suggestionsAdapter.removeOne(key, { ...state, pending: withoutPending(state, key) }),
    ),
    on(NewClaimsApiActions.decisionFailed, (state, { suggestionId }): SuggestionsState => ({
      ...state,
      pending: withoutPending(state, suggestionId),
    })),
    on(NewClaimsApiActions.severalDecided, (state, outcome): SuggestionsState => ({
      ...state,
      pending: withoutPending(state, ...outcome.keys),
      lastBatch: outcome,
    })),
  ),
  extraSelectors: ({ selectSuggestionsState, selectPending, selectOrder }) => {
    const { selectAll, selectTotal } = suggestionsAdapter.getSelectors(selectSuggestionsState);
    return {
      /** In text order. */
      selectOpenSuggestions: selectAll,
      selectOpenCount: selectTotal,
      /** As the list shows them: by score, highest first, or in text order. */
      selectListed: createSelector(selectAll, selectOrder, (all, order) =>
        order === 'text' ? all : [...all].sort((a, b) => b.score - a.score || a.start - b.start),
      ),
      selectPendingIds: createSelector(selectPending, (pending) => new Set(pending)),
    };
  },
});
