import { Routes } from '@angular/router';
import { WebhookAdmin } from './webhook-admin';

/** The Webhooks page (admins). Its state is the page's own: nobody else needs it. */
export const webhooksRoutes: Routes = [{ path: '', component: WebhookAdmin }];
