import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { delivery, webhook } from '../webhook-admin.spec';
import { WebhooksApi } from '../webhooks-api';
import { WebhooksApiActions, WebhooksPageActions } from './webhooks.actions';
import { addWebhook, deleteWebhook, loadDeliveries, loadWebhooks } from './webhooks.effects';

describe('webhooks effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<WebhooksApi>;
  let scheduler: TestScheduler;
  const offline = new HttpErrorResponse({ status: 0 });
  const offlineText = 'The server cannot be reached. Check your connection and try again.';

  beforeEach(() => {
    api = jasmine.createSpyObj<WebhooksApi>('WebhooksApi', ['list', 'add', 'remove', 'deliveries']);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    TestBed.configureTestingModule({
      providers: [provideMockActions(() => actions$), { provide: WebhooksApi, useValue: api }],
    });
  });

  const run = (effect: () => Observable<Action>) => TestBed.runInInjectionContext(effect);

  it('loads the list on opening, says why it failed, and keeps listening for a retry', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-o---r', {
        o: WebhooksPageActions.opened(),
        r: WebhooksPageActions.retryClicked(),
      });
      api.list.and.returnValues(cold('-#', undefined, offline), cold('--l|', { l: [webhook()] }));
      expectObservable(run(loadWebhooks)).toBe('--f----s', {
        f: WebhooksApiActions.loadFailed({ error: offlineText }),
        s: WebhooksApiActions.loadSucceeded({ webhooks: [webhook()] }),
      });
    });
  });

  it('sends new webhooks one after the other, and passes on a refusal', () => {
    const first = {
      url: 'https://a.example/h',
      events: ['*'] as const,
      secret: 's'.repeat(16),
      format: 'json' as const,
    };
    const second = { ...first, url: 'https://b.example/h' };
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-ab', {
        a: WebhooksPageActions.webhookSubmitted({ webhook: first }),
        b: WebhooksPageActions.webhookSubmitted({ webhook: second }),
      });
      api.add.and.returnValues(
        cold('---w|', { w: webhook({ id: 'w9' }) }),
        cold('-#', undefined, offline),
      );
      // The second goes out once the first is answered (frame 5), and fails a frame later.
      expectObservable(run(addWebhook)).toBe('----a-f', {
        a: WebhooksApiActions.webhookAdded({ webhook: webhook({ id: 'w9' }) }),
        f: WebhooksApiActions.addFailed({ error: offlineText }),
      });
    });
    expect(api.add.calls.allArgs()).toEqual([[first], [second]]);
  });

  it('deletes webhooks side by side; each fails alone', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-ab', {
        a: WebhooksPageActions.deleteConfirmed({ webhookId: 'w1' }),
        b: WebhooksPageActions.deleteConfirmed({ webhookId: 'w2' }),
      });
      api.remove.and.returnValues(cold('----d|', { d: undefined }), cold('-#', undefined, offline));
      expectObservable(run(deleteWebhook)).toBe('---f-d', {
        d: WebhooksApiActions.webhookDeleted({ webhookId: 'w1' }),
        f: WebhooksApiActions.deleteFailed({ webhookId: 'w2', error: offlineText }),
      });
    });
  });

  it('loads the deliveries shown; another webhook, a refresh or hiding drops the answer on its way', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-a-b-r----h-a', {
        a: WebhooksPageActions.deliveriesShown({ webhookId: 'w1' }),
        b: WebhooksPageActions.deliveriesShown({ webhookId: 'w2' }),
        r: WebhooksPageActions.deliveriesRefreshClicked({ webhookId: 'w2' }),
        h: WebhooksPageActions.deliveriesHidden(),
      });
      api.deliveries.and.callFake((id) => cold('---d|', { d: [delivery({ id: `d-${id}` })] }));
      // w1 (frame 1) is dropped for w2 (3), w2 for its refresh (5), answered at 8;
      // the last ask for w1 (12) is answered at 15. Hiding at 10 had nothing on its way.
      expectObservable(run(loadDeliveries)).toBe('--------r------a', {
        r: WebhooksApiActions.deliveriesLoaded({
          webhookId: 'w2',
          deliveries: [delivery({ id: 'd-w2' })],
        }),
        a: WebhooksApiActions.deliveriesLoaded({
          webhookId: 'w1',
          deliveries: [delivery({ id: 'd-w1' })],
        }),
      });
    });
    expect(api.deliveries.calls.allArgs()).toEqual([['w1'], ['w2'], ['w2'], ['w1']]);
  });

  it('hiding the deliveries drops an answer still on its way; a failure says why', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-a-h-b', {
        a: WebhooksPageActions.deliveriesShown({ webhookId: 'w1' }),
        h: WebhooksPageActions.deliveriesHidden(),
        b: WebhooksPageActions.deliveriesShown({ webhookId: 'w2' }),
      });
      api.deliveries.and.returnValues(
        cold('---d|', { d: [delivery()] }),
        cold('-#', undefined, offline),
      );
      expectObservable(run(loadDeliveries)).toBe('------f', {
        f: WebhooksApiActions.deliveriesFailed({ webhookId: 'w2', error: offlineText }),
      });
    });
  });
});
