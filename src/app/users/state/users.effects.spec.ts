import { HttpErrorResponse } from '@angular/common/http';
import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action } from '@ngrx/store';
import { firstValueFrom, Observable, of, throwError, toArray } from 'rxjs';
import { Role } from '../../../domain/workflow';
import { LiveActions } from '../../shell/state/live.actions';
import { ToolbarActions } from '../../shell/state/toolbar.actions';
import { UsersApi } from '../users-api';
import { PeoplePageActions, UsersApiActions } from './users.actions';
import {
  addPerson,
  changeAccount,
  changeOwnName,
  loadUsers,
  refreshUsers,
  tellAdmin,
  tellOwnName,
} from './users.effects';
import { person } from './users.feature.spec';

describe('users effects', () => {
  let actions$: Observable<Action>;
  let api: jasmine.SpyObj<UsersApi>;
  let snackBar: jasmine.SpyObj<MatSnackBar>;

  beforeEach(() => {
    api = jasmine.createSpyObj<UsersApi>('UsersApi', ['list', 'add', 'update']);
    snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        { provide: UsersApi, useValue: api },
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
  });

  const all = (effect: () => Observable<Action>) =>
    TestBed.runInInjectionContext(() => firstValueFrom(effect().pipe(toArray())));

  const refused = (detail: string) =>
    throwError(
      () =>
        new HttpErrorResponse({
          status: 409,
          statusText: 'Conflict',
          error: { title: 'Conflict', status: 409, detail },
        }),
    );

  it('loads the list on opening and on trying again, and says why it failed', async () => {
    actions$ = of(PeoplePageActions.opened(), PeoplePageActions.retryClicked());
    api.list.and.returnValues(
      throwError(() => new HttpErrorResponse({ status: 0 })),
      of([person('ada', 'admin')]),
    );
    expect(await all(loadUsers)).toEqual([
      UsersApiActions.loadFailed({
        error: 'The server cannot be reached. Check your connection and try again.',
      }),
      UsersApiActions.loadSucceeded({ users: [person('ada', 'admin')] }),
    ]);
  });

  it('reloads everyone whenever the change feed says a load is due, quietly when it cannot', async () => {
    actions$ = of(LiveActions.refreshDue(), LiveActions.connected(), LiveActions.refreshDue());
    api.list.and.returnValues(
      of([person('ada', 'admin')]),
      throwError(() => new HttpErrorResponse({ status: 0 })),
    );
    expect(await all(refreshUsers)).toEqual([
      UsersApiActions.loadSucceeded({ users: [person('ada', 'admin')] }),
      UsersApiActions.refreshFailed({
        error: 'The server cannot be reached. Check your connection and try again.',
      }),
    ]);
  });

  it('adds a person, or passes on the server’s refusal', async () => {
    actions$ = of(
      PeoplePageActions.personAdded({
        username: 'sam',
        role: 'editor',
        password: 'sam pass 1',
        displayName: 'Sam Okafor',
      }),
      PeoplePageActions.personAdded({
        username: 'ada',
        role: 'admin',
        password: 'ada pass 12',
        displayName: null,
      }),
    );
    api.add.and.returnValues(of(person('sam', 'editor')), refused('The username ada is taken.'));
    expect(await all(addPerson)).toEqual([
      UsersApiActions.personAdded({ user: person('sam', 'editor') }),
      UsersApiActions.addFailed({ error: 'The username ada is taken.', field: null }),
    ]);
    expect(api.add.calls.allArgs()).toEqual([
      ['sam', 'editor', 'sam pass 1', 'Sam Okafor'],
      ['ada', 'admin', 'ada pass 12', null],
    ]);
  });

  it('saves a change, and on refusal returns the account to what it was', async () => {
    const casey = person('casey', 'fact_checker');
    actions$ = of(
      PeoplePageActions.accountChanged({ previous: casey, changes: { role: 'editor' } }),
      PeoplePageActions.accountChanged({ previous: casey, changes: { disabled: true } }),
    );
    api.update.and.returnValues(of(person('casey', 'editor')), refused('Not allowed.'));
    expect(await all(changeAccount)).toEqual([
      UsersApiActions.accountSaved({
        user: person('casey', 'editor'),
        changes: { role: 'editor' },
      }),
      UsersApiActions.accountSaveFailed({ restore: casey, error: 'Not allowed.' }),
    ]);
    expect(api.update.calls.allArgs()).toEqual([
      ['casey', { role: 'editor' }],
      ['casey', { disabled: true }],
    ]);
  });

  it('renames the signed-in person, or says why not', async () => {
    const renamed = { ...person('casey', 'fact_checker'), displayName: 'Casey Ng' };
    actions$ = of(
      ToolbarActions.displayNameChanged({ username: 'casey', displayName: 'Casey Ng' }),
      ToolbarActions.displayNameChanged({ username: 'casey', displayName: 'Casey N.' }),
    );
    api.update.and.returnValues(of(renamed), refused('The server is busy.'));
    expect(await all(changeOwnName)).toEqual([
      UsersApiActions.ownNameSaved({ user: renamed }),
      UsersApiActions.ownNameSaveFailed({ error: 'The server is busy.' }),
    ]);
    expect(api.update.calls.allArgs()).toEqual([
      ['casey', { displayName: 'Casey Ng' }],
      ['casey', { displayName: 'Casey N.' }],
    ]);
  });

  it('tells the person how their new name went', async () => {
    actions$ = of(
      UsersApiActions.ownNameSaved({
        user: { ...person('casey', 'fact_checker'), displayName: 'Casey Ng' },
      }),
      UsersApiActions.ownNameSaveFailed({ error: 'The server is busy.' }),
    );
    await all(tellOwnName);
    expect(snackBar.open.calls.allArgs()).toEqual([
      ['Colleagues now see you as Casey Ng', 'Close', { duration: 3000 }],
      ['Your name was not changed: The server is busy.', 'Close', { duration: 8000 }],
    ]);
  });

  it('tells the admin how each change went, naming people as colleagues see them', async () => {
    const named = (username: string, displayName: string, role: Role, disabled = false) => ({
      ...person(username, role, disabled),
      displayName,
    });
    actions$ = of(
      UsersApiActions.personAdded({ user: named('sam', 'Sam Okafor', 'editor') }),
      UsersApiActions.accountSaved({
        user: named('casey', 'Casey Ng', 'editor'),
        changes: { role: 'editor' },
      }),
      UsersApiActions.accountSaved({
        user: named('gus', 'Gus Ferreira', 'fact_checker', true),
        changes: { disabled: true },
      }),
      UsersApiActions.accountSaved({
        user: named('gus', 'Gus Ferreira', 'fact_checker'),
        changes: { disabled: false },
      }),
      UsersApiActions.addFailed({ error: 'The server is busy.', field: null }),
      // A refused username shows under its field, not in a snack bar.
      UsersApiActions.addFailed({ error: 'The username ada is taken.', field: 'username' }),
    );
    await all(tellAdmin);
    expect(snackBar.open.calls.allArgs()).toEqual([
      ['Added Sam Okafor', 'Close', { duration: 3000 }],
      ['Casey Ng’s role is now Editor', 'Close', { duration: 3000 }],
      ['Gus Ferreira can no longer sign in', 'Close', { duration: 3000 }],
      ['Gus Ferreira can sign in again', 'Close', { duration: 3000 }],
      ['The server is busy.', 'Close', { duration: 8000 }],
    ]);
  });

  it('names the field of a refused new account', async () => {
    actions$ = of(
      PeoplePageActions.personAdded({
        username: 'ada',
        role: 'admin',
        password: 'ada pass 12',
        displayName: null,
      }),
    );
    api.add.and.returnValue(
      throwError(
        () =>
          new HttpErrorResponse({
            status: 409,
            error: {
              title: 'Conflict',
              status: 409,
              detail: 'The username ada is taken.',
              field: '/body/username',
            },
          }),
      ),
    );
    expect(await all(addPerson)).toEqual([
      UsersApiActions.addFailed({ error: 'The username ada is taken.', field: 'username' }),
    ]);
  });
  it('words a refusal for people: not the pointer, nor the username shown beside its field', async () => {
    actions$ = of(
      PeoplePageActions.personAdded({
        username: 'Ada!',
        role: 'admin',
        password: 'short',
        displayName: null,
      }),
      PeoplePageActions.personAdded({
        username: 'ada',
        role: 'admin',
        password: 'short',
        displayName: null,
      }),
    );
    const refusal = (field: string, rule: string) =>
      throwError(
        () =>
          new HttpErrorResponse({
            status: 400,
            error: { title: 'Invalid request', status: 400, detail: `${field} ${rule}`, field },
          }),
      );
    api.add.and.returnValues(
      refusal('/body/username', 'must be 2-64 lower-case letters'),
      refusal('/body/password', 'must have at least 10 characters'),
    );
    expect(await all(addPerson)).toEqual([
      UsersApiActions.addFailed({ error: 'Must be 2-64 lower-case letters', field: 'username' }),
      UsersApiActions.addFailed({
        error: 'Initial password must have at least 10 characters',
        field: 'password',
      }),
    ]);
  });
});
