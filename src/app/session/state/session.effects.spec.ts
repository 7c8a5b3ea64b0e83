import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { Router } from '@angular/router';
import { ROOT_EFFECTS_INIT } from '@ngrx/effects';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import { SessionApi, SessionUser } from '../session-api';
import { SessionApiActions, SessionPageActions } from './session.actions';
import {
  completeSetup,
  navigateAfterSession,
  restoreSession,
  signIn,
  signOut,
} from './session.effects';

describe('session effects', () => {
  const dana: SessionUser = {
    username: 'dana',
    displayName: 'Dana',
    role: 'editor',
    disabled: false,
    createdAt: '2026-11-01T09:00:00.000Z',
  };
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<SessionApi>;
  let router: jasmine.SpyObj<Router>;

  beforeEach(() => {
    api = jasmine.createSpyObj<SessionApi>('SessionApi', [
      'current',
      'signIn',
      'signOut',
      'completeSetup',
    ]);
    router = jasmine.createSpyObj<Router>('Router', ['navigate', 'navigateByUrl']);
    router.navigate.and.resolveTo(true);
    router.navigateByUrl.and.resolveTo(true);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: SessionApi, useValue: api },
        { provide: Router, useValue: router },
      ],
    });
  });

  const all = (effect: () => Observable<Action>) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect().pipe(toArray())));

  const refused = (status: number, detail: string) =>
    throwError(() => new HttpErrorResponse({ status, error: { title: 'No', status, detail } }));

  it('restores the session from the cookie on start, or finds none (or cannot ask)', async () => {
    actions$ = of(
      { type: ROOT_EFFECTS_INIT },
      { type: ROOT_EFFECTS_INIT },
      { type: ROOT_EFFECTS_INIT },
    );
    api.current.and.returnValues(of(dana), of(null), refused(503, 'Unavailable.'));
    expect(await all(restoreSession)).toEqual([
      SessionApiActions.sessionRestored({ user: dana }),
      SessionApiActions.noSession(),
      SessionApiActions.noSession(),
    ]);
  });

  it('signs in, or says why not', async () => {
    actions$ = of(
      SessionPageActions.signInSubmitted({ username: 'dana', password: 'pw', returnUrl: '/x' }),
      SessionPageActions.signInSubmitted({ username: 'dana', password: 'bad', returnUrl: '/x' }),
    );
    api.signIn.and.returnValues(of(dana), refused(401, 'Wrong username or password.'));
    expect(await all(signIn)).toEqual([
      SessionApiActions.signedIn({ user: dana, returnUrl: '/x' }),
      SessionApiActions.signInFailed({ error: 'Wrong username or password.' }),
    ]);
  });

  it('completes the first setup and signs the new admin in', async () => {
    actions$ = of(
      SessionPageActions.setupSubmitted({
        token: 't',
        username: 'ada',
        password: 'pw',
        displayName: 'Ada Lindqvist',
      }),
    );
    api.completeSetup.and.returnValue(of({ ...dana, username: 'ada', role: 'admin' }));
    expect(await all(completeSetup)).toEqual([
      SessionApiActions.signedIn({
        user: { ...dana, username: 'ada', role: 'admin' },
        returnUrl: '/',
      }),
    ]);
    expect(api.completeSetup).toHaveBeenCalledOnceWith('t', 'ada', 'pw', 'Ada Lindqvist');
  });

  it('signs out locally even when the server cannot be told', async () => {
    actions$ = of(SessionPageActions.signOutClicked());
    api.signOut.and.returnValue(refused(500, 'Down.'));
    expect(await all(signOut)).toEqual([SessionApiActions.signedOut()]);
  });

  it('goes where the person was headed, or to sign-in with the way back', async () => {
    actions$ = of(
      SessionApiActions.signedIn({ user: dana, returnUrl: '/articles/a1' }),
      SessionApiActions.signedIn({ user: dana, returnUrl: '' }),
      SessionApiActions.sessionExpired({ returnUrl: '/people' }),
      SessionApiActions.signedOut(),
    );
    await all(navigateAfterSession);
    expect(router.navigateByUrl.calls.allArgs()).toEqual([['/articles/a1'], ['/']]);
    expect(router.navigate.calls.allArgs()).toEqual([
      [['/sign-in'], { queryParams: { returnUrl: '/people' } }],
      [['/sign-in'], { queryParams: {} }],
    ]);
  });
});
