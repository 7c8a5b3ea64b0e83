import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { NotificationsApi } from '../notifications-api';
import { InboxApiActions, InboxPanelActions, MuteToggleActions } from './notifications.actions';
import { loadInbox, loadMore, loadMute, markRead, setMute } from './notifications.effects';
import { inboxFeature } from './notifications.feature';
import { notification, page } from './notifications.feature.spec';

describe('inbox effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<NotificationsApi>;
  let store: MockStore;
  let scheduler: TestScheduler;
  const at = '2026-12-05T10:00:00.000Z';
  const user = {
    username: 'cora',
    displayName: 'Cora',
    role: 'fact_checker' as const,
    disabled: false,
    createdAt: at,
  };

  beforeEach(() => {
    api = jasmine.createSpyObj<NotificationsApi>('NotificationsApi', [
      'page',
      'markRead',
      'muted',
      'setMuted',
    ]);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore(),
        { provide: NotificationsApi, useValue: api },
      ],
    });
    store = TestBed.inject(MockStore);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  afterEach(() => store.resetSelectors());

  const create = (effect: () => Observable<Action>) => TestBed.runInInjectionContext(effect);

  it('waits for the stream to say a load is due, and only the latest counts when another overtakes it', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const first = page([notification()], 1);
      const second = page([notification(), notification({ id: 'n2' })], 2);
      let call = 0;
      api.page.and.callFake(() => {
        call += 1;
        return call === 1 ? cold('---a|', { a: first }) : cold('---b|', { b: second });
      });
      // Signing in asks nothing itself: the stream opens next and its start-up load fills the inbox.
      actions$ = hot('s-c-r-r', {
        s: SessionApiActions.signedIn({ user, returnUrl: '/' }),
        c: LiveActions.connected(),
        r: LiveActions.refreshDue(),
      });
      // A reconnection's catch-up overtakes the start-up answer still on its way.
      expectObservable(create(loadInbox)).toBe('---------x', {
        x: InboxApiActions.pageLoaded({ page: second, more: false }),
      });
    });
    expect(api.page).toHaveBeenCalledTimes(2);
    expect(api.page).toHaveBeenCalledWith();
  });

  it('says why the inbox could not be loaded, and keeps listening', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const fine = page([], 0);
      let call = 0;
      api.page.and.callFake(() => {
        call += 1;
        return call === 1
          ? cold('-#', {}, new HttpErrorResponse({ status: 503 }))
          : cold('-a|', { a: fine });
      });
      actions$ = hot('c--r', { c: LiveActions.refreshDue(), r: InboxPanelActions.retryClicked() });
      expectObservable(create(loadInbox)).toBe('-e--p', {
        e: InboxApiActions.loadFailed({ error: jasmine.any(String) as unknown as string }),
        p: InboxApiActions.pageLoaded({ page: fine, more: false }),
      });
    });
  });

  it('asks for the page after the last one shown, once while it loads', () => {
    store.overrideSelector(inboxFeature.selectNextCursor, 'cur-1');
    scheduler.run(({ hot, cold, expectObservable }) => {
      const next = page([notification({ id: 'n9' })], 3);
      api.page.and.returnValue(cold('--a|', { a: next }));
      actions$ = hot('mm', { m: InboxPanelActions.showMoreClicked() });
      expectObservable(create(loadMore)).toBe('--x', {
        x: InboxApiActions.pageLoaded({ page: next, more: true }),
      });
    });
    expect(api.page).toHaveBeenCalledOnceWith('cur-1');
  });

  it('asks for nothing more when the list is complete', () => {
    store.overrideSelector(inboxFeature.selectNextCursor, null);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('m', { m: InboxPanelActions.showMoreClicked() });
      expectObservable(create(loadMore)).toBe('');
    });
    expect(api.page).not.toHaveBeenCalled();
  });

  it('marks an opened unread notification read, and all of them, in the order clicked', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.markRead.and.returnValue(cold('--d|', { d: { marked: 1, unread: 4 } }));
      actions$ = hot('ora', {
        o: InboxPanelActions.notificationOpened({ notification: notification(), at }),
        r: InboxPanelActions.notificationOpened({
          notification: notification({ id: 'n2', readAt: at }),
          at,
        }),
        a: InboxPanelActions.markAllReadClicked({ at }),
      });
      expectObservable(create(markRead)).toBe('--x--y', {
        x: InboxApiActions.markedRead({ unread: 4 }),
        y: InboxApiActions.markedRead({ unread: 4 }),
      });
    });
    expect(api.markRead.calls.allArgs()).toEqual([[{ ids: ['n1'] }], [{ all: true }]]);
  });

  it('reports a refused marking, so that the inbox loads again', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.markRead.and.returnValue(cold('-#', {}, new HttpErrorResponse({ status: 500 })));
      actions$ = hot('a', { a: InboxPanelActions.markAllReadClicked({ at }) });
      expectObservable(create(markRead)).toBe('-f', {
        f: InboxApiActions.markReadFailed({ error: jasmine.any(String) as unknown as string }),
      });
    });
  });

  it('asks whether the article shown is muted, the latest article winning', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.muted.and.callFake((articleId) =>
        cold('--m|', { m: { articleId, muted: articleId === 'a2' } }),
      );
      actions$ = hot('ab', {
        a: MuteToggleActions.shown({ articleId: 'a1' }),
        b: MuteToggleActions.shown({ articleId: 'a2' }),
      });
      expectObservable(create(loadMute)).toBe('---x', {
        x: InboxApiActions.muteLoaded({ articleId: 'a2', muted: true }),
      });
    });
  });

  it('mutes and unmutes in the order clicked, and puts the toggle back when refused', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      api.setMuted.and.callFake((articleId, muted) =>
        muted
          ? cold('-m|', { m: { articleId, muted } })
          : cold('-#', {}, new HttpErrorResponse({ status: 500 })),
      );
      actions$ = hot('mu', {
        m: MuteToggleActions.toggled({ articleId: 'a1', muted: true }),
        u: MuteToggleActions.toggled({ articleId: 'a1', muted: false }),
      });
      expectObservable(create(setMute)).toBe('-m-f', {
        m: InboxApiActions.muteLoaded({ articleId: 'a1', muted: true }),
        f: InboxApiActions.muteFailed({
          articleId: 'a1',
          muted: true,
          error: jasmine.any(String) as unknown as string,
        }),
      });
    });
  });
});
