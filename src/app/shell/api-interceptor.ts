import { HttpErrorResponse, HttpInterceptorFn } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { catchError, throwError } from 'rxjs';
import { SessionApiActions } from '../session/state/session.actions';

/** Header that marks a request as the dashboard's own: a cross-site form cannot send it. */
export const CSRF_HEADER = 'X-Claimdesk-Request';

const SESSION_URL = '/api/session';

export const apiInterceptor: HttpInterceptorFn = (request, next) => {
  const store = inject(Store);
  const router = inject(Router);
  const marked =
    request.method === 'GET' ? request : request.clone({ setHeaders: { [CSRF_HEADER]: '1' } });
  return next(marked).pipe(
    catchError((error: unknown) => {
      // A 401 from anything but the sign-in check itself means the session ran out.
      if (
        error instanceof HttpErrorResponse &&
        error.status === 401 &&
        request.url !== SESSION_URL
      ) {
        store.dispatch(SessionApiActions.sessionExpired({ returnUrl: router.url }));
      }
      return throwError(() => error);
    }),
  );
};
