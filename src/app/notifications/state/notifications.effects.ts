import { inject } from '@angular/core';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  EMPTY,
  exhaustMap,
  filter,
  map,
  of,
  switchMap,
  tap,
  withLatestFrom,
} from 'rxjs';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { NotificationsApi } from '../notifications-api';
import { InboxApiActions, InboxPanelActions, MuteToggleActions } from './notifications.actions';
import { inboxFeature } from './notifications.feature';

/**
 * The first page: when the event stream first connects (or first fails), again on every
 * reconnection (what arrived while it was down), and after a refused marking.
 */
export const loadInbox = createEffect(
  (actions$ = inject(Actions), api = inject(NotificationsApi)) => {
    return actions$.pipe(
      ofType(
        LiveActions.refreshDue,
        InboxPanelActions.retryClicked,
        InboxApiActions.markReadFailed,
      ),
      switchMap(() =>
        api.page().pipe(
          map((page) => InboxApiActions.pageLoaded({ page, more: false })),
          catchError((error: unknown) =>
            of(InboxApiActions.loadFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** "Show more": the page after the last one shown; a second click while it loads waits. */
export const loadMore = createEffect(
  (actions$ = inject(Actions), store = inject(Store), api = inject(NotificationsApi)) => {
    return actions$.pipe(
      ofType(InboxPanelActions.showMoreClicked),
      withLatestFrom(store.select(inboxFeature.selectNextCursor)),
      filter(([, cursor]) => cursor !== null),
      exhaustMap(([, cursor]) =>
        api.page(cursor).pipe(
          map((page) => InboxApiActions.pageLoaded({ page, more: true })),
          catchError((error: unknown) =>
            of(InboxApiActions.loadFailed({ error: describeHttpError(error) })),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** Read on the server, in the order clicked; the list already shows it read. */
export const markRead = createEffect(
  (actions$ = inject(Actions), api = inject(NotificationsApi)) => {
    return actions$.pipe(
      ofType(InboxPanelActions.notificationOpened, InboxPanelActions.markAllReadClicked),
      filter(
        (action) =>
          action.type === InboxPanelActions.markAllReadClicked.type ||
          action.notification.readAt === null,
      ),
      concatMap((action) =>
        api
          .markRead(
            action.type === InboxPanelActions.markAllReadClicked.type
              ? { all: true }
              : { ids: [action.notification.id] },
          )
          .pipe(
            map(({ unread }) => InboxApiActions.markedRead({ unread })),
            catchError((error: unknown) =>
              of(InboxApiActions.markReadFailed({ error: describeHttpError(error) })),
            ),
          ),
      ),
    );
  },
  { functional: true },
);

/** Whether the article shown is muted: the latest article asked wins. */
export const loadMute = createEffect(
  (actions$ = inject(Actions), api = inject(NotificationsApi)) => {
    return actions$.pipe(
      ofType(MuteToggleActions.shown),
      switchMap(({ articleId }) =>
        api.muted(articleId).pipe(
          map(({ muted }) => InboxApiActions.muteLoaded({ articleId, muted })),
          // Unknown stays unknown: the toggle is offered once the answer is in.
          catchError(() => EMPTY),
        ),
      ),
    );
  },
  { functional: true },
);

/** Mute and unmute in the order clicked; a refusal puts the toggle back. */
export const setMute = createEffect(
  (actions$ = inject(Actions), api = inject(NotificationsApi)) => {
    return actions$.pipe(
      ofType(MuteToggleActions.toggled),
      concatMap(({ articleId, muted }) =>
        api.setMuted(articleId, muted).pipe(
          map((answer) => InboxApiActions.muteLoaded({ articleId, muted: answer.muted })),
          catchError((error: unknown) =>
            of(
              InboxApiActions.muteFailed({
                articleId,
                muted: !muted,
                error: describeHttpError(error),
              }),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** A refused mute says so; the toggle is already back where it was. */
export const tellMuteFailed = createEffect(
  (actions$ = inject(Actions), snackBar = inject(MatSnackBar)) => {
    return actions$.pipe(
      ofType(InboxApiActions.muteFailed),
      tap(({ muted, error }) =>
        snackBar.open(`${muted ? 'Not unmuted' : 'Not muted'}: ${error}`, 'Close', {
          duration: 8000,
        }),
      ),
    );
  },
  { functional: true, dispatch: false },
);
