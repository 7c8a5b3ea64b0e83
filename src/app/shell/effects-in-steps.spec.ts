import { ApplicationInitStatus, inject, InjectionToken } from '@angular/core';
import { TestBed } from '@angular/core/testing';
import { Actions, createEffect, ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { Action, createAction, provideStore, Store } from '@ngrx/store';
import { tap } from 'rxjs';
import { provideEffectsInSteps } from './effects-in-steps';

/** What each group's effect saw, and when it was subscribed. */
const LOG = new InjectionToken<string[]>('effects log', { factory: () => [] });
const ping = createAction('[Test] ping');

function group(name: string) {
  return {
    watch: createEffect(
      (actions$ = inject(Actions), log = inject(LOG)) => {
        log.push(`${name} subscribed`);
        return actions$.pipe(tap((action: Action) => log.push(`${name} saw ${action.type}`)));
      },
      { functional: true, dispatch: false },
    ),
  };
}

describe('provideEffectsInSteps', () => {
  let log: string[];
  let initStatus: ApplicationInitStatus;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideStore(), provideEffectsInSteps(group('a'), group('b'), group('c'))],
    });
    log = TestBed.inject(LOG);
    initStatus = TestBed.inject(ApplicationInitStatus);
  });

  it('subscribes no group in the task that starts the app, and every group before it is done', async () => {
    expect(log).toEqual([]);
    await initStatus.donePromise;
    expect(log.filter((line) => line.endsWith('subscribed'))).toEqual([
      'a subscribed',
      'b subscribed',
      'c subscribed',
    ]);
  });

  it('dispatches ROOT_EFFECTS_INIT once, after every group is subscribed, so each group sees it', async () => {
    await initStatus.donePromise;
    expect(log.filter((line) => line.includes(ROOT_EFFECTS_INIT))).toEqual([
      `a saw ${ROOT_EFFECTS_INIT}`,
      `b saw ${ROOT_EFFECTS_INIT}`,
      `c saw ${ROOT_EFFECTS_INIT}`,
    ]);
    expect(log.indexOf('c subscribed')).toBeLessThan(log.indexOf(`a saw ${ROOT_EFFECTS_INIT}`));
  });

  it('keeps the effects running once started: an action dispatched later reaches every group', async () => {
    await initStatus.donePromise;
    TestBed.inject(Store).dispatch(ping());
    expect(log.filter((line) => line.endsWith(ping.type))).toEqual([
      `a saw ${ping.type}`,
      `b saw ${ping.type}`,
      `c saw ${ping.type}`,
    ]);
  });
});
