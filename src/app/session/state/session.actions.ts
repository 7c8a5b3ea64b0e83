import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { SessionUser } from '../session-api';

export const SessionPageActions = createActionGroup({
  source: 'Session Page',
  events: {
    'Sign In Submitted': props<{ username: string; password: string; returnUrl: string }>(),
    /** `displayName` null: the admin is named after the username. */
    'Setup Submitted': props<{
      token: string;
      username: string;
      password: string;
      displayName: string | null;
    }>(),
    'Sign Out Clicked': emptyProps(),
  },
});

export const SessionApiActions = createActionGroup({
  source: 'Session API',
  events: {
    'Session Restored': props<{ user: SessionUser }>(),
    'No Session': emptyProps(),
    'Signed In': props<{ user: SessionUser; returnUrl: string }>(),
    'Sign In Failed': props<{ error: string }>(),
    'Signed Out': emptyProps(),
    /** Any API call answered 401: the session ran out while the user worked. */
    'Session Expired': props<{ returnUrl: string }>(),
  },
});
