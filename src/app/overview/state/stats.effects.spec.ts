import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Observable } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { LiveActions } from '../../shell/state/live.actions';
import { claimFixture } from '../../workspace/state/claims.feature.spec';
import { StatsApi } from '../stats-api';
import { statsFixture } from '../stats-data.spec';
import { OverviewPageActions } from './overview.actions';
import { StatsApiActions } from './stats.actions';
import { loadStats } from './stats.effects';
import { statsFeature } from './stats.feature';

describe('stats effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<StatsApi>;
  let scheduler: TestScheduler;
  const stats = statsFixture();

  beforeEach(() => {
    api = jasmine.createSpyObj<StatsApi>('StatsApi', ['stats']);
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({ selectors: [{ selector: statsFeature.selectArticleId, value: 'a1' }] }),
        { provide: StatsApi, useValue: api },
      ],
    });
  });
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  const run = () => TestBed.runInInjectionContext(loadStats);
  const changed = (articleId: string) =>
    LiveActions.claimChanged({ claim: claimFixture({ articleId }), eventId: 1, actor: 'dana' });

  it('loads the article’s numbers when the overview opens', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-o', { o: OverviewPageActions.opened({ articleId: 'a1' }) });
      api.stats.and.returnValue(cold('--s|', { s: stats }));
      expectObservable(run()).toBe('---l', {
        l: StatsApiActions.statsLoaded({ articleId: 'a1', stats }),
      });
    });
    expect(api.stats).toHaveBeenCalledOnceWith('a1');
  });

  it('reloads once after a burst of changes to the article shown, and not for others', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-a 500ms a 500ms b', { a: changed('a1'), b: changed('a2') });
      api.stats.and.returnValue(cold('s|', { s: stats }));
      // The last change of the article shown at frame 502, then two quiet seconds.
      expectObservable(run()).toBe('2502ms l', {
        l: StatsApiActions.statsLoaded({ articleId: 'a1', stats }),
      });
    });
    expect(api.stats).toHaveBeenCalledTimes(1);
  });

  it('says why the numbers could not be loaded, and keeps listening', () => {
    const offline = new HttpErrorResponse({ status: 0 });
    scheduler.run(({ hot, cold, expectObservable }) => {
      actions$ = hot('-o--r', {
        o: OverviewPageActions.opened({ articleId: 'a1' }),
        r: OverviewPageActions.retryClicked({ articleId: 'a1' }),
      });
      api.stats.and.returnValues(cold('-#', undefined, offline), cold('-s|', { s: stats }));
      expectObservable(run()).toBe('--f--l', {
        f: StatsApiActions.statsFailed({ articleId: 'a1', error: jasmine.any(String) as never }),
        l: StatsApiActions.statsLoaded({ articleId: 'a1', stats }),
      });
    });
  });
});
