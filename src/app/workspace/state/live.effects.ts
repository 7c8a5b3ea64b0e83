import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Action, Store } from '@ngrx/store';
import { EMPTY, filter, map, mergeMap, switchMap, tap } from 'rxjs';
import { NotificationEventData, NotificationsReadEventData } from '../../../domain/notifications';
import { SessionApiActions } from '../../session/state/session.actions';
import { ChangeEvent, LiveUpdates } from '../../shell/live-updates';
import { LiveActions } from '../../shell/state/live.actions';
import { liveFeature } from '../../shell/state/live.feature';
import { sessionFeature } from '../../session/state/session.feature';
import { usersFeature } from '../../users/state/users.feature';
import { ClaimDetailLiveActions } from './claim-detail.actions';
import { claimDetailFeature } from './claim-detail.feature';
import { changedUnderDraft } from './edited-elsewhere';

/** `notification.created`: the server sends it only to the recipient's own streams. */
function isNotification(
  event: ChangeEvent,
): event is ChangeEvent & ChangeEvent<NotificationEventData> {
  const data = event.data as Partial<NotificationEventData>;
  return (
    event.type === 'notification.created' && !!data.notification && typeof data.unread === 'number'
  );
}

/** `notifications.read`: also sent only to the recipient's own streams. */
function isReadMark(
  event: ChangeEvent,
): event is ChangeEvent & ChangeEvent<NotificationsReadEventData> {
  const data = event.data as Partial<NotificationsReadEventData>;
  return (
    event.type === 'notifications.read' &&
    Array.isArray(data.ids) &&
    typeof data.readAt === 'string' &&
    typeof data.unread === 'number'
  );
}

/**
 * Follows the server's change feed while someone is signed in. The stream opens right
 * after sign-in, so what the page needs besides it loads on `refreshDue` (see LiveActions):
 * nothing can change unseen between that load and the stream.
 */
export const followChanges = createEffect(
  (actions$ = inject(Actions), live = inject(LiveUpdates), store = inject(Store)) => {
    const status = store.selectSignal(liveFeature.selectStatus);
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
          return [LiveActions.connected(), LiveActions.refreshDue()];
        }
        if (message.kind === 'error') {
          // Still `offline`: it never connected in this session, so load now rather than wait.
          return status() === 'offline'
            ? [LiveActions.disconnected(), LiveActions.refreshDue()]
            : [LiveActions.disconnected()];
        }
        const { event } = message;
        if (isNotification(event)) {
          const { notification, unread } = event.data;
          return [LiveActions.notificationReceived({ notification, unread })];
        }
        if (isReadMark(event)) {
          const { ids, readAt, unread } = event.data;
          return [LiveActions.notificationsRead({ ids, readAt, unread })];
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

/**
 * Someone else saved the claim open with unsaved changes: the person is told at
 * once, with both versions field by field (the finding's conflict view), not
 * only when they press Save.
 */
export const warnOfEditsElsewhere = createEffect(
  (actions$ = inject(Actions), store = inject(Store)) => {
    const draft = store.selectSignal(claimDetailFeature.selectDraft);
    const conflict = store.selectSignal(claimDetailFeature.selectConflict);
    const me = store.selectSignal(sessionFeature.selectActor);
    return actions$.pipe(
      ofType(LiveActions.claimChanged),
      map(({ claim, actor }) => {
        const open = draft();
        return open &&
          !conflict() &&
          actor !== (me()?.username ?? null) &&
          changedUnderDraft(open, claim)
          ? ClaimDetailLiveActions.editedElsewhere({
              mine: open.mine,
              theirs: claim,
              base: open.base.finding,
            })
          : null;
      }),
      filter((action) => action !== null),
    );
  },
  { functional: true },
);

/** Said aloud too (the snack bar is a live region): the choice waits above the form. */
export const sayEditedElsewhere = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar), store = inject(Store)) => {
    const names = store.selectSignal(usersFeature.selectDisplayNames);
    return actions$.pipe(
      ofType(ClaimDetailLiveActions.editedElsewhere),
      tap(({ theirs }) => {
        const by = theirs.updatedBy ? (names().get(theirs.updatedBy) ?? theirs.updatedBy) : null;
        snackBar.open(
          `${by ?? 'Someone else'} just saved this claim: choose which version to keep, above the finding.`,
          'Close',
          { duration: 8000 },
        );
      }),
    );
  },
  { functional: true, dispatch: false },
);
