import { Routes } from '@angular/router';
import { UserAdmin } from './user-admin';

/** The People page. Its state is the app's (app.config.ts): everyone needs the people. */
export const usersRoutes: Routes = [{ path: '', component: UserAdmin }];
