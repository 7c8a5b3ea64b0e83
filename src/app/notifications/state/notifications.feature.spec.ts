import { Notification, NotificationPage } from '../../../domain/notifications';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { InboxApiActions, InboxPanelActions, MuteToggleActions } from './notifications.actions';
import { inboxFeature, InboxState, initialInboxState } from './notifications.feature';

export function notification(overrides: Partial<Notification> = {}): Notification {
  return {
    id: 'n1',
    kind: 'assigned',
    createdAt: '2026-12-05T09:00:00.000Z',
    readAt: null,
    actor: { username: 'dana', displayName: 'Dana Reyes' },
    claimId: 'c1',
    articleId: 'a1',
    text: 'Dana Reyes assigned you “Crime fell by half”',
    ...overrides,
  };
}

export function page(
  items: Notification[],
  unread: number,
  nextCursor: string | null = null,
): NotificationPage {
  return { items, unread, nextCursor };
}

const { reducer, selectNotifications, selectHasMore } = inboxFeature;
const at = '2026-12-05T10:00:00.000Z';
const older = notification({ id: 'n1', createdAt: '2026-12-05T08:00:00.000Z' });
const newer = notification({ id: 'n2', createdAt: '2026-12-05T09:30:00.000Z', kind: 'mentioned' });

function loaded(items: Notification[], unread: number, cursor: string | null = null): InboxState {
  return reducer(
    initialInboxState,
    InboxApiActions.pageLoaded({ page: page(items, unread, cursor), more: false }),
  );
}

describe('inbox feature', () => {
  it('lists the first page newest first, with the server’s unread count and where to go on', () => {
    const state = loaded([older, newer], 5, 'cur-1');
    expect(selectNotifications.projector(state).map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(state.unread).toBe(5);
    expect(selectHasMore.projector(state.nextCursor)).toBeTrue();
    expect(state.loading).toBeFalse();
  });

  it('continues the list with the next page, and knows when it is complete', () => {
    let state = loaded([newer], 2, 'cur-1');
    state = reducer(state, InboxPanelActions.showMoreClicked());
    expect(state.loading).toBeTrue();
    state = reducer(state, InboxApiActions.pageLoaded({ page: page([older], 2), more: true }));
    expect(selectNotifications.projector(state).map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(selectHasMore.projector(state.nextCursor)).toBeFalse();
  });

  it('replaces the list when the first page is loaded again (a reconnection)', () => {
    let state = loaded([older, newer], 2);
    state = reducer(state, InboxApiActions.pageLoaded({ page: page([newer], 1), more: false }));
    expect(selectNotifications.projector(state).map((n) => n.id)).toEqual(['n2']);
    expect(state.unread).toBe(1);
  });

  it('adds a live notification on top with the count it came with, once even if replayed', () => {
    let state = loaded([older], 1);
    const live = LiveActions.notificationReceived({ notification: newer, unread: 2 });
    state = reducer(reducer(state, live), live);
    expect(selectNotifications.projector(state).map((n) => n.id)).toEqual(['n2', 'n1']);
    expect(state.unread).toBe(2);
  });

  it('marks read what another tab or device marked, keeping a read time already shown', () => {
    const shownRead = '2026-12-05T09:00:00.000Z';
    let state = loaded([older, newer], 2);
    state = reducer(
      state,
      InboxPanelActions.notificationOpened({ notification: newer, at: shownRead }),
    );
    state = reducer(
      state,
      LiveActions.notificationsRead({ ids: ['n1', 'n2', 'unknown'], readAt: at, unread: 0 }),
    );
    expect(state.entities['n1']?.readAt).toBe(at);
    expect(state.entities['n2']?.readAt).toBe(shownRead);
    expect(state.ids).toEqual(['n2', 'n1']);
    expect(state.unread).toBe(0);
  });

  it('shows an opened notification read at once, and counts it off only once', () => {
    let state = loaded([older, newer], 2);
    const opened = InboxPanelActions.notificationOpened({ notification: newer, at });
    state = reducer(reducer(state, opened), opened);
    expect(state.entities['n2']?.readAt).toBe(at);
    expect(state.entities['n1']?.readAt).toBeNull();
    expect(state.unread).toBe(1);
    // The server's count once marked is the one that holds (it may know of newer ones).
    state = reducer(state, InboxApiActions.markedRead({ unread: 3 }));
    expect(state.unread).toBe(3);
  });

  it('leaves an already read notification as it is when opened', () => {
    const read = notification({ readAt: '2026-12-05T09:10:00.000Z' });
    const state = loaded([read], 0);
    expect(reducer(state, InboxPanelActions.notificationOpened({ notification: read, at }))).toBe(
      state,
    );
  });

  it('marks everything read, keeping when each was read before', () => {
    const read = notification({ id: 'n3', readAt: '2026-12-04T09:00:00.000Z' });
    const state = reducer(
      loaded([older, newer, read], 7),
      InboxPanelActions.markAllReadClicked({ at }),
    );
    expect(state.unread).toBe(0);
    expect(state.entities['n1']?.readAt).toBe(at);
    expect(state.entities['n3']?.readAt).toBe('2026-12-04T09:00:00.000Z');
  });

  it('keeps what it shows when a load fails, and says why', () => {
    let state = reducer(loaded([older], 1), InboxPanelActions.retryClicked());
    state = reducer(state, InboxApiActions.loadFailed({ error: 'The server is unreachable.' }));
    expect(state.error).toBe('The server is unreachable.');
    expect(state.loading).toBeFalse();
    expect(state.ids).toEqual(['n1']);
  });

  it('knows each article’s mute once told, moves at once when toggled, and back when refused', () => {
    let state = reducer(initialInboxState, MuteToggleActions.shown({ articleId: 'a1' }));
    expect(state.muted['a1']).toBeUndefined();
    state = reducer(state, InboxApiActions.muteLoaded({ articleId: 'a1', muted: false }));
    state = reducer(state, MuteToggleActions.toggled({ articleId: 'a1', muted: true }));
    expect(state.muted).toEqual({ a1: true });
    state = reducer(
      state,
      InboxApiActions.muteFailed({ articleId: 'a1', muted: false, error: 'Refused' }),
    );
    expect(state.muted).toEqual({ a1: false });
  });

  it('forgets everything when the session ends', () => {
    for (const action of [
      SessionApiActions.signedOut(),
      SessionApiActions.sessionExpired({ returnUrl: '/' }),
    ]) {
      expect(reducer(loaded([older], 1), action)).toEqual(initialInboxState);
    }
  });
});
