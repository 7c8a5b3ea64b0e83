import { inject } from '@angular/core';
import { Actions, createEffect, ofType } from '@ngrx/effects';
import { Action, Store } from '@ngrx/store';
import {
  catchError,
  debounceTime,
  distinctUntilChanged,
  EMPTY,
  filter,
  forkJoin,
  groupBy,
  map,
  merge,
  mergeMap,
  Observable,
  of,
  startWith,
  switchMap,
  takeUntil,
  withLatestFrom,
} from 'rxjs';
import {
  DESK_PAGE_DEFAULT,
  DESK_PAGE_MAX,
  DeskQuery,
  Queue,
  QueueId,
  queueById,
  queuesFor,
} from '../../../domain/desk';
import { Role } from '../../../domain/workflow';
import { sessionFeature } from '../../session/state/session.feature';
import { describeHttpError } from '../../shell/http-errors';
import { LiveActions } from '../../shell/state/live.actions';
import { liveFeature } from '../../shell/state/live.feature';
import { DeskApi } from '../desk-api';
import {
  ClaimsPageActions,
  DeskApiActions,
  DeskLiveActions,
  LIVE_SETTLE_MS,
  MyWorkPageActions,
} from './desk.actions';
import { DeskList, deskFeature } from './desk.feature';

/** One page of a list to fetch: from the start, or on from a cursor. */
interface PageRequest {
  readonly query: DeskQuery;
  readonly append: boolean;
}

/** A queue of My work shows a few claims at first: three queues share one page. */
const QUEUE_PAGE = 10;

/**
 * From the start again, as many claims as are shown (so that a refresh does not
 * shrink the list), at least a page of `size`.
 */
function again(
  query: DeskQuery,
  list: DeskList | undefined,
  size = DESK_PAGE_DEFAULT,
): PageRequest {
  const shown = list?.ids.length ?? 0;
  return {
    query: { ...query, limit: Math.min(DESK_PAGE_MAX, Math.max(size, shown)) },
    append: false,
  };
}

function more(query: DeskQuery, list: DeskList | undefined, size = DESK_PAGE_DEFAULT): PageRequest {
  const cursor = list?.nextCursor;
  return cursor
    ? { query: { ...query, cursor, limit: size }, append: true }
    : again(query, list, size);
}

/** Bursts of claim changes (a bulk action sends many) become one "settled" a moment after the last. */
export const settleLiveChanges = createEffect(
  (actions$ = inject(Actions)) => {
    return actions$.pipe(
      ofType(LiveActions.claimChanged, LiveActions.articleUpdated, LiveActions.articleAdded),
      debounceTime(LIVE_SETTLE_MS),
      map(() => DeskLiveActions.changesSettled()),
    );
  },
  { functional: true },
);

/**
 * The queues of My work. Each queue loads on its own; a newer request for a queue
 * replaces one still on its way, and leaving the page drops them all.
 */
export const loadQueues = createEffect(
  (actions$ = inject(Actions), api = inject(DeskApi), store = inject(Store)) => {
    const queues$ = store.select(deskFeature.selectQueues);
    const requests$: Observable<{ queue: Queue; page: PageRequest }> = merge(
      actions$.pipe(
        ofType(MyWorkPageActions.opened),
        withLatestFrom(store.select(sessionFeature.selectUser)),
        mergeMap(([, user]) =>
          (user ? queuesFor(user.role) : []).map((queue) => ({
            queue,
            page: again(queue.query, undefined, QUEUE_PAGE),
          })),
        ),
      ),
      actions$.pipe(
        ofType(MyWorkPageActions.retryClicked),
        map(({ queue }) => ({
          queue: queueById(queue),
          page: again(queueById(queue).query, undefined, QUEUE_PAGE),
        })),
      ),
      actions$.pipe(
        ofType(MyWorkPageActions.showMoreClicked),
        withLatestFrom(queues$),
        map(([{ queue }, lists]) => ({
          queue: queueById(queue),
          page: more(queueById(queue).query, lists[queue], QUEUE_PAGE),
        })),
      ),
      actions$.pipe(
        ofType(DeskLiveActions.changesSettled),
        withLatestFrom(store.select(deskFeature.selectMyWorkOpen), queues$),
        filter(([, open]) => open),
        mergeMap(([, , lists]) =>
          (Object.keys(lists) as QueueId[]).map((id) => ({
            queue: queueById(id),
            page: again(queueById(id).query, lists[id], QUEUE_PAGE),
          })),
        ),
      ),
    );
    const closed$ = actions$.pipe(ofType(MyWorkPageActions.closed));
    return requests$.pipe(
      groupBy(({ queue }) => queue.id),
      mergeMap((perQueue) =>
        perQueue.pipe(
          switchMap(({ queue, page }) =>
            api.claims(page.query).pipe(
              map((result) =>
                DeskApiActions.queueLoaded({ queue: queue.id, page: result, append: page.append }),
              ),
              catchError((error: unknown) =>
                of(
                  DeskApiActions.queueLoadFailed({
                    queue: queue.id,
                    error: describeHttpError(error),
                  }),
                ),
              ),
              takeUntil(closed$),
            ),
          ),
        ),
      ),
    );
  },
  { functional: true },
);

/** The claims page's list: a new query replaces whatever was on its way. */
export const loadClaimsList = createEffect(
  (actions$ = inject(Actions), api = inject(DeskApi), store = inject(Store)) => {
    const state$ = store.select(deskFeature.selectDeskState);
    const requests$: Observable<PageRequest> = merge(
      actions$.pipe(
        ofType(ClaimsPageActions.queryChanged),
        map(({ query }) => again(query, undefined)),
      ),
      actions$.pipe(
        ofType(
          ClaimsPageActions.retryClicked,
          ClaimsPageActions.showMoreClicked,
          DeskLiveActions.changesSettled,
        ),
        withLatestFrom(state$),
        mergeMap(([action, { query, list }]): PageRequest[] =>
          query === null
            ? []
            : [
                action.type === ClaimsPageActions.showMoreClicked.type
                  ? more(query, list)
                  : again(query, list),
              ],
        ),
      ),
    );
    const closed$ = actions$.pipe(ofType(ClaimsPageActions.closed));
    return requests$.pipe(
      switchMap((page) =>
        api.claims(page.query).pipe(
          map((result) => DeskApiActions.listLoaded({ page: result, append: page.append })),
          catchError((error: unknown) =>
            of(DeskApiActions.listLoadFailed({ error: describeHttpError(error) })),
          ),
          takeUntil(closed$),
        ),
      ),
    );
  },
  { functional: true },
);

function countQueues(api: DeskApi, role: Role): Observable<Action> {
  return forkJoin(
    queuesFor(role).map((queue) =>
      api.claims({ ...queue.query, limit: 1 }).pipe(
        map((page) => [queue.id, page.total] as const),
        // A count that failed keeps the one shown; the next change counts again.
        catchError(() => of(null)),
      ),
    ),
  ).pipe(
    map((totals) =>
      DeskApiActions.countsLoaded({
        counts: Object.fromEntries(totals.filter((total) => total !== null)),
      }),
    ),
  );
}

/**
 * The toolbar's counts of the signed-in person's queues: counted with the start-up
 * load of the event stream, on each reconnection, and once claim changes settle.
 */
export const countQueuesLive = createEffect(
  (actions$ = inject(Actions), api = inject(DeskApi), store = inject(Store)) => {
    const liveStatus = store.selectSignal(liveFeature.selectStatus);
    return store.select(sessionFeature.selectActor).pipe(
      distinctUntilChanged((a, b) => a?.username === b?.username && a?.role === b?.role),
      switchMap((actor) => {
        if (!actor) {
          return EMPTY;
        }
        const due$ = actions$.pipe(ofType(DeskLiveActions.changesSettled, LiveActions.refreshDue));
        // Signing in waits for the stream's start-up load; a role changed later counts at once.
        return (liveStatus() === 'offline' ? due$ : due$.pipe(startWith(null))).pipe(
          switchMap(() => countQueues(api, actor.role)),
        );
      }),
    );
  },
  { functional: true },
);
