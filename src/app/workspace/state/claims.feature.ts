import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { ArticleDetail, ClaimSummary } from '../../../domain/claim';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

export interface ClaimsState extends EntityState<ClaimSummary> {
  readonly article: ArticleDetail | null;
  readonly selectedClaimId: string | null;
  readonly loading: boolean;
  readonly error: string | null;
}

/** Claims kept in article order: by position, longer first where two start together. */
export const claimsAdapter = createEntityAdapter<ClaimSummary>({
  sortComparer: (a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id),
});

export const initialClaimsState: ClaimsState = claimsAdapter.getInitialState({
  article: null,
  selectedClaimId: null,
  loading: false,
  error: null,
});

export const claimsFeature = createFeature({
  name: 'claims',
  reducer: createReducer(
    initialClaimsState,
    on(WorkspacePageActions.opened, (state, { articleId }): ClaimsState =>
      state.article?.id === articleId
        ? { ...state, loading: true, error: null }
        : claimsAdapter.removeAll({
            ...state,
            article: null,
            selectedClaimId: null,
            loading: true,
            error: null,
          }),
    ),
    on(WorkspacePageActions.claimSelected, (state, { claimId }): ClaimsState => ({
      ...state,
      selectedClaimId: claimId,
    })),
    on(WorkspaceApiActions.articleLoaded, (state, { article }): ClaimsState => ({
      ...state,
      article,
    })),
    on(WorkspaceApiActions.claimsLoaded, (state, { articleId, claims }): ClaimsState =>
      state.article === null || state.article.id === articleId
        ? claimsAdapter.setAll(claims, { ...state, loading: false })
        : state,
    ),
    on(WorkspaceApiActions.loadFailed, (state, { error }): ClaimsState => ({
      ...state,
      loading: false,
      error,
    })),
  ),
  extraSelectors: ({ selectClaimsState, selectSelectedClaimId, selectEntities }) => {
    const { selectAll, selectTotal } = claimsAdapter.getSelectors(selectClaimsState);
    return {
      selectAll,
      selectTotal,
      selectSelectedClaim: createSelector(selectSelectedClaimId, selectEntities, (id, entities) =>
        id === null ? null : (entities[id] ?? null),
      ),
    };
  },
});
