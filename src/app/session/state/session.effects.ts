import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Actions, createEffect, ofType, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { catchError, exhaustMap, map, of, switchMap, tap } from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { SessionApi } from '../session-api';
import { SessionApiActions, SessionPageActions } from './session.actions';

export const restoreSession = createEffect(
  (actions$ = inject(Actions), api = inject(SessionApi)) => {
    return actions$.pipe(
      ofType(ROOT_EFFECTS_INIT),
      switchMap(() =>
        api.current().pipe(
          map((user) =>
            user ? SessionApiActions.sessionRestored({ user }) : SessionApiActions.noSession(),
          ),
          catchError(() => of(SessionApiActions.noSession())),
        ),
      ),
    );
  },
  { functional: true },
);

export const signIn = createEffect(
  (actions$ = inject(Actions), api = inject(SessionApi)) => {
    return actions$.pipe(
      ofType(SessionPageActions.signInSubmitted),
      exhaustMap(({ username, password, returnUrl }) =>
        api.signIn(username, password).pipe(
          map((user) => SessionApiActions.signedIn({ user, returnUrl })),
          catchError((error: unknown) =>
            of(SessionApiActions.signInFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const completeSetup = createEffect(
  (actions$ = inject(Actions), api = inject(SessionApi)) => {
    return actions$.pipe(
      ofType(SessionPageActions.setupSubmitted),
      exhaustMap(({ token, username, password, displayName }) =>
        api.completeSetup(token, username, password, displayName).pipe(
          map((user) => SessionApiActions.signedIn({ user, returnUrl: '/' })),
          catchError((error: unknown) =>
            of(SessionApiActions.signInFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

export const signOut = createEffect(
  (actions$ = inject(Actions), api = inject(SessionApi)) => {
    return actions$.pipe(
      ofType(SessionPageActions.signOutClicked),
      exhaustMap(() =>
        api.signOut().pipe(
          map(() => SessionApiActions.signedOut()),
          // Signed out locally even if the server could not be told.
          catchError(() => of(SessionApiActions.signedOut())),
        ),
      ),
    );
  },
  { functional: true },
);

export const navigateAfterSession = createEffect(
  (actions$ = inject(Actions), router = inject(Router)) => {
    return actions$.pipe(
      ofType(
        SessionApiActions.signedIn,
        SessionApiActions.signedOut,
        SessionApiActions.sessionExpired,
      ),
      tap((action) => {
        if (action.type === SessionApiActions.signedIn.type) {
          void router.navigateByUrl(action.returnUrl || '/');
        } else {
          const returnUrl = 'returnUrl' in action ? action.returnUrl : undefined;
          void router.navigate(['/sign-in'], { queryParams: returnUrl ? { returnUrl } : {} });
        }
      }),
    );
  },
  { functional: true, dispatch: false },
);
