import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Store } from '@ngrx/store';
import {
  catchError,
  concatMap,
  exhaustMap,
  filter,
  map,
  of,
  switchMap,
  withLatestFrom,
} from 'rxjs';
import { SessionApiActions } from '../../session/state/session.actions';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { NotificationsApi } from '../notifications-api';
import { InboxApiActions, InboxPanelActions } from './notifications.actions';
import { inboxFeature } from './notifications.feature';

/**
 * The first page: on sign-in, and again on every connection of the event stream
 * (what arrived while it was down), and after a refused marking.
 */
export const loadInbox = createEffect(
  (actions$ = inject(Actions), api = inject(NotificationsApi)) => {
    return actions$.pipe(
      ofType(
        SessionApiActions.sessionRestored,
        SessionApiActions.signedIn,
        LiveActions.connected,
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
            map(() => InboxApiActions.markedRead()),
            catchError((error: unknown) =>
              of(InboxApiActions.markReadFailed({ error: describeHttpError(error) })),
            ),
          ),
      ),
    );
  },
  { functional: true },
);
