import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as usersEffects from './state/users.effects';
import { usersFeature } from './state/users.feature';
import { UserAdmin } from './user-admin';

/** The People page, with its state registered only once an admin opens it. */
export const usersRoutes: Routes = [
  {
    path: '',
    component: UserAdmin,
    providers: [provideState(usersFeature), provideEffects(usersEffects)],
  },
];
