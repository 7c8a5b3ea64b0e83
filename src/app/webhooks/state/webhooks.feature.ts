import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import type { Webhook, WebhookDelivery } from '../../../domain/webhooks';
import { SessionApiActions } from '../../session/state/session.actions';
import { WebhooksApiActions, WebhooksPageActions } from './webhooks.actions';

/** The deliveries of the webhook whose deliveries are shown. */
export interface DeliveriesState {
  readonly webhookId: string;
  /** Null until the first answer for this webhook. */
  readonly list: readonly WebhookDelivery[] | null;
  readonly loading: boolean;
  /** Why they cannot be shown; null when they can, or are on their way. */
  readonly error: string | null;
}

/**
 * The Webhooks page (admins): the webhooks in the order the server lists them,
 * the add form's request, and the deliveries of the one webhook asked for.
 */
export interface WebhooksState extends EntityState<Webhook> {
  /** Whether a list has come from the server: until then there is nothing to show. */
  readonly loaded: boolean;
  readonly loading: boolean;
  /** Why the list cannot be shown, or a webhook was not deleted; null otherwise. */
  readonly error: string | null;
  /** A new webhook on its way to the server. */
  readonly adding: boolean;
  /** The id of the webhook just added, so that the form clears; null until then. */
  readonly added: string | null;
  /** Why the server refused the new webhook; the form keeps what was typed. */
  readonly addRefusal: string | null;
  readonly deliveries: DeliveriesState | null;
}

/** No sort: the server's order (oldest first), new ones at the end. */
export const webhooksAdapter = createEntityAdapter<Webhook>();

export const initialWebhooksState: WebhooksState = webhooksAdapter.getInitialState({
  loaded: false,
  loading: false,
  error: null,
  adding: false,
  added: null,
  addRefusal: null,
  deliveries: null,
});

/** Deliveries for a webhook no longer shown are dropped. */
function forShown(
  state: WebhooksState,
  webhookId: string,
  changes: Partial<DeliveriesState>,
): WebhooksState {
  return state.deliveries?.webhookId === webhookId
    ? { ...state, deliveries: { ...state.deliveries, ...changes } }
    : state;
}

export const webhooksFeature = createFeature({
  name: 'webhooks',
  reducer: createReducer(
    initialWebhooksState,
    // The page opens as new, as its components did when they held this state.
    on(WebhooksPageActions.opened, (): WebhooksState => ({
      ...initialWebhooksState,
      loading: true,
    })),
    on(WebhooksPageActions.retryClicked, (state): WebhooksState => ({
      ...state,
      loading: true,
      error: null,
    })),
    on(WebhooksApiActions.loadSucceeded, (state, { webhooks }): WebhooksState =>
      webhooksAdapter.setAll(webhooks, { ...state, loaded: true, loading: false, error: null }),
    ),
    on(WebhooksApiActions.loadFailed, (state, { error }): WebhooksState => ({
      ...state,
      loading: false,
      error: `The webhooks cannot be shown: ${error}`,
    })),
    on(WebhooksPageActions.webhookSubmitted, (state): WebhooksState => ({
      ...state,
      adding: true,
      added: null,
      addRefusal: null,
    })),
    on(WebhooksApiActions.webhookAdded, (state, { webhook }): WebhooksState =>
      webhooksAdapter.addOne(webhook, { ...state, adding: false, added: webhook.id }),
    ),
    on(WebhooksApiActions.addFailed, (state, { error }): WebhooksState => ({
      ...state,
      adding: false,
      addRefusal: error,
    })),
    on(WebhooksApiActions.webhookDeleted, (state, { webhookId }): WebhooksState =>
      webhooksAdapter.removeOne(webhookId, {
        ...state,
        deliveries: state.deliveries?.webhookId === webhookId ? null : state.deliveries,
      }),
    ),
    on(WebhooksApiActions.deleteFailed, (state, { error }): WebhooksState => ({
      ...state,
      error: `The webhook was not deleted: ${error}`,
    })),
    on(WebhooksPageActions.deliveriesShown, (state, { webhookId }): WebhooksState => ({
      ...state,
      deliveries: { webhookId, list: null, loading: true, error: null },
    })),
    on(WebhooksPageActions.deliveriesHidden, (state): WebhooksState => ({
      ...state,
      deliveries: null,
    })),
    on(WebhooksPageActions.deliveriesRefreshClicked, (state, { webhookId }): WebhooksState =>
      forShown(state, webhookId, { loading: true, error: null }),
    ),
    on(WebhooksApiActions.deliveriesLoaded, (state, { webhookId, deliveries }): WebhooksState =>
      forShown(state, webhookId, { list: deliveries, loading: false, error: null }),
    ),
    on(WebhooksApiActions.deliveriesFailed, (state, { webhookId, error }): WebhooksState =>
      forShown(state, webhookId, { loading: false, error }),
    ),
    on(
      SessionApiActions.signedOut,
      SessionApiActions.sessionExpired,
      (): WebhooksState => initialWebhooksState,
    ),
  ),
  extraSelectors: ({ selectWebhooksState, selectLoaded, selectDeliveries }) => {
    const { selectAll, selectEntities } = webhooksAdapter.getSelectors(selectWebhooksState);
    return {
      selectAll,
      /** The webhooks once a list has come; null before. */
      selectList: createSelector(selectLoaded, selectAll, (loaded, all) => (loaded ? all : null)),
      /** The webhook whose deliveries are shown, if any. */
      selectShown: createSelector(selectDeliveries, selectEntities, (deliveries, entities) =>
        deliveries ? (entities[deliveries.webhookId] ?? null) : null,
      ),
    };
  },
});
