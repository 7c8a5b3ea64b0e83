import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, map, mergeMap, of, switchMap, tap } from 'rxjs';
import { describeHttpError, problemOf } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { ToolbarActions } from '../../shell/state/toolbar.actions';
import { ROLE_LABELS } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';
import { UsersApi } from '../users-api';
import { AccountChanges, PeoplePageActions, UsersApiActions } from './users.actions';

export const loadUsers = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(PeoplePageActions.opened, PeoplePageActions.retryClicked),
      switchMap(() =>
        api.list().pipe(
          map((users) => UsersApiActions.loadSucceeded({ users })),
          catchError((error: unknown) =>
            of(UsersApiActions.loadFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * Everyone signed in needs the people (assignees, display names): loaded when
 * the change feed first connects (or first fails), and again on every reconnection,
 * which also catches up with changes made from the `users` command (not pushed live).
 */
export const refreshUsers = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(LiveActions.refreshDue),
      switchMap(() =>
        api.list().pipe(
          map((users) => UsersApiActions.loadSucceeded({ users })),
          catchError((error: unknown) =>
            of(UsersApiActions.refreshFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const addPerson = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(PeoplePageActions.personAdded),
      concatMap(({ username, role, password, displayName }) =>
        api.add(username, role, password, displayName).pipe(
          map((user) => UsersApiActions.personAdded({ user })),
          catchError((error: unknown) =>
            of(
              UsersApiActions.addFailed({
                // A refused username shows under its field, so it is not named again.
                error: describeHttpError(error, { username: '', password: 'initial password' }),
                field: problemOf(error)?.field?.replace(/^\/body\//, '') ?? null,
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** Changes to different accounts go out side by side; each is undone alone if refused. */
export const changeAccount = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(PeoplePageActions.accountChanged),
      mergeMap(({ previous, changes }) =>
        api.update(previous.username, changes).pipe(
          map((user) => UsersApiActions.accountSaved({ user, changes })),
          catchError((error: unknown) =>
            of(
              UsersApiActions.accountSaveFailed({
                restore: previous,
                error: describeHttpError(error),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** The signed-in person renames themself; the toolbar shows the new name once the server has it. */
export const changeOwnName = createEffect(
  (actions$ = inject(Actions), api = inject(UsersApi)) => {
    return actions$.pipe(
      ofType(ToolbarActions.displayNameChanged),
      switchMap(({ username, displayName }) =>
        api.update(username, { displayName }).pipe(
          map((user) => UsersApiActions.ownNameSaved({ user })),
          catchError((error: unknown) =>
            of(UsersApiActions.ownNameSaveFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const tellOwnName = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(UsersApiActions.ownNameSaved, UsersApiActions.ownNameSaveFailed),
      tap((action) => {
        if (action.type === UsersApiActions.ownNameSaved.type) {
          snackBar.open(`Colleagues now see you as ${action.user.displayName}`, 'Close', {
            duration: 3000,
          });
        } else {
          snackBar.open(`Your name was not changed: ${action.error}`, 'Close', {
            duration: 8000,
          });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);

/** What a saved change did, naming the person as colleagues see them. */
function describeSaved(user: SessionUser, changes: AccountChanges = {}): string {
  const name = user.displayName;
  if (changes.disabled === true) {
    return `${name} can no longer sign in`;
  }
  if (changes.disabled === false) {
    return `${name} can sign in again`;
  }
  if (changes.role !== undefined) {
    return `${name}’s role is now ${ROLE_LABELS[user.role]}`;
  }
  if (changes.displayName !== undefined) {
    return `${user.username} is now shown as ${name}`;
  }
  return `Saved ${name}`;
}

/** Says how each change went: done briefly, a refusal with the server's reason for longer. */
export const tellAdmin = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(
        UsersApiActions.personAdded,
        UsersApiActions.accountSaved,
        UsersApiActions.addFailed,
        UsersApiActions.accountSaveFailed,
      ),
      tap((action) => {
        if (action.type === UsersApiActions.personAdded.type) {
          snackBar.open(`Added ${action.user.displayName}`, 'Close', { duration: 3000 });
        } else if (action.type === UsersApiActions.accountSaved.type) {
          snackBar.open(describeSaved(action.user, action.changes), 'Close', { duration: 3000 });
        } else if (action.type === UsersApiActions.addFailed.type && action.field === 'username') {
          // Shown under the username field instead.
        } else {
          snackBar.open(action.error, 'Close', { duration: 8000 });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);
