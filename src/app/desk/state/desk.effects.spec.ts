import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { DeskPage, DeskQuery, queueById } from '../../../domain/desk';
import { sessionFeature } from '../../session/state/session.feature';
import { LiveActions } from '../../shell/state/live.actions';
import { liveFeature } from '../../shell/state/live.feature';
import { DeskApi } from '../desk-api';
import {
  ClaimsPageActions,
  DeskApiActions,
  DeskLiveActions,
  MyWorkPageActions,
} from './desk.actions';
import { countQueuesLive, loadClaimsList, loadQueues, settleLiveChanges } from './desk.effects';
import { deskFeature, DeskState, EMPTY_LIST, initialDeskState } from './desk.feature';
import { deskClaim, page, person } from './desk.feature.spec';

describe('desk effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<DeskApi>;
  let store: MockStore;
  let scheduler: TestScheduler;

  beforeEach(() => {
    api = jasmine.createSpyObj<DeskApi>('DeskApi', ['claims']);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ initialState: { desk: initialDeskState } }),
        { provide: DeskApi, useValue: api },
      ],
    });
    store = TestBed.inject(MockStore);
    store.overrideSelector(sessionFeature.selectUser, person('fact_checker'));
    store.overrideSelector(sessionFeature.selectActor, { username: 'casey', role: 'fact_checker' });
    store.overrideSelector(liveFeature.selectStatus, 'connected');
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  afterEach(() => store.resetSelectors());

  const create = (effect: () => Observable<Action>) => TestBed.runInInjectionContext(effect);
  const withDesk = (desk: Partial<DeskState>) => {
    store.overrideSelector(deskFeature.selectDeskState, { ...initialDeskState, ...desk });
    store.overrideSelector(deskFeature.selectQueues, desk.queues ?? {});
    store.overrideSelector(deskFeature.selectMyWorkOpen, desk.myWorkOpen ?? false);
  };
  /** The server's answer to each query, by a key the test picks. */
  const answer = (pick: (query: DeskQuery) => Observable<DeskPage>) =>
    api.claims.and.callFake(pick);

  it('waits for a burst of live changes to settle before asking again', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const changed = LiveActions.claimChanged({ claim: deskClaim(), eventId: 1, actor: null });
      actions$ = hot('a 200ms b 1500ms c', {
        a: changed,
        b: LiveActions.articleUpdated({
          article: { id: 'a1' } as never,
        }),
        c: changed,
      });
      expectObservable(create(settleLiveChanges)).toBe('1201ms x 1500ms x', {
        x: DeskLiveActions.changesSettled(),
      });
    });
  });

  it('counts the signed-in person’s queues with one claim each, again when changes settle', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('----s--c', {
        s: DeskLiveActions.changesSettled(),
        c: LiveActions.refreshDue(),
      });
      let round = 0;
      answer((query) => {
        round += 1;
        return query.stage?.[0] === 'new' && round > 3
          ? cold('-#', {}, new HttpErrorResponse({ status: 500 }))
          : cold('-(p|)', { p: page([], query.stage?.[0] === 'researching' ? 4 : 1) });
      });
      expectObservable(create(countQueuesLive)).toBe('-a---b--b', {
        a: DeskApiActions.countsLoaded({
          counts: { sent_back: 1, researching: 4, assigned_new: 1 },
        }),
        // A count that failed is left out: the badge keeps what it showed.
        b: DeskApiActions.countsLoaded({ counts: { sent_back: 1, researching: 4 } }),
      });
    });
    expect(api.claims.calls.argsFor(0)).toEqual([
      { assignee: 'me', stage: ['changes_requested'], sort: 'due', limit: 1 },
    ]);
  });

  it('on signing in, counts with the stream’s start-up load, not before, and on each catch-up', () => {
    store.overrideSelector(liveFeature.selectStatus, 'offline');
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-c-r--c-r', { c: LiveActions.connected(), r: LiveActions.refreshDue() });
      answer(() => cold('-(p|)', { p: page([], 2) }));
      const counted = DeskApiActions.countsLoaded({
        counts: { sent_back: 2, researching: 2, assigned_new: 2 },
      });
      expectObservable(create(countQueuesLive)).toBe('----a----a', { a: counted });
    });
    // One count of the three queues at start, one more for the reconnection.
    expect(api.claims).toHaveBeenCalledTimes(6);
  });

  it('counts nothing while nobody is signed in', () => {
    store.overrideSelector(sessionFeature.selectActor, null);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-s', { s: DeskLiveActions.changesSettled() });
      expectObservable(create(countQueuesLive)).toBe('');
    });
    expect(api.claims).not.toHaveBeenCalled();
  });

  it('loads each of the person’s queues on its own, and says which one failed', () => {
    withDesk({});
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('o', { o: MyWorkPageActions.opened() });
      answer((query) =>
        query.stage?.[0] === 'researching'
          ? cold('-----#', {}, new HttpErrorResponse({ status: 0 }))
          : cold('-(p|)', { p: page([deskClaim()]) }),
      );
      expectObservable(create(loadQueues)).toBe('-(ab)c', {
        a: DeskApiActions.queueLoaded({
          queue: 'sent_back',
          page: page([deskClaim()]),
          append: false,
        }),
        b: DeskApiActions.queueLoaded({
          queue: 'assigned_new',
          page: page([deskClaim()]),
          append: false,
        }),
        c: DeskApiActions.queueLoadFailed({
          queue: 'researching',
          error: 'The server cannot be reached. Check your connection and try again.',
        }),
      });
    });
    expect(api.claims.calls.argsFor(1)).toEqual([
      { assignee: 'me', stage: ['researching'], sort: 'due', limit: 10 },
    ]);
  });

  it('shows more from the cursor, and drops what is on its way when the page closes', () => {
    withDesk({ queues: { researching: { ...EMPTY_LIST, ids: ['c1'], nextCursor: 'n1' } } });
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('m---m-c', {
        m: MyWorkPageActions.showMoreClicked({ queue: 'researching' }),
        c: MyWorkPageActions.closed(),
      });
      answer(() => cold('---(p|)', { p: page([deskClaim({ id: 'c2' })], 2) }));
      expectObservable(create(loadQueues)).toBe('---a', {
        a: DeskApiActions.queueLoaded({
          queue: 'researching',
          page: page([deskClaim({ id: 'c2' })], 2),
          append: true,
        }),
      });
    });
    expect(api.claims).toHaveBeenCalledWith({
      ...queueById('researching').query,
      cursor: 'n1',
      limit: 10,
    });
  });

  it('refreshes the open queues once changes settle, as long as they are shown', () => {
    const shown = Array.from({ length: 60 }, (_, index) => `c${index}`);
    withDesk({
      myWorkOpen: true,
      queues: { overdue: { ...EMPTY_LIST, ids: shown, total: 70, nextCursor: 'x' } },
    });
    store.overrideSelector(sessionFeature.selectUser, person('editor'));
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('s', { s: DeskLiveActions.changesSettled() });
      answer(() => cold('-(p|)', { p: page([], 69) }));
      expectObservable(create(loadQueues)).toBe('-a', {
        a: DeskApiActions.queueLoaded({ queue: 'overdue', page: page([], 69), append: false }),
      });
    });
    expect(api.claims).toHaveBeenCalledOnceWith({ overdue: true, sort: 'due', limit: 60 });
  });

  it('leaves the queues alone when changes settle while My work is closed', () => {
    withDesk({ myWorkOpen: false, queues: { overdue: EMPTY_LIST } });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('s', { s: DeskLiveActions.changesSettled() });
      expectObservable(create(loadQueues)).toBe('');
    });
  });

  it('lists the claims of the newest query only', () => {
    withDesk({});
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('a-b', {
        a: ClaimsPageActions.queryChanged({ query: { stage: ['new'] } }),
        b: ClaimsPageActions.queryChanged({ query: { stage: ['approved'] } }),
      });
      answer((query) => cold('---(p|)', { p: page([deskClaim({ id: String(query.stage) })]) }));
      expectObservable(create(loadClaimsList)).toBe('-----b', {
        b: DeskApiActions.listLoaded({
          page: page([deskClaim({ id: 'approved' })]),
          append: false,
        }),
      });
    });
    expect(api.claims.calls.mostRecent().args).toEqual([{ stage: ['approved'], limit: 50 }]);
  });

  it('shows more of the claims page from its cursor, and says why a page failed', () => {
    withDesk({ query: { q: 'growth' }, list: { ...EMPTY_LIST, ids: ['c1'], nextCursor: 'n2' } });
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('m-r', {
        m: ClaimsPageActions.showMoreClicked(),
        r: ClaimsPageActions.retryClicked(),
      });
      answer((query) =>
        query.cursor
          ? cold('-(p|)', { p: page([deskClaim({ id: 'c2' })]) })
          : cold('-#', {}, new HttpErrorResponse({ status: 503, statusText: 'Unavailable' })),
      );
      expectObservable(create(loadClaimsList)).toBe('-a-b', {
        a: DeskApiActions.listLoaded({ page: page([deskClaim({ id: 'c2' })]), append: true }),
        b: DeskApiActions.listLoadFailed({ error: 'The server answered 503 Unavailable.' }),
      });
    });
    expect(api.claims.calls.argsFor(0)).toEqual([{ q: 'growth', cursor: 'n2', limit: 50 }]);
  });
});
