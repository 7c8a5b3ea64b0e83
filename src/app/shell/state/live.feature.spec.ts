import { SessionApiActions } from '../../session/state/session.actions';
import { person } from '../../users/state/users.feature.spec';
import { LiveActions } from './live.actions';
import { initialLiveState, liveFeature } from './live.feature';

const { reducer } = liveFeature;

describe('live feature', () => {
  it('is offline until the change feed opens, then says when it drops and returns', () => {
    expect(liveFeature.selectPaused.projector(initialLiveState.status)).toBeFalse();
    let state = reducer(initialLiveState, LiveActions.connected());
    expect(state.status).toBe('connected');
    state = reducer(state, LiveActions.disconnected());
    expect(state.status).toBe('reconnecting');
    expect(liveFeature.selectPaused.projector(state.status)).toBeTrue();
    state = reducer(state, LiveActions.connected());
    expect(liveFeature.selectPaused.projector(state.status)).toBeFalse();
  });

  it('goes offline, not paused, when the session ends or a new one opens its stream', () => {
    const dropped = reducer(initialLiveState, LiveActions.disconnected());
    const user = person('dana', 'editor');
    for (const action of [
      SessionApiActions.signedIn({ user, returnUrl: '/' }),
      SessionApiActions.sessionRestored({ user }),
      SessionApiActions.signedOut(),
      SessionApiActions.sessionExpired({ returnUrl: '/' }),
      SessionApiActions.noSession(),
    ]) {
      expect(reducer(dropped, action)).toEqual(initialLiveState);
    }
  });
});
