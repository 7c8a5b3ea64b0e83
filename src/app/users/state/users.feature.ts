import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { SessionUser } from '../../session/session-api';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { PeoplePageActions, UsersApiActions } from './users.actions';

/**
 * Everyone with an account, for every signed-in person: the People page manages
 * them, the workspace assigns claims to them and shows their display names. Kept
 * current by the change feed (`user.changed`) and reloaded on each connection.
 */
export interface UsersState extends EntityState<SessionUser> {
  readonly loading: boolean;
  /** Why the list could not be loaded; null when it was, or is on its way. */
  readonly error: string | null;
  /** A new account on its way to the server. */
  readonly adding: boolean;
  /** The username just added, so that the form clears; null until then. */
  readonly added: string | null;
  /** Why the server refused the new account, when it named the field (`username`). */
  readonly addRefusal: { readonly field: string; readonly message: string } | null;
}

/** By username, as the server lists them. */
export const usersAdapter = createEntityAdapter<SessionUser>({
  selectId: (user) => user.username,
  sortComparer: (a, b) => (a.username < b.username ? -1 : a.username > b.username ? 1 : 0),
});

export const initialUsersState: UsersState = usersAdapter.getInitialState({
  loading: false,
  error: null,
  adding: false,
  added: null,
  addRefusal: null,
});

export const usersFeature = createFeature({
  name: 'users',
  reducer: createReducer(
    initialUsersState,
    on(PeoplePageActions.opened, PeoplePageActions.retryClicked, (state): UsersState => ({
      ...state,
      loading: true,
      error: null,
      added: null,
    })),
    on(UsersApiActions.loadSucceeded, (state, { users }): UsersState =>
      usersAdapter.setAll(users, { ...state, loading: false, error: null }),
    ),
    on(UsersApiActions.loadFailed, (state, { error }): UsersState => ({
      ...state,
      loading: false,
      error,
    })),
    on(PeoplePageActions.personAdded, (state): UsersState => ({
      ...state,
      adding: true,
      added: null,
      addRefusal: null,
    })),
    on(UsersApiActions.personAdded, (state, { user }): UsersState =>
      usersAdapter.upsertOne(user, { ...state, adding: false, added: user.username }),
    ),
    on(UsersApiActions.addFailed, (state, { error, field }): UsersState => ({
      ...state,
      adding: false,
      addRefusal: field ? { field, message: error } : null,
    })),
    // Optimistic: the change shows at once, and is undone if the server refuses it.
    on(PeoplePageActions.accountChanged, (state, { previous, changes }): UsersState =>
      usersAdapter.updateOne({ id: previous.username, changes }, state),
    ),
    on(UsersApiActions.accountSaved, (state, { user }): UsersState =>
      usersAdapter.upsertOne(user, state),
    ),
    on(UsersApiActions.accountSaveFailed, (state, { restore }): UsersState =>
      usersAdapter.upsertOne(restore, state),
    ),
    on(UsersApiActions.ownNameSaved, LiveActions.personChanged, (state, { user }): UsersState =>
      usersAdapter.upsertOne(user, state),
    ),
    on(
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      (): UsersState => initialUsersState,
    ),
  ),
  extraSelectors: ({ selectUsersState, selectLoading }) => {
    const { selectAll, selectTotal } = usersAdapter.getSelectors(selectUsersState);
    return {
      selectAll,
      selectTotal,
      /** Username → display name, for the history, the notes and the assignee lists. */
      selectDisplayNames: createSelector(
        selectAll,
        (users): ReadonlyMap<string, string> =>
          new Map(users.map((user) => [user.username, user.displayName])),
      ),
      /** Nothing to show yet: the first load is on its way. */
      selectFirstLoad: createSelector(
        selectLoading,
        selectTotal,
        (loading, total) => loading && total === 0,
      ),
    };
  },
});
