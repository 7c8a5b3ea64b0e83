import { Routes } from '@angular/router';
import { provideEffects } from '@ngrx/effects';
import { provideState } from '@ngrx/store';
import * as claimMemoryEffects from '../claim-memory/state/claim-memory.effects';
import * as newClaimsEffects from '../new-claims/state/new-claims.effects';
import { suggestionsFeature } from '../new-claims/state/suggestions.feature';
import * as claimDetailEffects from './state/claim-detail.effects';
import { Workspace } from './workspace';

/**
 * The workspace, with the state and effects only it needs (suggestions and new
 * claims, the open claim's loading and writes, marking repeats and adopting earlier
 * checks), loaded with it rather than at start. The component is in this chunk, not
 * loaded after it: one round trip fewer before the article is drawn (on a slow phone,
 * Lighthouse's largest contentful paint).
 */
export const workspaceRoutes: Routes = [
  {
    path: '',
    providers: [
      provideState(suggestionsFeature),
      provideEffects(newClaimsEffects, claimDetailEffects, claimMemoryEffects),
    ],
    component: Workspace,
  },
];
