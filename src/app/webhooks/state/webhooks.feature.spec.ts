import { SessionApiActions } from '../../session/state/session.actions';
import { delivery, webhook } from '../webhook-admin.spec';
import { WebhooksApiActions, WebhooksPageActions } from './webhooks.actions';
import { initialWebhooksState, webhooksFeature, WebhooksState } from './webhooks.feature';

const { reducer } = webhooksFeature;

describe('webhooks feature', () => {
  const list = (state: WebhooksState) =>
    webhooksFeature.selectList.projector(state.loaded, webhooksFeature.selectAll.projector(state));
  const loaded = () =>
    reducer(
      reducer(initialWebhooksState, WebhooksPageActions.opened()),
      WebhooksApiActions.loadSucceeded({
        webhooks: [webhook(), webhook({ id: 'w2', url: 'https://example.org/hook' })],
      }),
    );

  it('shows nothing until a list has come, then the webhooks in the server’s order', () => {
    const opening = reducer(initialWebhooksState, WebhooksPageActions.opened());
    expect(opening.loading).toBeTrue();
    expect(list(opening)).toBeNull();
    const state = loaded();
    expect(state.loading).toBeFalse();
    expect(list(state)?.map((w) => w.id)).toEqual(['w1', 'w2']);
  });

  it('keeps why the list cannot be shown until tried again', () => {
    let state = reducer(
      reducer(initialWebhooksState, WebhooksPageActions.opened()),
      WebhooksApiActions.loadFailed({ error: 'Down.' }),
    );
    expect(state).toEqual(
      jasmine.objectContaining({ loading: false, error: 'The webhooks cannot be shown: Down.' }),
    );
    expect(list(state)).toBeNull();
    state = reducer(state, WebhooksPageActions.retryClicked());
    expect(state).toEqual(jasmine.objectContaining({ loading: true, error: null }));
  });

  it('adds a webhook at the end once the server has it, and says which, so that the form clears', () => {
    let state = reducer(
      loaded(),
      WebhooksPageActions.webhookSubmitted({
        webhook: {
          url: 'https://example.org/new',
          events: ['*'],
          secret: 'x'.repeat(16),
          format: 'json',
        },
      }),
    );
    expect(state).toEqual(jasmine.objectContaining({ adding: true, added: null }));
    expect(state.ids).toEqual(['w1', 'w2']);
    state = reducer(state, WebhooksApiActions.webhookAdded({ webhook: webhook({ id: 'w3' }) }));
    expect(state).toEqual(jasmine.objectContaining({ adding: false, added: 'w3' }));
    expect(state.ids).toEqual(['w1', 'w2', 'w3']);
  });

  it('keeps the server’s refusal of a new webhook until the next try', () => {
    const submitted = WebhooksPageActions.webhookSubmitted({
      webhook: {
        url: 'https://example.org/new',
        events: ['*'],
        secret: 'x'.repeat(16),
        format: 'json',
      },
    });
    let state = reducer(
      reducer(loaded(), submitted),
      WebhooksApiActions.addFailed({ error: 'url must be a web address' }),
    );
    expect(state).toEqual(
      jasmine.objectContaining({
        adding: false,
        added: null,
        addRefusal: 'url must be a web address',
      }),
    );
    state = reducer(state, submitted);
    expect(state.addRefusal).toBeNull();
  });

  it('shows the deliveries of one webhook, keeps them while refreshing, and drops answers for another', () => {
    let state = reducer(loaded(), WebhooksPageActions.deliveriesShown({ webhookId: 'w1' }));
    expect(state.deliveries).toEqual({ webhookId: 'w1', list: null, loading: true, error: null });
    expect(webhooksFeature.selectShown.projector(state.deliveries, state.entities)?.id).toBe('w1');
    state = reducer(
      state,
      WebhooksApiActions.deliveriesLoaded({ webhookId: 'w1', deliveries: [delivery()] }),
    );
    state = reducer(state, WebhooksPageActions.deliveriesRefreshClicked({ webhookId: 'w1' }));
    expect(state.deliveries).toEqual({
      webhookId: 'w1',
      list: [delivery()],
      loading: true,
      error: null,
    });
    state = reducer(state, WebhooksPageActions.deliveriesShown({ webhookId: 'w2' }));
    state = reducer(
      state,
      WebhooksApiActions.deliveriesLoaded({ webhookId: 'w1', deliveries: [delivery()] }),
    );
    expect(state.deliveries).toEqual({ webhookId: 'w2', list: null, loading: true, error: null });
    state = reducer(
      state,
      WebhooksApiActions.deliveriesFailed({ webhookId: 'w2', error: 'Down.' }),
    );
    expect(state.deliveries).toEqual({
      webhookId: 'w2',
      list: null,
      loading: false,
      error: 'Down.',
    });
    state = reducer(state, WebhooksPageActions.deliveriesHidden());
    expect(state.deliveries).toBeNull();
  });

  it('removes a deleted webhook, and its deliveries with it; a refusal says why', () => {
    let state = reducer(loaded(), WebhooksPageActions.deliveriesShown({ webhookId: 'w2' }));
    state = reducer(state, WebhooksApiActions.deleteFailed({ webhookId: 'w2', error: 'Down.' }));
    expect(state.error).toBe('The webhook was not deleted: Down.');
    expect(state.ids).toEqual(['w1', 'w2']);
    state = reducer(state, WebhooksApiActions.webhookDeleted({ webhookId: 'w1' }));
    expect(state.deliveries?.webhookId).toBe('w2');
    state = reducer(state, WebhooksApiActions.webhookDeleted({ webhookId: 'w2' }));
    expect(state.ids).toEqual([]);
    expect(state.deliveries).toBeNull();
  });

  it('opens afresh: nothing from an earlier visit shows until the list comes again', () => {
    let state = reducer(loaded(), WebhooksPageActions.deliveriesShown({ webhookId: 'w1' }));
    state = reducer(state, WebhooksApiActions.addFailed({ error: 'No.' }));
    state = reducer(state, WebhooksPageActions.opened());
    expect(state).toEqual({ ...initialWebhooksState, loading: true });
    expect(list(state)).toBeNull();
  });

  it('forgets everything when the session ends', () => {
    for (const action of [
      SessionApiActions.signedOut(),
      SessionApiActions.sessionExpired({ returnUrl: '/' }),
    ]) {
      expect(reducer(loaded(), action)).toEqual(initialWebhooksState);
    }
  });
});
