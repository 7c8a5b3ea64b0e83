import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as statsEffects from './state/stats.effects';
import { statsFeature } from './state/stats.feature';

/** The overview with its statistics' state, loaded only when someone opens an overview. */
export const overviewRoutes: Routes = [
  {
    path: '',
    providers: [provideState(statsFeature), provideEffects(statsEffects)],
    loadComponent: () => import('./overview').then((m) => m.Overview),
  },
];
