import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { Actor, isEditorial } from '../../../domain/workflow';
import { LiveActions } from '../../shell/state/live.actions';
import { UsersApiActions } from '../../users/state/users.actions';
import { SessionUser } from '../session-api';
import { SessionApiActions, SessionPageActions } from './session.actions';

export interface SessionState {
  /** `unknown` until the first check of the session cookie has answered. */
  readonly status: 'unknown' | 'signed_out' | 'signing_in' | 'signed_in';
  readonly user: SessionUser | null;
  readonly error: string | null;
}

export const initialSessionState: SessionState = { status: 'unknown', user: null, error: null };

export const sessionFeature = createFeature({
  name: 'session',
  reducer: createReducer(
    initialSessionState,
    on(
      SessionPageActions.signInSubmitted,
      SessionPageActions.setupSubmitted,
      (state): SessionState => ({
        ...state,
        status: 'signing_in',
        error: null,
      }),
    ),
    on(
      SessionApiActions.sessionRestored,
      SessionApiActions.signedIn,
      (_state, { user }): SessionState => ({
        status: 'signed_in',
        user,
        error: null,
      }),
    ),
    // The signed-in account as it now stands, whoever changed it (its name, by an admin or in another tab).
    on(
      UsersApiActions.ownNameSaved,
      UsersApiActions.accountSaved,
      LiveActions.personChanged,
      (state, { user }): SessionState =>
        state.user?.username === user.username ? { ...state, user } : state,
    ),
    on(SessionApiActions.signInFailed, (_state, { error }): SessionState => ({
      status: 'signed_out',
      user: null,
      error,
    })),
    on(
      SessionApiActions.noSession,
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      (): SessionState => ({
        status: 'signed_out',
        user: null,
        error: null,
      }),
    ),
  ),
  extraSelectors: ({ selectUser }) => ({
    selectActor: createSelector(selectUser, (user): Actor | null =>
      user ? { username: user.username, role: user.role } : null,
    ),
    selectIsEditor: createSelector(selectUser, (user) => user !== null && isEditorial(user.role)),
  }),
});
