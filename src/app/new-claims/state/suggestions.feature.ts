import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Suggestion } from '../../../domain/suggestion';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
import { NewClaimsApiActions, NewClaimsPageActions } from './new-claims.actions';

/** The open claim suggestions of the article in the workspace. */
export interface SuggestionsState extends EntityState<Suggestion> {
  readonly articleId: string | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** Suggestions whose accept or reject is on its way to the server. */
  readonly pending: readonly string[];
}

export const suggestionsAdapter = createEntityAdapter<Suggestion>({
  sortComparer: (a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id),
});

export const initialSuggestionsState: SuggestionsState = suggestionsAdapter.getInitialState({
  articleId: null,
  loading: false,
  error: null,
  pending: [],
});

const withoutPending = (state: SuggestionsState, id: string): readonly string[] =>
  state.pending.filter((pendingId) => pendingId !== id);

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
          }),
    ),
    on(
      NewClaimsApiActions.suggestionsLoaded,
      (state, { articleId, suggestions }): SuggestionsState =>
        articleId === state.articleId
          ? suggestionsAdapter.setAll(
              suggestions.filter((s) => s.status === 'open'),
              { ...state, loading: false },
            )
          : state,
    ),
    on(
      NewClaimsApiActions.suggestionsLoadFailed,
      (state, { articleId, error }): SuggestionsState =>
        articleId === state.articleId ? { ...state, loading: false, error } : state,
    ),
    on(
      NewClaimsPageActions.suggestionAccepted,
      NewClaimsPageActions.suggestionRejected,
      (state, { suggestion }): SuggestionsState => ({
        ...state,
        pending: [...withoutPending(state, suggestion.id), suggestion.id],
      }),
    ),
    on(NewClaimsApiActions.suggestionDecided, (state, { suggestion }): SuggestionsState =>
      suggestionsAdapter.removeOne(suggestion.id, {
        ...state,
        pending: withoutPending(state, suggestion.id),
      }),
    ),
    on(NewClaimsApiActions.decisionFailed, (state, { suggestionId }): SuggestionsState => ({
      ...state,
      pending: withoutPending(state, suggestionId),
    })),
  ),
  extraSelectors: ({ selectSuggestionsState, selectPending }) => {
    const { selectAll, selectTotal } = suggestionsAdapter.getSelectors(selectSuggestionsState);
    return {
      selectOpenSuggestions: selectAll,
      selectOpenCount: selectTotal,
      selectPendingIds: createSelector(selectPending, (pending) => new Set(pending)),
    };
  },
});
