import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import * as claimMemoryEffects from '../claim-memory/state/claim-memory.effects';

/**
 * The workspace, with the effects only it needs: marking repeats and adopting
 * earlier checks happen in its claim panel, so they load with it.
 */
export const workspaceRoutes: Routes = [
  {
    path: '',
    providers: [provideEffects(claimMemoryEffects)],
    loadComponent: () => import('./workspace').then((m) => m.Workspace),
  },
];
