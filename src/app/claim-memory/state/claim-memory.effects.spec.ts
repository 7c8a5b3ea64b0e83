import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { TestScheduler } from 'rxjs/testing';
import { Observable } from 'rxjs';
import { ClaimDetail, ClaimSummary } from '../../../domain/claim';
import { ClaimsApiActions } from '../../workspace/state/claim-detail.actions';
import { claimFixture } from '../../workspace/state/claims.feature.spec';
import { ClaimMemoryApi } from '../claim-memory-api';
import { CheckedBeforeActions } from './claim-memory.actions';
import { saveClaimMemory } from './claim-memory.effects';

describe('claim memory effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<ClaimMemoryApi>;
  let scheduler: TestScheduler;
  const claim = claimFixture({ id: 'c9', version: 3 });

  beforeEach(() => {
    api = jasmine.createSpyObj<ClaimMemoryApi>('ClaimMemoryApi', [
      'markRepeat',
      'unmarkRepeat',
      'adopt',
    ]);
    TestBed.configureTestingModule({
      providers: [provideMockActions(() => actions$), { provide: ClaimMemoryApi, useValue: api }],
    });
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  const run = () => TestBed.runInInjectionContext(() => saveClaimMemory());

  it('marks a repeat with the version shown and saves the answer into the claim store', () => {
    scheduler.run(({ cold, hot, expectObservable }) => {
      const marked = { ...claim, version: 4, repeatOf: 'pnk-021' };
      api.markRepeat.and.returnValue(cold('--a|', { a: marked }));
      actions$ = hot('-m', {
        m: CheckedBeforeActions.markRepeatConfirmed({ claim, originalId: 'pnk-021' }),
      });
      expectObservable(run()).toBe('---s', {
        s: ClaimsApiActions.claimSaved({
          claim: marked,
          message: 'Marked as a repeat of the earlier check',
        }),
      });
    });
    expect(api.markRepeat).toHaveBeenCalledWith('c9', 3, 'pnk-021');
  });

  it('replaces the claim with the adopted one, without its evidence and notes', () => {
    const adopted: ClaimDetail = {
      ...claim,
      version: 4,
      verdict: 'false',
      evidenceCount: 1,
      evidence: [],
      notes: [],
    };
    scheduler.run(({ cold, hot, expectObservable }) => {
      api.adopt.and.returnValue(cold('-a|', { a: adopted }));
      actions$ = hot('-d', { d: CheckedBeforeActions.adoptConfirmed({ claim }) });
      const summary = Object.fromEntries(
        Object.entries(adopted).filter(([key]) => key !== 'evidence' && key !== 'notes'),
      ) as unknown as ClaimSummary;
      expect(Object.keys(summary)).not.toContain('evidence');
      expectObservable(run()).toBe('--s', {
        s: ClaimsApiActions.claimSaved({
          claim: summary,
          message: 'Adopted the earlier check: review it like any finding',
        }),
      });
    });
  });

  it('returns to the claim as it now stands on a 412, and goes on after a failure', () => {
    const current = { ...claim, version: 5 };
    const stale = new HttpErrorResponse({
      status: 412,
      error: {
        title: 'Precondition failed',
        status: 412,
        detail: 'Someone else changed it.',
        current,
      },
    });
    scheduler.run(({ cold, hot, expectObservable }) => {
      api.unmarkRepeat.and.returnValues(cold('-#', {}, stale), cold('-a|', { a: current }));
      actions$ = hot('-u-u', {
        u: CheckedBeforeActions.unmarkRepeatConfirmed({ claim }),
      });
      expectObservable(run()).toBe('--f-s', {
        f: ClaimsApiActions.claimSaveFailed({
          restore: current,
          error: jasmine.any(String) as unknown as string,
        }),
        s: ClaimsApiActions.claimSaved({ claim: current, message: 'No longer marked as a repeat' }),
      });
    });
  });
});
