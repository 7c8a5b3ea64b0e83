import { LiveActions } from '../../shell/state/live.actions';
import { UsersApiActions } from '../../users/state/users.actions';
import { SessionUser } from '../session-api';
import { SessionApiActions, SessionPageActions } from './session.actions';
import { initialSessionState, sessionFeature } from './session.feature';

const { reducer } = sessionFeature;

const dana: SessionUser = {
  username: 'dana',
  displayName: 'Dana',
  role: 'editor',
  disabled: false,
  createdAt: '2026-11-01T09:00:00.000Z',
};

describe('session feature', () => {
  it('is unknown until the first check of the cookie answers', () => {
    expect(initialSessionState.status).toBe('unknown');
    expect(reducer(initialSessionState, SessionApiActions.noSession()).status).toBe('signed_out');
    expect(reducer(initialSessionState, SessionApiActions.sessionRestored({ user: dana }))).toEqual(
      { status: 'signed_in', user: dana, error: null },
    );
  });

  it('signs in, or keeps the reason it could not', () => {
    let state = reducer(
      initialSessionState,
      SessionPageActions.signInSubmitted({ username: 'dana', password: 'x', returnUrl: '/' }),
    );
    expect(state).toEqual({ status: 'signing_in', user: null, error: null });
    state = reducer(state, SessionApiActions.signInFailed({ error: 'Wrong password.' }));
    expect(state).toEqual({ status: 'signed_out', user: null, error: 'Wrong password.' });
    state = reducer(
      state,
      SessionPageActions.setupSubmitted({
        token: 't',
        username: 'dana',
        password: 'x',
        displayName: null,
      }),
    );
    expect(state.error).toBeNull();
    state = reducer(state, SessionApiActions.signedIn({ user: dana, returnUrl: '/' }));
    expect(state.user).toBe(dana);
  });

  it('forgets the person on sign-out and when the session runs out', () => {
    const signedIn = reducer(
      initialSessionState,
      SessionApiActions.signedIn({ user: dana, returnUrl: '/' }),
    );
    for (const action of [
      SessionApiActions.signedOut(),
      SessionApiActions.sessionExpired({ returnUrl: '/articles/a1' }),
    ]) {
      expect(reducer(signedIn, action)).toEqual({ status: 'signed_out', user: null, error: null });
    }
  });

  it('tells who acts and whether they edit', () => {
    expect(sessionFeature.selectActor.projector(dana)).toEqual({
      username: 'dana',
      role: 'editor',
    });
    expect(sessionFeature.selectActor.projector(null)).toBeNull();
    expect(sessionFeature.selectIsEditor.projector(dana)).toBeTrue();
    expect(sessionFeature.selectIsEditor.projector({ ...dana, role: 'fact_checker' })).toBeFalse();
    expect(sessionFeature.selectIsEditor.projector(null)).toBeFalse();
  });

  it('shows the signed-in person’s new name, whoever changed it, and only theirs', () => {
    const signedIn = reducer(
      initialSessionState,
      SessionApiActions.signedIn({ user: dana, returnUrl: '/' }),
    );
    const renamed = { ...dana, displayName: 'Dana Reyes' };
    for (const action of [
      UsersApiActions.ownNameSaved({ user: renamed }),
      UsersApiActions.accountSaved({ user: renamed }),
      LiveActions.personChanged({ user: renamed }),
    ]) {
      expect(reducer(signedIn, action).user).toEqual(renamed);
    }
    const other = LiveActions.personChanged({ user: { ...dana, username: 'eli' } });
    expect(reducer(signedIn, other)).toBe(signedIn);
    expect(reducer(initialSessionState, LiveActions.personChanged({ user: renamed }))).toBe(
      initialSessionState,
    );
  });
});
