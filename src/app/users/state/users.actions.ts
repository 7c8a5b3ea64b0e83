import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Role } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';

/** What the changes to an account may touch. */
export interface AccountChanges {
  readonly role?: Role;
  readonly disabled?: boolean;
  readonly displayName?: string;
}

/** What an admin does on the People page. */
export const PeoplePageActions = createActionGroup({
  source: 'People Page',
  events: {
    Opened: emptyProps(),
    'Retry Clicked': emptyProps(),
    /** `displayName` null: the server names the person after the username. */
    'Person Added': props<{
      username: string;
      role: Role;
      password: string;
      displayName: string | null;
    }>(),
    /** `previous` is the account as shown before the change: the rollback target. */
    'Account Changed': props<{ previous: SessionUser; changes: AccountChanges }>(),
  },
});

export const UsersApiActions = createActionGroup({
  source: 'Users API',
  events: {
    'Load Succeeded': props<{ users: SessionUser[] }>(),
    'Load Failed': props<{ error: string }>(),
    /** A refresh nobody waits on failed: what is shown stays, the next one may succeed. */
    'Refresh Failed': props<{ error: string }>(),
    'Person Added': props<{ user: SessionUser }>(),
    /** `field`: the field the server refused (`username`), when it named one. */
    'Add Failed': props<{ error: string; field?: string | null }>(),
    /** `changes`: what was asked, so that the admin hears what it did. */
    'Account Saved': props<{ user: SessionUser; changes?: AccountChanges }>(),
    /** Refused or failed: the account returns to `restore`. */
    'Account Save Failed': props<{ restore: SessionUser; error: string }>(),
    'Own Name Saved': props<{ user: SessionUser }>(),
    'Own Name Save Failed': props<{ error: string }>(),
  },
});
