import { Role } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { PeoplePageActions, UsersApiActions } from './users.actions';
import { initialUsersState, usersFeature } from './users.feature';

export function person(username: string, role: Role, disabled = false): SessionUser {
  return { username, displayName: username, role, disabled, createdAt: '2026-11-01T09:00:00Z' };
}

const { reducer } = usersFeature;

describe('users feature', () => {
  const loaded = () =>
    reducer(
      reducer(initialUsersState, PeoplePageActions.opened()),
      UsersApiActions.loadSucceeded({
        users: [person('robin', 'fact_checker'), person('ada', 'admin')],
      }),
    );

  it('loads everyone, by username', () => {
    const loading = reducer(initialUsersState, PeoplePageActions.opened());
    expect(usersFeature.selectFirstLoad.projector(loading.loading, 0)).toBeTrue();
    const state = loaded();
    expect(state.loading).toBeFalse();
    expect(usersFeature.selectAll.projector(state).map((u) => u.username)).toEqual([
      'ada',
      'robin',
    ]);
    expect(usersFeature.selectFirstLoad.projector(state.loading, 2)).toBeFalse();
  });

  it('keeps why the list could not be loaded until tried again', () => {
    let state = reducer(
      reducer(initialUsersState, PeoplePageActions.opened()),
      UsersApiActions.loadFailed({ error: 'Down.' }),
    );
    expect(state).toEqual(jasmine.objectContaining({ loading: false, error: 'Down.' }));
    state = reducer(state, PeoplePageActions.retryClicked());
    expect(state).toEqual(jasmine.objectContaining({ loading: true, error: null }));
  });

  it('adds a person once the server has them, and says who was added', () => {
    let state = reducer(
      loaded(),
      PeoplePageActions.personAdded({
        username: 'sam',
        role: 'editor',
        password: 'x'.repeat(10),
        displayName: null,
      }),
    );
    expect(state.adding).toBeTrue();
    expect(state.ids).not.toContain('sam');
    state = reducer(state, UsersApiActions.personAdded({ user: person('sam', 'editor') }));
    expect(state).toEqual(jasmine.objectContaining({ adding: false, added: 'sam' }));
    expect(state.ids).toEqual(['ada', 'robin', 'sam']);
  });

  it('keeps the form after a refused addition', () => {
    const state = reducer(
      reducer(
        loaded(),
        PeoplePageActions.personAdded({
          username: 'ada',
          role: 'admin',
          password: 'x',
          displayName: null,
        }),
      ),
      UsersApiActions.addFailed({ error: 'Taken.' }),
    );
    expect(state).toEqual(
      jasmine.objectContaining({ adding: false, added: null, addRefusal: null }),
    );
  });

  it('keeps the reason for a refused username until the next attempt', () => {
    const attempt = PeoplePageActions.personAdded({
      username: 'ada',
      role: 'admin',
      password: 'x',
      displayName: null,
    });
    let state = reducer(
      reducer(loaded(), attempt),
      UsersApiActions.addFailed({ error: 'Taken.', field: 'username' }),
    );
    expect(state.addRefusal).toEqual({ field: 'username', message: 'Taken.' });
    state = reducer(state, attempt);
    expect(state.addRefusal).toBeNull();
  });

  it('shows a change at once and undoes it if the server refuses', () => {
    const robin = person('robin', 'fact_checker');
    let state = reducer(
      loaded(),
      PeoplePageActions.accountChanged({ previous: robin, changes: { role: 'editor' } }),
    );
    expect(state.entities['robin']?.role).toBe('editor');
    state = reducer(state, UsersApiActions.accountSaveFailed({ restore: robin, error: 'No.' }));
    expect(state.entities['robin']?.role).toBe('fact_checker');
    state = reducer(
      state,
      UsersApiActions.accountSaved({ user: person('robin', 'fact_checker', true) }),
    );
    expect(state.entities['robin']?.disabled).toBeTrue();
  });

  it('renames at once and rolls back a refused new name', () => {
    const robin = person('robin', 'fact_checker');
    let state = reducer(
      loaded(),
      PeoplePageActions.accountChanged({ previous: robin, changes: { displayName: 'Robin A.' } }),
    );
    expect(state.entities['robin']?.displayName).toBe('Robin A.');
    state = reducer(state, UsersApiActions.accountSaveFailed({ restore: robin, error: 'No.' }));
    expect(state.entities['robin']?.displayName).toBe('robin');
  });

  it('follows changes made elsewhere and the signed-in person’s own new name', () => {
    let state = reducer(
      loaded(),
      LiveActions.personChanged({ user: { ...person('ada', 'admin'), displayName: 'Ada L.' } }),
    );
    state = reducer(state, LiveActions.personChanged({ user: person('sam', 'editor') }));
    state = reducer(
      state,
      UsersApiActions.ownNameSaved({
        user: { ...person('robin', 'fact_checker'), displayName: 'Robin Ahmadi' },
      }),
    );
    expect(
      usersFeature.selectDisplayNames.projector(usersFeature.selectAll.projector(state)),
    ).toEqual(
      new Map([
        ['ada', 'Ada L.'],
        ['robin', 'Robin Ahmadi'],
        ['sam', 'sam'],
      ]),
    );
  });

  it('forgets everyone when the session ends', () => {
    for (const action of [
      SessionApiActions.signedOut(),
      SessionApiActions.sessionExpired({ returnUrl: '/' }),
    ]) {
      expect(reducer(loaded(), action)).toEqual(initialUsersState);
    }
  });

  it('keeps what it shows when a background refresh fails', () => {
    expect(reducer(loaded(), UsersApiActions.refreshFailed({ error: 'Down.' }))).toEqual(loaded());
  });
});
