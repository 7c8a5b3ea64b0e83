import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Notification } from '../../../domain/notifications';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { InboxApiActions, InboxPanelActions, MuteToggleActions } from './notifications.actions';

/**
 * The signed-in person's notifications, newest first: the first page loads on
 * sign-in and on each connection of the event stream, new ones arrive live, and
 * "show more" continues from `nextCursor`.
 */
export interface InboxState extends EntityState<Notification> {
  /** The server's unread count, whatever the list holds. */
  readonly unread: number;
  /** Where the next page starts; null when the list is complete. */
  readonly nextCursor: string | null;
  readonly loading: boolean;
  /** Why the last load or marking failed; null when it did not. */
  readonly error: string | null;
  /** Article id → whether the signed-in person muted its `submitted` notifications, once known. */
  readonly muted: Readonly<Record<string, boolean>>;
}

/** Newest first; the id breaks ties between notifications of the same instant. */
export const inboxAdapter = createEntityAdapter<Notification>({
  sortComparer: (a, b) =>
    a.createdAt !== b.createdAt
      ? a.createdAt < b.createdAt
        ? 1
        : -1
      : a.id < b.id
        ? 1
        : a.id > b.id
          ? -1
          : 0,
});

export const initialInboxState: InboxState = inboxAdapter.getInitialState({
  unread: 0,
  nextCursor: null,
  loading: false,
  error: null,
  muted: {},
});

export const inboxFeature = createFeature({
  name: 'inbox',
  reducer: createReducer(
    initialInboxState,
    on(
      SessionApiActions.sessionRestored,
      SessionApiActions.signedIn,
      InboxPanelActions.showMoreClicked,
      InboxPanelActions.retryClicked,
      (state): InboxState => ({ ...state, loading: true, error: null }),
    ),
    on(InboxApiActions.pageLoaded, (state, { page, more }): InboxState => {
      const next = { ...state, unread: page.unread, loading: false, error: null };
      return more
        ? inboxAdapter.upsertMany([...page.items], { ...next, nextCursor: page.nextCursor })
        : inboxAdapter.setAll([...page.items], { ...next, nextCursor: page.nextCursor });
    }),
    on(
      InboxApiActions.loadFailed,
      InboxApiActions.markReadFailed,
      (state, { error }): InboxState => ({
        ...state,
        loading: false,
        error,
      }),
    ),
    on(LiveActions.notificationReceived, (state, { notification, unread }): InboxState =>
      inboxAdapter.upsertOne(notification, { ...state, unread }),
    ),
    // Marked read in another tab or device (or this one: its optimistic mark stays).
    on(LiveActions.notificationsRead, (state, { ids, readAt, unread }): InboxState =>
      inboxAdapter.updateMany(
        ids
          .filter((id) => state.entities[id]?.readAt === null)
          .map((id) => ({ id, changes: { readAt } })),
        { ...state, unread },
      ),
    ),
    // Optimistic: read at once; a refusal reloads what the server holds.
    on(InboxPanelActions.notificationOpened, (state, { notification, at }): InboxState => {
      const shown = state.entities[notification.id];
      if (notification.readAt !== null || (shown && shown.readAt !== null)) {
        return state;
      }
      return inboxAdapter.updateOne(
        { id: notification.id, changes: { readAt: at } },
        { ...state, unread: Math.max(0, state.unread - 1) },
      );
    }),
    on(InboxPanelActions.markAllReadClicked, (state, { at }): InboxState =>
      inboxAdapter.map((n) => (n.readAt === null ? { ...n, readAt: at } : n), {
        ...state,
        unread: 0,
      }),
    ),
    // Optimistic as well: the toggle moves at once, and back if the server refuses.
    on(
      MuteToggleActions.toggled,
      InboxApiActions.muteLoaded,
      InboxApiActions.muteFailed,
      (state, { articleId, muted }): InboxState => ({
        ...state,
        muted: { ...state.muted, [articleId]: muted },
      }),
    ),
    on(InboxApiActions.markedRead, (state, { unread }): InboxState => ({ ...state, unread })),
    on(
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      SessionApiActions.noSession,
      (): InboxState => initialInboxState,
    ),
  ),
  extraSelectors: ({ selectInboxState, selectNextCursor }) => {
    const { selectAll } = inboxAdapter.getSelectors(selectInboxState);
    return {
      selectNotifications: selectAll,
      selectHasMore: createSelector(selectNextCursor, (cursor) => cursor !== null),
    };
  },
});
