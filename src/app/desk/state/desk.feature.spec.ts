import { DeskClaim, DeskPage } from '../../../domain/desk';
import { Role } from '../../../domain/workflow';
import { SessionUser } from '../../session/session-api';
import { SessionApiActions } from '../../session/state/session.actions';
import { LiveActions } from '../../shell/state/live.actions';
import { article } from '../../articles/state/articles.feature.spec';
import { ClaimsPageActions, DeskApiActions, MyWorkPageActions } from './desk.actions';
import {
  deskFeature,
  DeskState,
  initialDeskState,
  QueueView,
  selectQueueBadges,
} from './desk.feature';

export function deskClaim(overrides: Partial<DeskClaim> = {}): DeskClaim {
  return {
    id: 'c1',
    articleId: 'a1',
    articleHeadline: 'The visit',
    quote: 'The economy grew by 3%.',
    start: 0,
    end: 23,
    statement: 'The economy grew by 3% last year.',
    kind: 'figure',
    stage: 'researching',
    verdict: null,
    rationale: null,
    assignee: 'casey',
    submittedBy: null,
    dismissReason: null,
    dueAt: null,
    stageSince: '2026-11-01T09:00:00.000Z',
    claimant: null,
    claimantType: 'Person',
    claimDate: null,
    summary: null,
    evidenceCount: 0,
    noteCount: 0,
    repeatOf: null,
    repeatCount: 0,
    version: 1,
    updatedAt: '2026-11-01T09:00:00.000Z',
    updatedBy: 'casey',
    ...overrides,
  };
}

export function page(
  items: readonly DeskClaim[],
  total = items.length,
  nextCursor: string | null = null,
): DeskPage {
  return { items, total, nextCursor };
}

export function person(role: Role, username = 'casey'): SessionUser {
  return {
    username,
    displayName: 'Casey',
    role,
    disabled: false,
    createdAt: '2026-11-01T09:00:00Z',
  };
}

const { reducer } = deskFeature;

function run(...actions: Parameters<typeof reducer>[1][]): DeskState {
  return actions.reduce((state, action) => reducer(state, action), initialDeskState);
}

describe('desk feature: queues', () => {
  it('lists a queue, then appends the next page once, and counts it for the toolbar', () => {
    let state = run(
      MyWorkPageActions.opened(),
      DeskApiActions.queueLoaded({
        queue: 'researching',
        page: page([deskClaim(), deskClaim({ id: 'c2' })], 3, 'next'),
        append: false,
      }),
    );
    expect(state.queues.researching).toEqual({
      ids: ['c1', 'c2'],
      total: 3,
      nextCursor: 'next',
      loading: false,
      error: null,
    });
    expect(state.counts).toEqual({ researching: 3 });
    state = reducer(state, MyWorkPageActions.showMoreClicked({ queue: 'researching' }));
    expect(state.queues.researching?.loading).toBeTrue();
    // The claim that moved while paging comes again: it stays where it was first seen.
    state = reducer(
      state,
      DeskApiActions.queueLoaded({
        queue: 'researching',
        page: page([deskClaim({ id: 'c2' }), deskClaim({ id: 'c3' })], 3),
        append: true,
      }),
    );
    expect(state.queues.researching?.ids).toEqual(['c1', 'c2', 'c3']);
    expect(state.queues.researching?.nextCursor).toBeNull();
  });

  it('keeps a failure with its queue, and tries again on request', () => {
    let state = run(DeskApiActions.queueLoadFailed({ queue: 'overdue', error: 'Down.' }));
    expect(state.queues.overdue?.error).toBe('Down.');
    state = reducer(state, MyWorkPageActions.retryClicked({ queue: 'overdue' }));
    expect(state.queues.overdue).toEqual(jasmine.objectContaining({ loading: true, error: null }));
  });

  it('keeps a claim once for two queues, and forgets it when no list shows it', () => {
    const claim = deskClaim({ stage: 'in_review', dueAt: '2026-11-02T00:00:00Z' });
    let state = run(
      DeskApiActions.queueLoaded({ queue: 'awaiting_review', page: page([claim]), append: false }),
      DeskApiActions.queueLoaded({ queue: 'overdue', page: page([claim]), append: false }),
    );
    expect(state.ids).toEqual(['c1']);
    state = reducer(
      state,
      DeskApiActions.queueLoaded({ queue: 'overdue', page: page([]), append: false }),
    );
    expect(state.ids).toEqual(['c1']);
    state = reducer(
      state,
      DeskApiActions.queueLoaded({ queue: 'awaiting_review', page: page([]), append: false }),
    );
    expect(state.ids).toEqual([]);
  });

  it('shows a live change where the claim is listed, keeping its article', () => {
    const state = run(
      DeskApiActions.queueLoaded({
        queue: 'researching',
        page: page([deskClaim()]),
        append: false,
      }),
      LiveActions.claimChanged({
        claim: {
          ...deskClaim({ stage: 'in_review', version: 2 }),
          articleHeadline: undefined,
        } as never,
        eventId: 4,
        actor: 'casey',
      }),
      LiveActions.claimChanged({ claim: deskClaim({ id: 'elsewhere' }), eventId: 5, actor: null }),
      LiveActions.articleUpdated({ article: article({ headline: 'The state visit' }) }),
    );
    expect(state.entities['c1']).toEqual(
      deskClaim({ stage: 'in_review', version: 2, articleHeadline: 'The state visit' }),
    );
    expect(state.ids).toEqual(['c1']);
  });

  it('follows a repeat count that changed without a new version', () => {
    const state = run(
      DeskApiActions.queueLoaded({
        queue: 'researching',
        page: page([deskClaim({ version: 2, repeatCount: 0 })]),
        append: false,
      }),
      LiveActions.claimChanged({
        claim: deskClaim({ version: 2, repeatCount: 1 }),
        eventId: 6,
        actor: 'casey',
      }),
    );
    expect(state.entities['c1']?.repeatCount).toBe(1);
  });

  it('forgets everything on signing out', () => {
    const state = run(
      DeskApiActions.countsLoaded({ counts: { researching: 2 } }),
      SessionApiActions.signedOut(),
    );
    expect(state).toEqual(initialDeskState);
  });

  it('keeps the last good count of a queue whose recount failed', () => {
    const state = run(
      DeskApiActions.countsLoaded({ counts: { sent_back: 1, researching: 2 } }),
      DeskApiActions.countsLoaded({ counts: { researching: 5 } }),
    );
    expect(state.counts).toEqual({ sent_back: 1, researching: 5 });
  });
});

describe('desk feature: the claims page and the selection', () => {
  it('starts over on a new query, ticking nothing', () => {
    let state = run(
      ClaimsPageActions.queryChanged({ query: { stage: ['new'] } }),
      DeskApiActions.listLoaded({ page: page([deskClaim()], 1), append: false }),
      ClaimsPageActions.selectionChanged({ ids: ['c1'], selected: true }),
    );
    expect(state.selectedIds).toEqual(['c1']);
    state = reducer(state, ClaimsPageActions.queryChanged({ query: { stage: ['approved'] } }));
    expect(state.list).toEqual(jasmine.objectContaining({ ids: [], loading: true, total: null }));
    expect(state.selectedIds).toEqual([]);
    expect(state.query).toEqual({ stage: ['approved'] });
  });

  it('ticks and unticks claims, and drops those that leave the lists', () => {
    let state = run(
      MyWorkPageActions.opened(),
      DeskApiActions.queueLoaded({
        queue: 'researching',
        page: page([deskClaim(), deskClaim({ id: 'c2' })]),
        append: false,
      }),
      MyWorkPageActions.selectionChanged({ ids: ['c1', 'c2'], selected: true }),
      MyWorkPageActions.selectionChanged({ ids: ['c1'], selected: false }),
    );
    expect(deskFeature.selectSelectedClaims.projector(state.selectedIds, state.entities)).toEqual([
      deskClaim({ id: 'c2' }),
    ]);
    state = reducer(
      state,
      DeskApiActions.queueLoaded({
        queue: 'researching',
        page: page([deskClaim()]),
        append: false,
      }),
    );
    expect(state.selectedIds).toEqual([]);
    state = reducer(state, MyWorkPageActions.selectionChanged({ ids: ['c1'], selected: true }));
    expect(reducer(state, MyWorkPageActions.selectionCleared()).selectedIds).toEqual([]);
    expect(reducer(state, MyWorkPageActions.closed()).selectedIds).toEqual([]);
  });
});

describe('desk feature: selectors', () => {
  const titles = (views: QueueView[]) => views.map((view) => view.queue.title);

  it('gives a fact-checker her own queues, and editors and admins the review queues, in order', () => {
    const select = (role: Role) =>
      deskFeature.selectMyQueues.projector(person(role), {}, {}) as QueueView[];
    expect(titles(select('fact_checker'))).toEqual([
      'Sent back to you',
      'You are researching',
      'New, assigned to you',
    ]);
    const editorial = [
      'Waiting for your review',
      'Overdue across the desk',
      'New, nobody assigned',
    ];
    expect(titles(select('editor'))).toEqual(editorial);
    expect(titles(select('admin'))).toEqual(editorial);
    expect(deskFeature.selectMyQueues.projector(null, {}, {})).toEqual([]);
  });

  it('shows a queue not loaded yet as loading, and a loaded one with its claims in order', () => {
    const state = run(
      DeskApiActions.queueLoaded({
        queue: 'sent_back',
        page: page([deskClaim({ id: 'c2' }), deskClaim()], 2, 'more'),
        append: false,
      }),
    );
    const [sentBack, researching] = deskFeature.selectMyQueues.projector(
      person('fact_checker'),
      state.queues,
      state.entities,
    ) as QueueView[];
    expect(sentBack.claims.map((claim) => claim.id)).toEqual(['c2', 'c1']);
    expect(sentBack.hasMore).toBeTrue();
    expect(sentBack.total).toBe(2);
    expect(researching.loading).toBeTrue();
  });

  it('badges the signed-in person’s queues with their counts, uncounted ones as null', () => {
    const badges = selectQueueBadges.projector(person('editor'), {
      awaiting_review: 4,
      overdue: 0,
    });
    expect(badges.map((badge) => [badge.queue.id, badge.count])).toEqual([
      ['awaiting_review', 4],
      ['overdue', 0],
      ['unassigned', null],
    ]);
    expect(selectQueueBadges.projector(null, {})).toEqual([]);
  });
});
