import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { DeskClaim, DeskPage, DeskQuery, Queue, QueueId, queuesFor } from '../../../domain/desk';
import { SessionApiActions } from '../../session/state/session.actions';
import { sessionFeature } from '../../session/state/session.feature';
import { LiveActions } from '../../shell/state/live.actions';
import { ClaimsPageActions, DeskApiActions, MyWorkPageActions } from './desk.actions';

/** One list of claims as far as it has been loaded: a queue of My work, or the claims page. */
export interface DeskList {
  /** In the server's order. */
  readonly ids: readonly string[];
  /** How many claims the whole list has; null until the first page answered. */
  readonly total: number | null;
  readonly nextCursor: string | null;
  readonly loading: boolean;
  readonly error: string | null;
}

export const EMPTY_LIST: DeskList = {
  ids: [],
  total: null,
  nextCursor: null,
  loading: false,
  error: null,
};

/**
 * The desk: claims across articles. The claims themselves are kept once (a claim
 * can be in two queues), the lists keep their ids, so that a live change shows
 * everywhere the claim is listed.
 */
export interface DeskState extends EntityState<DeskClaim> {
  readonly myWorkOpen: boolean;
  readonly queues: Readonly<Partial<Record<QueueId, DeskList>>>;
  /** The query the claims page shows; null while that page is closed. */
  readonly query: DeskQuery | null;
  readonly list: DeskList;
  /** The totals of the signed-in person's queues: the toolbar's badges. */
  readonly counts: Readonly<Partial<Record<QueueId, number>>>;
  /** Ticked claims of the open page, for the selection bar. */
  readonly selectedIds: readonly string[];
}

export const deskAdapter = createEntityAdapter<DeskClaim>();

export const initialDeskState: DeskState = deskAdapter.getInitialState({
  myWorkOpen: false,
  queues: {},
  query: null,
  list: EMPTY_LIST,
  counts: {},
  selectedIds: [],
});

function loaded(list: DeskList, page: DeskPage, append: boolean): DeskList {
  const fresh = page.items.map((item) => item.id);
  // A claim that moved while paging can come twice: it is listed once, where first seen.
  const ids = append ? [...new Set([...list.ids, ...fresh])] : fresh;
  return { ids, total: page.total, nextCursor: page.nextCursor, loading: false, error: null };
}

/** Forgets claims no list shows any more, and unticks them: what is ticked is always in sight. */
function prune(state: DeskState): DeskState {
  const shown = new Set<string>(state.list.ids);
  for (const list of Object.values(state.queues)) {
    list?.ids.forEach((id) => shown.add(id));
  }
  const gone = (state.ids as string[]).filter((id) => !shown.has(id));
  const selectedIds = state.selectedIds.filter((id) => shown.has(id));
  return deskAdapter.removeMany(gone, { ...state, selectedIds });
}

function withQueue(state: DeskState, queue: QueueId, change: Partial<DeskList>): DeskState {
  return {
    ...state,
    queues: { ...state.queues, [queue]: { ...(state.queues[queue] ?? EMPTY_LIST), ...change } },
  };
}

function select(state: DeskState, ids: readonly string[], selected: boolean): DeskState {
  const selectedIds = selected
    ? [...new Set([...state.selectedIds, ...ids])]
    : state.selectedIds.filter((id) => !ids.includes(id));
  return { ...state, selectedIds };
}

export const deskFeature = createFeature({
  name: 'desk',
  reducer: createReducer(
    initialDeskState,
    on(MyWorkPageActions.opened, (state): DeskState => ({
      ...state,
      myWorkOpen: true,
      selectedIds: [],
    })),
    on(MyWorkPageActions.closed, (state): DeskState =>
      prune({ ...state, myWorkOpen: false, queues: {}, selectedIds: [] }),
    ),
    on(MyWorkPageActions.showMoreClicked, (state, { queue }): DeskState =>
      withQueue(state, queue, { loading: true }),
    ),
    on(MyWorkPageActions.retryClicked, (state, { queue }): DeskState =>
      withQueue(state, queue, { loading: true, error: null }),
    ),
    on(DeskApiActions.queueLoaded, (state, { queue, page, append }): DeskState => {
      const list = loaded(state.queues[queue] ?? EMPTY_LIST, page, append);
      return prune(
        deskAdapter.upsertMany([...page.items], {
          ...state,
          queues: { ...state.queues, [queue]: list },
          counts: { ...state.counts, [queue]: page.total },
        }),
      );
    }),
    on(DeskApiActions.queueLoadFailed, (state, { queue, error }): DeskState =>
      withQueue(state, queue, { loading: false, error }),
    ),
    on(ClaimsPageActions.queryChanged, (state, { query }): DeskState =>
      prune({ ...state, query, list: { ...EMPTY_LIST, loading: true }, selectedIds: [] }),
    ),
    on(ClaimsPageActions.closed, (state): DeskState =>
      prune({ ...state, query: null, list: EMPTY_LIST, selectedIds: [] }),
    ),
    on(ClaimsPageActions.showMoreClicked, (state): DeskState => ({
      ...state,
      list: { ...state.list, loading: true },
    })),
    on(ClaimsPageActions.retryClicked, (state): DeskState => ({
      ...state,
      list: { ...state.list, loading: true, error: null },
    })),
    on(DeskApiActions.listLoaded, (state, { page, append }): DeskState =>
      prune(
        deskAdapter.upsertMany([...page.items], {
          ...state,
          list: loaded(state.list, page, append),
        }),
      ),
    ),
    on(DeskApiActions.listLoadFailed, (state, { error }): DeskState => ({
      ...state,
      list: { ...state.list, loading: false, error },
    })),
    on(
      MyWorkPageActions.selectionChanged,
      ClaimsPageActions.selectionChanged,
      (state, { ids, selected }): DeskState => select(state, ids, selected),
    ),
    on(
      MyWorkPageActions.selectionCleared,
      ClaimsPageActions.selectionCleared,
      (state): DeskState => ({ ...state, selectedIds: [] }),
    ),
    on(DeskApiActions.countsLoaded, (state, { counts }): DeskState => ({
      ...state,
      counts: { ...state.counts, ...counts },
    })),
    // A change shows at once where the claim is listed; whether it still belongs
    // in the list is the server's call, asked once the changes settle.
    on(LiveActions.claimChanged, (state, { claim }): DeskState =>
      state.entities[claim.id]
        ? deskAdapter.updateOne({ id: claim.id, changes: claim }, state)
        : state,
    ),
    on(LiveActions.articleUpdated, (state, { article }): DeskState =>
      deskAdapter.updateMany(
        Object.values(state.entities)
          .filter((claim) => claim?.articleId === article.id)
          .map((claim) => ({ id: claim!.id, changes: { articleHeadline: article.headline } })),
        state,
      ),
    ),
    on(
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      SessionApiActions.noSession,
      (): DeskState => initialDeskState,
    ),
  ),
  extraSelectors: ({ selectEntities, selectQueues, selectList, selectSelectedIds }) => {
    const claimsOf = (ids: readonly string[], entities: Record<string, DeskClaim | undefined>) =>
      ids.map((id) => entities[id]).filter((claim): claim is DeskClaim => claim !== undefined);
    return {
      /** The signed-in person's queues in reading order, each with its claims. */
      selectMyQueues: createSelector(
        sessionFeature.selectUser,
        selectQueues,
        selectEntities,
        (user, queues, entities): QueueView[] =>
          user
            ? queuesFor(user.role).map((queue) => {
                const list = queues[queue.id] ?? { ...EMPTY_LIST, loading: true };
                return { queue, ...listView(list, claimsOf(list.ids, entities)) };
              })
            : [],
      ),
      selectClaimsList: createSelector(selectList, selectEntities, (list, entities) =>
        listView(list, claimsOf(list.ids, entities)),
      ),
      selectSelectedClaims: createSelector(selectSelectedIds, selectEntities, (ids, entities) =>
        claimsOf(ids, entities),
      ),
      selectSelectedIdSet: createSelector(
        selectSelectedIds,
        (ids): ReadonlySet<string> => new Set(ids),
      ),
    };
  },
});

/** A list as a page shows it. */
export interface DeskListView {
  readonly claims: readonly DeskClaim[];
  readonly total: number | null;
  readonly hasMore: boolean;
  readonly loading: boolean;
  readonly error: string | null;
}

export interface QueueView extends DeskListView {
  readonly queue: Queue;
}

function listView(list: DeskList, claims: readonly DeskClaim[]): DeskListView {
  return {
    claims,
    total: list.total,
    hasMore: list.nextCursor !== null,
    loading: list.loading,
    error: list.error,
  };
}

export interface QueueBadge {
  readonly queue: Queue;
  /** Null until counted. */
  readonly count: number | null;
}

/** The toolbar's badges: the signed-in person's queues and how many claims each holds. */
export const selectQueueBadges = createSelector(
  sessionFeature.selectUser,
  deskFeature.selectCounts,
  (user, counts): QueueBadge[] =>
    user ? queuesFor(user.role).map((queue) => ({ queue, count: counts[queue.id] ?? null })) : [],
);
