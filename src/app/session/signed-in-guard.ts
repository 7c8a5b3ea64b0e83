import { inject } from '@angular/core';
import { toObservable } from '@angular/core/rxjs-interop';
import { CanActivateFn, Router } from '@angular/router';
import { Store } from '@ngrx/store';
import { filter, map, take } from 'rxjs';
import { sessionFeature } from './state/session.feature';

/** Lets signed-in users through; sends everyone else to sign in, and back here after. */
export const signedInGuard: CanActivateFn = (_route, state) => {
  const router = inject(Router);
  const status = inject(Store).selectSignal(sessionFeature.selectStatus);
  return toObservable(status).pipe(
    filter((s) => s !== 'unknown' && s !== 'signing_in'),
    take(1),
    map((s) =>
      s === 'signed_in'
        ? true
        : router.createUrlTree(['/sign-in'], { queryParams: { returnUrl: state.url } }),
    ),
  );
};

/** The people page is for admins; the server refuses everyone else anyway. */
export const adminGuard: CanActivateFn = () => {
  const user = inject(Store).selectSignal(sessionFeature.selectUser)();
  return user?.role === 'admin' ? true : inject(Router).createUrlTree(['/']);
};
