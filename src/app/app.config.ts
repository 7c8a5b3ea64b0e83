import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import { ApplicationConfig, provideBrowserGlobalErrorListeners } from '@angular/core';
import { provideRouter, withComponentInputBinding } from '@angular/router';
import { provideRouterStore, routerReducer } from '@ngrx/router-store';
import { provideState, provideStore } from '@ngrx/store';
import { provideStoreDevtools } from '@ngrx/store-devtools';
import { routes } from './app.routes';
import * as articlesEffects from './articles/state/articles.effects';
import * as bulkEffects from './bulk/state/bulk.effects';
import { bulkFeature } from './bulk/state/bulk.feature';
import * as deskEffects from './desk/state/desk.effects';
import { deskFeature } from './desk/state/desk.feature';
import * as notificationsEffects from './notifications/state/notifications.effects';
import { inboxFeature } from './notifications/state/notifications.feature';
import { articlesFeature } from './articles/state/articles.feature';
import * as sessionEffects from './session/state/session.effects';
import { sessionFeature } from './session/state/session.feature';
import { apiInterceptor } from './shell/api-interceptor';
import { provideEffectsInSteps } from './shell/effects-in-steps';
import { provideAppIcons } from './shell/icons';
import { liveFeature } from './shell/state/live.feature';
import * as usersEffects from './users/state/users.effects';
import { usersFeature } from './users/state/users.feature';
import { claimDetailFeature } from './workspace/state/claim-detail.feature';
import * as liveEffects from './workspace/state/live.effects';
import * as workspaceEffects from './workspace/state/workspace.effects';
import { claimsFeature } from './workspace/state/claims.feature';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideRouter(routes, withComponentInputBinding()),
    provideHttpClient(withFetch(), withInterceptors([apiInterceptor])),
    provideAppIcons(),
    provideStore({ router: routerReducer }),
    provideState(sessionFeature),
    provideState(articlesFeature),
    provideState(claimsFeature),
    provideState(claimDetailFeature),
    provideState(liveFeature),
    provideState(usersFeature),
    provideState(bulkFeature),
    provideState(deskFeature),
    provideState(inboxFeature),
    // Each group subscribed in a task of its own (a slow phone's long tasks), in this order.
    provideEffectsInSteps(
      sessionEffects,
      articlesEffects,
      workspaceEffects,
      liveEffects,
      usersEffects,
      bulkEffects,
      deskEffects,
      notificationsEffects,
    ),
    provideRouterStore(),
    // Development builds only: the production build defines ngDevMode as false, so the
    // bundler drops the store devtools from it (11 kB of the first download).
    ...(typeof ngDevMode === 'undefined' || ngDevMode
      ? [provideStoreDevtools({ maxAge: 50, connectInZone: false })]
      : []),
  ],
};
