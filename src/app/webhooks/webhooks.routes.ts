import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as webhooksEffects from './state/webhooks.effects';
import { webhooksFeature } from './state/webhooks.feature';
import { WebhookAdmin } from './webhook-admin';

/** The Webhooks page (admins), with its state: loaded only when an admin opens it. */
export const webhooksRoutes: Routes = [
  {
    path: '',
    providers: [provideState(webhooksFeature), provideEffects(webhooksEffects)],
    component: WebhookAdmin,
  },
];
