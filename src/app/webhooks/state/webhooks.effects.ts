import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { catchError, concatMap, EMPTY, map, mergeMap, of, switchMap } from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { WebhooksApi } from '../webhooks-api';
import { WEBHOOK_FIELD_LABELS } from '../webhook-wording';
import { WebhooksApiActions, WebhooksPageActions } from './webhooks.actions';

/** The list, when the page opens and when the admin tries again; the latest ask wins. */
export const loadWebhooks = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.opened, WebhooksPageActions.retryClicked),
      switchMap(() =>
        api.list().pipe(
          map((webhooks) => WebhooksApiActions.loadSucceeded({ webhooks })),
          catchError((error: unknown) =>
            of(WebhooksApiActions.loadFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** New webhooks go out one after the other, each answered in turn. */
export const addWebhook = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.webhookSubmitted),
      concatMap(({ webhook }) =>
        api.add(webhook).pipe(
          map((added) => WebhooksApiActions.webhookAdded({ webhook: added })),
          catchError((error: unknown) =>
            of(
              WebhooksApiActions.addFailed({
                error: describeHttpError(error, WEBHOOK_FIELD_LABELS),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** Deletions of different webhooks go out side by side; each fails alone. */
export const deleteWebhook = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(WebhooksPageActions.deleteConfirmed),
      mergeMap(({ webhookId }) =>
        api.remove(webhookId).pipe(
          map(() => WebhooksApiActions.webhookDeleted({ webhookId })),
          catchError((error: unknown) =>
            of(WebhooksApiActions.deleteFailed({ webhookId, error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/**
 * The deliveries of the webhook shown, and again on Refresh. Showing another
 * webhook, refreshing again or hiding them drops the answer still on its way.
 */
export const loadDeliveries = createEffect(
  (actions$ = inject(Actions), api = inject(WebhooksApi)) => {
    return actions$.pipe(
      ofType(
        WebhooksPageActions.deliveriesShown,
        WebhooksPageActions.deliveriesRefreshClicked,
        WebhooksPageActions.deliveriesHidden,
      ),
      switchMap((action) =>
        action.type === WebhooksPageActions.deliveriesHidden.type
          ? EMPTY
          : api.deliveries(action.webhookId).pipe(
              map((deliveries) =>
                WebhooksApiActions.deliveriesLoaded({ webhookId: action.webhookId, deliveries }),
              ),
              catchError((error: unknown) =>
                of(
                  WebhooksApiActions.deliveriesFailed({
                    webhookId: action.webhookId,
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
