import { TestBed } from '@angular/core/testing';
import { MatSnackBar } from '@angular/material/snack-bar';
import { usersFeature } from '../../users/state/users.feature';
import { person } from '../../users/state/users.feature.spec';
import { ArticleSummary, ClaimSummary } from '../../../domain/claim';
import { provideMockActions } from '@ngrx/effects/testing';
import { Action, provideStore, Store } from '@ngrx/store';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { filter, Observable, of, Subject, tap } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { sessionFeature } from '../../session/state/session.feature';
import { findingOf } from '../claim-panel/finding-draft';
import { ClaimDetailLiveActions } from './claim-detail.actions';
import { ClaimConflict, claimDetailFeature, FindingDraft } from './claim-detail.feature';
import { SessionApiActions } from '../../session/state/session.actions';
import { ChangeEvent, LiveMessage, LiveUpdates } from '../../shell/live-updates';
import { LiveActions } from '../../shell/state/live.actions';
import { liveFeature } from '../../shell/state/live.feature';
import { claimFixture } from './claims.feature.spec';
import { followChanges, sayEditedElsewhere, warnOfEditsElsewhere } from './live.effects';

describe('live effects', () => {
  let feed: Subject<LiveMessage>;
  let emitted: Action[];

  beforeEach(() => {
    feed = new Subject<LiveMessage>();
    const actions$: Observable<Action> = of(
      SessionApiActions.sessionRestored({
        user: {
          username: 'dana',
          displayName: 'Dana',
          role: 'editor',
          disabled: false,
          createdAt: '2026-11-01T09:00:00Z',
        },
      }),
    );
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideStore({ [liveFeature.name]: liveFeature.reducer }),
        { provide: LiveUpdates, useValue: { connect: () => feed } },
      ],
    });
    emitted = [];
    const store = TestBed.inject(Store);
    TestBed.runInInjectionContext(() =>
      followChanges().subscribe((action) => {
        emitted.push(action);
        store.dispatch(action);
      }),
    );
  });

  const change = (event: Partial<ChangeEvent>): LiveMessage => ({
    kind: 'change',
    event: {
      id: 7,
      at: '2026-11-28T10:00:00Z',
      type: 'claim.updated',
      articleId: 'a1',
      claimId: 'c1',
      data: {},
      ...event,
    },
  });

  it('updates the claim on any change to it, and its note text when a note changed', () => {
    const claim = claimFixture({ noteCount: 2, updatedBy: 'robin' });
    feed.next(change({ type: 'claim.updated', data: { claim } }));
    feed.next(change({ id: 8, type: 'note.changed', data: { claim } }));
    expect(emitted).toEqual([
      LiveActions.claimChanged({ claim, eventId: 7, actor: 'robin' }),
      LiveActions.claimChanged({ claim, eventId: 8, actor: 'robin' }),
      LiveActions.notesChanged({ articleId: 'a1', claimId: 'c1' }),
    ]);
  });

  it('reports the connection and new articles, and drops events it cannot place', () => {
    feed.next({ kind: 'open' });
    feed.next(change({ type: 'article.created', articleId: 'a2', claimId: null }));
    feed.next(change({ type: 'article.created', articleId: null, claimId: null }));
    feed.next({ kind: 'error' });
    expect(emitted).toEqual([
      LiveActions.connected(),
      LiveActions.refreshDue(),
      LiveActions.articleAdded({ articleId: 'a2' }),
      LiveActions.disconnected(),
    ]);
  });

  it('passes on a changed account, such as a new display name', () => {
    const user = {
      username: 'robin',
      displayName: 'Robin Ahmadi',
      role: 'fact_checker' as const,
      disabled: false,
      createdAt: '2026-11-01T09:00:00Z',
    };
    feed.next(change({ type: 'user.changed', articleId: null, claimId: null, data: { user } }));
    feed.next(change({ type: 'user.changed', articleId: null, claimId: null, data: {} }));
    expect(emitted).toEqual([LiveActions.personChanged({ user })]);
  });

  it('passes on a changed article, archived or not, and never takes it for a new one', () => {
    const article = {
      id: 'a1',
      headline: 'Visit',
      archived: true,
      version: 2,
    } as unknown as ArticleSummary;
    feed.next(change({ type: 'article.updated', claimId: null, data: { article } }));
    feed.next(change({ type: 'article.updated', claimId: null, data: {} }));
    expect(emitted).toEqual([LiveActions.articleUpdated({ article })]);
  });

  it('passes on a notification for the signed-in person, and drops a malformed one', () => {
    const notification = {
      id: '41',
      kind: 'assigned' as const,
      createdAt: '2026-11-28T10:00:00Z',
      readAt: null,
      actor: { username: 'dana', displayName: 'Dana Reyes' },
      claimId: 'c1',
      articleId: 'a1',
      text: 'Dana Reyes assigned you the claim “Visit”.',
    };
    const event = (data: object) =>
      change({ type: 'notification.created', articleId: null, claimId: null, data: data as never });
    feed.next(event({ notification, unread: 3 }));
    feed.next(event({ unread: 3 }));
    expect(emitted).toEqual([LiveActions.notificationReceived({ notification, unread: 3 })]);
  });

  it('passes on notifications marked read elsewhere, and drops a malformed mark', () => {
    const event = (data: object) =>
      change({ type: 'notifications.read', articleId: null, claimId: null, data: data as never });
    const readAt = '2026-12-05T07:00:00.000Z';
    feed.next(event({ ids: ['41', '42'], readAt, unread: 1 }));
    feed.next(event({ ids: '41', readAt, unread: 1 }));
    expect(emitted).toEqual([
      LiveActions.notificationsRead({ ids: ['41', '42'], readAt, unread: 1 }),
    ]);
  });
});

describe('followChanges: when the page loads what the stream does not carry', () => {
  let scheduler: TestScheduler;
  const user = person('dana', 'editor');
  const session = {
    s: SessionApiActions.signedIn({ user, returnUrl: '/' }),
    x: SessionApiActions.signedOut(),
  };
  const messages: Record<string, LiveMessage> = { o: { kind: 'open' }, e: { kind: 'error' } };

  beforeEach(() => {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
  });

  /**
   * Only the `refreshDue` actions of followChanges, with the session's actions and its own
   * going through the live reducer first, as in the app; each session's stream is `feeds[i]`.
   */
  function refreshes(session$: Observable<Action>, feeds: Observable<LiveMessage>[]) {
    let connection = 0;
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => session$),
        provideStore({ [liveFeature.name]: liveFeature.reducer }),
        { provide: LiveUpdates, useValue: { connect: () => feeds[connection++] } },
      ],
    });
    const store = TestBed.inject(Store);
    session$.subscribe((action) => store.dispatch(action));
    return TestBed.runInInjectionContext(() => followChanges()).pipe(
      tap((action) => store.dispatch(action)),
      filter((action) => action.type === LiveActions.refreshDue.type),
    );
  }

  it('loads once at start, when the stream connects, and not again for its events', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const feed = hot<LiveMessage>('--o-c-c', {
        ...messages,
        c: {
          kind: 'change',
          event: {
            id: 1,
            at: '',
            type: 'article.created',
            articleId: 'a1',
            claimId: null,
            data: {},
          },
        },
      });
      expectObservable(refreshes(hot('s', session), [feed])).toBe('--r', {
        r: LiveActions.refreshDue(),
      });
    });
  });

  it('catches up once per reconnection, and not while the stream is down', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const feed = hot<LiveMessage>('--o-e-e-o-e-o', messages);
      expectObservable(refreshes(hot('s', session), [feed])).toBe('--r-----r---r', {
        r: LiveActions.refreshDue(),
      });
    });
  });

  it('loads once when the stream fails before ever connecting (a proxy blocks it)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const blocked = hot<LiveMessage>('--e-e-e-e', messages);
      expectObservable(refreshes(hot('s', session), [blocked])).toBe('--r', {
        r: LiveActions.refreshDue(),
      });
    });
  });

  it('catches up when a stream that failed at first connects after all', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const late = hot<LiveMessage>('--e-e-o', messages);
      expectObservable(refreshes(hot('s', session), [late])).toBe('--r---r', {
        r: LiveActions.refreshDue(),
      });
    });
  });

  it('starts over with the next session: a failure at once loads again', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const first = hot<LiveMessage>('-o-e-----', messages);
      const second = hot<LiveMessage>('--------e-e', messages);
      expectObservable(refreshes(hot('s----x-s', session), [first, second])).toBe('-r------r', {
        r: LiveActions.refreshDue(),
      });
    });
  });
});

describe('warnOfEditsElsewhere', () => {
  let actions$: Observable<Action>;
  let scheduler: TestScheduler;
  const start = claimFixture({ rationale: 'Old' });
  const draft: FindingDraft = {
    claimId: start.id,
    base: { version: start.version, finding: findingOf(start) },
    mine: { rationale: 'Mine' },
  };
  const saved = (by: string, changes: Partial<ClaimSummary>, version = 4) =>
    LiveActions.claimChanged({
      claim: { ...start, ...changes, version, updatedBy: by },
      eventId: version,
      actor: by,
    });

  function setUp(openDraft: FindingDraft | null, conflict: ClaimConflict | null = null) {
    scheduler = new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() => actions$),
        provideMockStore({
          selectors: [
            { selector: claimDetailFeature.selectDraft, value: openDraft },
            { selector: claimDetailFeature.selectConflict, value: conflict },
            {
              selector: sessionFeature.selectActor,
              value: { username: 'casey', role: 'fact_checker' },
            },
          ],
        }),
      ],
    });
  }
  afterEach(() => TestBed.inject(MockStore).resetSelectors());
  const run = () => TestBed.runInInjectionContext(warnOfEditsElsewhere);

  it('tells at once when someone else saves the claim being edited, not for one’s own save', () => {
    setUp(draft);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-m-e-t', {
        m: saved('casey', { rationale: 'Mine' }),
        e: saved('robin', { evidenceCount: 1 }, 5),
        t: saved('dana', { rationale: 'Theirs' }, 6),
      });
      expectObservable(run()).toBe('-----w', {
        w: ClaimDetailLiveActions.editedElsewhere({
          mine: { rationale: 'Mine' },
          theirs: { ...start, rationale: 'Theirs', version: 6, updatedBy: 'dana' },
          base: draft.base.finding,
        }),
      });
    });
  });

  it('stays quiet without unsaved changes, or while the choice is already open', () => {
    setUp(null);
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-t', { t: saved('dana', { rationale: 'Theirs' }) });
      expectObservable(run()).toBe('--');
    });
    TestBed.resetTestingModule();
    const theirs = { ...start, rationale: 'Theirs', version: 4 };
    setUp(draft, { mine: draft.mine, theirs, base: draft.base.finding });
    scheduler.run(({ hot, expectObservable }) => {
      actions$ = hot('-t', { t: saved('dana', { rationale: 'Later' }, 5) });
      expectObservable(run()).toBe('--');
    });
  });
});

describe('sayEditedElsewhere', () => {
  it('says who saved over the unsaved changes, in a live region', () => {
    const snackBar = jasmine.createSpyObj<MatSnackBar>('MatSnackBar', ['open']);
    const theirs = claimFixture({ rationale: 'Theirs', version: 4, updatedBy: 'dana' });
    TestBed.configureTestingModule({
      providers: [
        provideMockActions(() =>
          of(
            ClaimDetailLiveActions.editedElsewhere({
              mine: { rationale: 'Mine' },
              theirs,
              base: findingOf(claimFixture()),
            }),
          ),
        ),
        provideMockStore({
          selectors: [
            { selector: usersFeature.selectDisplayNames, value: new Map([['dana', 'Dana Reyes']]) },
          ],
        }),
        { provide: MatSnackBar, useValue: snackBar },
      ],
    });
    TestBed.runInInjectionContext(() => sayEditedElsewhere().subscribe());
    expect(snackBar.open).toHaveBeenCalledOnceWith(
      'Dana Reyes just saved this claim: choose which version to keep, above the finding.',
      'Close',
      { duration: 8000 },
    );
    TestBed.inject(MockStore).resetSelectors();
  });
});
