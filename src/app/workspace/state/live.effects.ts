import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { EMPTY, filter, map, switchMap } from 'rxjs';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveUpdates } from '../../shell/live-updates';
import { LiveActions } from './claim-detail.actions';

/** Follows the server's change feed while someone is signed in. */
export const followChanges = createEffect(
  (actions$ = inject(Actions), live = inject(LiveUpdates)) => {
    return actions$.pipe(
      ofType(
        SessionApiActions.sessionRestored,
        SessionApiActions.signedIn,
        SessionApiActions.signedOut,
        SessionApiActions.sessionExpired,
      ),
      switchMap((action) =>
        action.type === SessionApiActions.sessionRestored.type ||
        action.type === SessionApiActions.signedIn.type
          ? live.connect()
          : EMPTY,
      ),
      map((message) => {
        if (message.kind === 'open') {
          return LiveActions.connected();
        }
        if (message.kind === 'error') {
          return LiveActions.disconnected();
        }
        const { event } = message;
        if (event.type === 'suggestion.changed' && event.articleId) {
          return LiveActions.suggestionsChanged({ articleId: event.articleId });
        }
        if (event.data.claim) {
          return LiveActions.claimChanged({
            claim: event.data.claim,
            eventId: event.id,
            actor: event.data.claim.updatedBy,
          });
        }
        return LiveActions.articleAdded({ articleId: event.articleId ?? '' });
      }),
      filter((action) => action.type !== LiveActions.articleAdded.type || action.articleId !== ''),
    );
  },
  { functional: true },
);
