import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action } from '@ngrx/store';
import { EMPTY, mergeMap, switchMap } from 'rxjs';
import { NotificationEventData } from '../../../domain/notifications';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveUpdates } from '../../shell/live-updates';
import { ChangeEvent } from '../../shell/live-updates';
import { LiveActions } from '../../shell/state/live.actions';

/** `notification.created`: the server sends it only to the recipient's own streams. */
function isNotification(
  event: ChangeEvent,
): event is ChangeEvent & ChangeEvent<NotificationEventData> {
  const data = event.data as Partial<NotificationEventData>;
  return (
    (event.type as string) === 'notification.created' &&
    !!data.notification &&
    typeof data.unread === 'number'
  );
}

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
      mergeMap((message): Action[] => {
        if (message.kind === 'open') {
          return [LiveActions.connected()];
        }
        if (message.kind === 'error') {
          return [LiveActions.disconnected()];
        }
        const { event } = message;
        if (isNotification(event)) {
          const { notification, unread } = event.data;
          return [LiveActions.notificationReceived({ notification, unread })];
        }
        if (event.type === 'user.changed') {
          return event.data.user ? [LiveActions.personChanged({ user: event.data.user })] : [];
        }
        if (event.type === 'article.updated') {
          // The article summary as it now stands (details, version, archived).
          const { article } = event.data;
          return article ? [LiveActions.articleUpdated({ article })] : [];
        }
        if (event.type === 'suggestion.changed' && event.articleId) {
          return [LiveActions.suggestionsChanged({ articleId: event.articleId })];
        }
        const claim = event.data.claim;
        if (claim) {
          const changed = LiveActions.claimChanged({
            claim,
            eventId: event.id,
            actor: claim.updatedBy,
          });
          // The summary counts notes but does not carry their text, which search needs.
          return event.type === 'note.changed'
            ? [changed, LiveActions.notesChanged({ articleId: claim.articleId, claimId: claim.id })]
            : [changed];
        }
        return event.articleId ? [LiveActions.articleAdded({ articleId: event.articleId })] : [];
      }),
    );
  },
  { functional: true },
);
