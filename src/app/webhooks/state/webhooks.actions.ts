import { createActionGroup, emptyProps, props } from '@ngrx/store';
import type { NewWebhook, Webhook, WebhookDelivery } from '../../../domain/webhooks';

/** What an admin does on the Webhooks page. */
export const WebhooksPageActions = createActionGroup({
  source: 'Webhooks Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
    /** The add form was sent, valid as far as the browser can tell. */
    'Webhook Submitted': props<{ webhook: NewWebhook }>(),
    /** After a yes: nothing more is sent there. */
    'Delete Confirmed': props<{ webhookId: string }>(),
    'Deliveries Shown': props<{ webhookId: string }>(),
    'Deliveries Hidden': emptyProps(),
    'Deliveries Refresh Clicked': props<{ webhookId: string }>(),
  },
});

export const WebhooksApiActions = createActionGroup({
  source: 'Webhooks API',
  events: {
    'Load Succeeded': props<{ webhooks: Webhook[] }>(),
    'Load Failed': props<{ error: string }>(),
    'Webhook Added': props<{ webhook: Webhook }>(),
    'Add Failed': props<{ error: string }>(),
    'Webhook Deleted': props<{ webhookId: string }>(),
    'Delete Failed': props<{ webhookId: string; error: string }>(),
    /** The latest deliveries of `webhookId`, newest first. */
    'Deliveries Loaded': props<{ webhookId: string; deliveries: WebhookDelivery[] }>(),
    'Deliveries Failed': props<{ webhookId: string; error: string }>(),
  },
});
