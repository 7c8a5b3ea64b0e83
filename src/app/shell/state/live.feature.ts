import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from './live.actions';

/**
 * Whether changes by others are arriving. `offline` before the first connection
 * and when signed out; `reconnecting` once a connection dropped, until the
 * browser's EventSource is through again (it retries on its own).
 */
export type LiveStatus = 'offline' | 'connected' | 'reconnecting';

export interface LiveState {
  readonly status: LiveStatus;
}

export const initialLiveState: LiveState = { status: 'offline' };

export const liveFeature = createFeature({
  name: 'live',
  reducer: createReducer(
    initialLiveState,
    on(LiveActions.connected, (): LiveState => ({ status: 'connected' })),
    on(LiveActions.disconnected, (state): LiveState => ({ ...state, status: 'reconnecting' })),
    on(
      // A new session opens a new stream: it has not connected yet.
      SessionApiActions.sessionRestored,
      SessionApiActions.signedIn,
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      SessionApiActions.noSession,
      (): LiveState => initialLiveState,
    ),
  ),
  extraSelectors: ({ selectStatus }) => ({
    /** True while live updates are paused: what others change does not show until reconnected. */
    selectPaused: createSelector(selectStatus, (status) => status === 'reconnecting'),
  }),
});
