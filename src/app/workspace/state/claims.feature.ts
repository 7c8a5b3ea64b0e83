import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { Params } from '@angular/router';
import {
  createFeature,
  createReducer,
  createSelector,
  createSelectorFactory,
  MemoizedSelector,
  on,
  resultMemoize,
} from '@ngrx/store';
import { ArticleDetail, ClaimSummary } from '../../../domain/claim';
import {
  ClaimFilter,
  EMPTY_FILTER,
  filterFromQuery,
  sameFilter,
} from '../../../domain/claim-filter';
import { ACTION_RULES } from '../../../domain/workflow';
import { NewClaimsApiActions } from '../../new-claims/state/new-claims.actions';
import { OverviewPageActions } from '../../overview/state/overview.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { ClaimDetailPageActions, ClaimsApiActions } from './claim-detail.actions';
import { sessionFeature } from '../../session/state/session.feature';
import { NoteText } from '../claims-api';
import { ClaimSearch } from './claim-search';
import { selectClaimIdFromUrl, selectQueryParams } from './router.selectors';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

export interface ClaimsState extends EntityState<ClaimSummary> {
  readonly article: ArticleDetail | null;
  readonly loading: boolean;
  readonly error: string | null;
  /** The server has no such article: the link leads nowhere. */
  readonly missing: boolean;
  /** What is typed in the search box before it reaches the URL; null once it has. */
  readonly searchDraft: string | null;
  /** Each claim's live notes as one text, for search: kept apart from the claims, which change more often. */
  readonly noteText: NoteText;
  /** The claims checked in the table for a bulk action, in the order they were checked. */
  readonly checkedIds: readonly string[];
}

/** Claims kept in article order: by position, longer first where two start together. */
export const claimsAdapter = createEntityAdapter<ClaimSummary>({
  sortComparer: (a, b) => a.start - b.start || b.end - a.end || a.id.localeCompare(b.id),
});

export const initialClaimsState: ClaimsState = claimsAdapter.getInitialState({
  article: null,
  loading: false,
  error: null,
  missing: false,
  searchDraft: null,
  noteText: {},
  checkedIds: [],
});

/**
 * Whether `claim` may replace what the store holds: it belongs to the article
 * shown and is no older than the version there (an equal version is the same
 * save, or the state an optimistic change started from).
 */
function isCurrent(state: ClaimsState, claim: ClaimSummary): boolean {
  const known = state.entities[claim.id];
  return state.article?.id === claim.articleId && (!known || claim.version >= known.version);
}

const NONE_CHECKED: readonly ClaimSummary[] = [];

export const claimsFeature = createFeature({
  name: 'claims',
  reducer: createReducer(
    initialClaimsState,
    on(
      WorkspacePageActions.opened,
      OverviewPageActions.opened,
      OverviewPageActions.retryClicked,
      (state, { articleId }): ClaimsState =>
        state.article?.id === articleId
          ? { ...state, loading: true, error: null, missing: false }
          : claimsAdapter.removeAll({
              ...state,
              article: null,
              noteText: {},
              checkedIds: [],
              loading: true,
              error: null,
              missing: false,
            }),
    ),
    on(WorkspaceApiActions.articleLoaded, (state, { article }): ClaimsState => ({
      ...state,
      article,
    })),
    on(WorkspaceApiActions.claimsLoaded, (state, { articleId, claims }): ClaimsState =>
      state.article === null || state.article.id === articleId
        ? claimsAdapter.setAll(claims, { ...state, loading: false })
        : state,
    ),
    on(WorkspaceApiActions.noteTextLoaded, (state, { articleId, noteText }): ClaimsState =>
      state.article === null || state.article.id === articleId ? { ...state, noteText } : state,
    ),
    on(
      WorkspaceApiActions.claimNoteTextLoaded,
      (state, { articleId, claimId, text }): ClaimsState => {
        if (state.article?.id !== articleId) {
          return state;
        }
        // Entries, not assignment: a claim id of `__proto__` stays an ordinary key.
        const entries = Object.entries(state.noteText).filter(([id]) => id !== claimId);
        if (text !== null) {
          entries.push([claimId, text]);
        }
        return { ...state, noteText: Object.fromEntries(entries) };
      },
    ),
    on(WorkspaceApiActions.loadFailed, (state, { error, missing }): ClaimsState => ({
      ...state,
      loading: false,
      error,
      missing,
    })),
    on(WorkspacePageActions.searchTyped, (state, { query }): ClaimsState => ({
      ...state,
      searchDraft: query,
    })),
    // The query of a filter change is what the URL will say; the draft holds it until it does.
    on(WorkspacePageActions.filterChanged, (state, { filter }): ClaimsState => ({
      ...state,
      searchDraft: filter.query,
    })),
    on(WorkspacePageActions.searchSyncedToUrl, (state, { query }): ClaimsState =>
      state.searchDraft === query ? { ...state, searchDraft: null } : state,
    ),
    on(WorkspacePageActions.claimChecked, (state, { claimId, checked }): ClaimsState => {
      const others = state.checkedIds.filter((id) => id !== claimId);
      return { ...state, checkedIds: checked ? [...others, claimId] : others };
    }),
    on(WorkspacePageActions.visibleClaimsChecked, (state, { claimIds, checked }): ClaimsState => {
      const changed = new Set(claimIds);
      const others = state.checkedIds.filter((id) => !changed.has(id));
      return { ...state, checkedIds: checked ? [...others, ...claimIds] : others };
    }),
    on(WorkspacePageActions.selectionCleared, (state): ClaimsState => ({
      ...state,
      checkedIds: [],
    })),
    // Optimistic: the change shows at once and is replaced by the server's answer.
    on(ClaimDetailPageActions.fieldsSaved, (state, { previous, patch }): ClaimsState =>
      claimsAdapter.updateOne({ id: previous.id, changes: patch }, state),
    ),
    on(ClaimDetailPageActions.actionTaken, (state, { previous, request }): ClaimsState =>
      claimsAdapter.updateOne(
        { id: previous.id, changes: { stage: ACTION_RULES[request.action].to } },
        state,
      ),
    ),
    on(ClaimsApiActions.claimSaved, (state, { claim }): ClaimsState =>
      claimsAdapter.upsertOne(claim, state),
    ),
    on(NewClaimsApiActions.claimCreated, (state, { claim }): ClaimsState =>
      state.article?.id === claim.articleId ? claimsAdapter.upsertOne(claim, state) : state,
    ),
    // A rollback never undoes a newer version that arrived meanwhile (a live update).
    on(ClaimsApiActions.claimSaveFailed, (state, { restore }): ClaimsState =>
      isCurrent(state, restore) ? claimsAdapter.upsertOne(restore, state) : state,
    ),
    on(ClaimsApiActions.claimConflict, (state, { theirs }): ClaimsState =>
      claimsAdapter.upsertOne(theirs, state),
    ),
    // Edited or archived by anyone: the workspace follows, keeping the text it has.
    on(LiveActions.articleUpdated, (state, { article }): ClaimsState =>
      state.article?.id === article.id && article.version >= state.article.version
        ? { ...state, article: { ...state.article, ...article } }
        : state,
    ),
    on(LiveActions.claimChanged, (state, { claim }): ClaimsState =>
      isCurrent(state, claim) ? claimsAdapter.upsertOne(claim, state) : state,
    ),
  ),
  extraSelectors: ({
    selectClaimsState,
    selectEntities,
    selectSearchDraft,
    selectNoteText,
    selectCheckedIds,
  }) => {
    const { selectAll, selectTotal } = claimsAdapter.getSelectors(selectClaimsState);
    /**
     * The same object while the filter's value stays the same: the search reaching
     * the URL (the draft dropped for the same query) recomputes nothing downstream.
     */
    const filterOf = (params: Params | undefined, draft: string | null): ClaimFilter => {
      const filter = params ? filterFromQuery(params) : EMPTY_FILTER;
      return draft === null ? filter : { ...filter, query: draft };
    };
    /**
     * The same object while the filter's value stays the same: the search reaching
     * the URL (the draft dropped for the same query) recomputes nothing downstream.
     */
    const selectFilter: MemoizedSelector<object, ClaimFilter, typeof filterOf> =
      createSelectorFactory((projector) => resultMemoize(projector, sameFilter))(
        selectQueryParams,
        selectSearchDraft,
        filterOf,
      );
    const search = new ClaimSearch<ClaimSummary>();
    /**
     * Memoised: recomputed only when the claims, the filter, the user or the note
     * text change; a keystroke tests only the claims it can still find (ClaimSearch).
     */
    const selectVisibleClaims = createSelector(
      selectAll,
      selectFilter,
      sessionFeature.selectUser,
      selectNoteText,
      (claims, filter, user, noteText) =>
        search.visible(
          claims,
          filter,
          user?.username ?? null,
          (claim) =>
            // Own keys only: a claim id such as `constructor` must not find Object's.
            Object.hasOwn(noteText, claim.id) ? noteText[claim.id] : undefined,
          noteText,
        ),
    );
    return {
      selectAll,
      selectTotal,
      selectFilter,
      selectVisibleClaims,
      /**
       * The checked claims the table shows, in its order: a bulk action acts on
       * what the person sees. A checked claim a filter hides stays checked and
       * comes back with it.
       */
      selectCheckedClaims: createSelector(selectVisibleClaims, selectCheckedIds, (visible, ids) => {
        if (ids.length === 0) {
          // The same empty list on every search key: the selection bar is not checked again.
          return NONE_CHECKED;
        }
        const checked = new Set(ids);
        return visible.filter((claim) => checked.has(claim.id));
      }),
      selectSelectedClaim: createSelector(selectClaimIdFromUrl, selectEntities, (id, entities) =>
        typeof id === 'string' ? (entities[id] ?? null) : null,
      ),
    };
  },
});
