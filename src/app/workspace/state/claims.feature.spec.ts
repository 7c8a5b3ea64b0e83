import { ArticleDetail, ClaimSummary } from '../../../domain/claim';
import { LiveActions } from '../../shell/state/live.actions';
import { ClaimDetailPageActions, ClaimsApiActions } from './claim-detail.actions';
import { OverviewPageActions } from '../../overview/state/overview.actions';
import { claimsFeature, ClaimsState, initialClaimsState } from './claims.feature';
import { EMPTY_FILTER } from '../../../domain/claim-filter';
import { WorkspaceApiActions, WorkspacePageActions } from './workspace.actions';

export function claimFixture(overrides: Partial<ClaimSummary> = {}): ClaimSummary {
  return {
    id: 'c1',
    articleId: 'a1',
    quote: 'nearly five million artillery shells',
    start: 10,
    end: 46,
    statement: 'North Korea shipped nearly five million shells to Russia.',
    kind: 'figure',
    stage: 'researching',
    verdict: null,
    rationale: null,
    assignee: 'casey',
    submittedBy: null,
    dismissReason: null,
    dueAt: null,
    stageSince: '2026-11-27T09:00:00.000Z',
    claimant: null,
    claimantType: 'Person',
    claimDate: null,
    summary: null,
    evidenceCount: 0,
    noteCount: 0,
    repeatOf: null,
    repeatCount: 0,
    version: 3,
    updatedAt: '2026-11-28T10:00:00.000Z',
    updatedBy: 'casey',
    ...overrides,
  };
}

const article = { id: 'a1', text: 'x'.repeat(100), headings: [] } as unknown as ArticleDetail;
const { reducer } = claimsFeature;

function loaded(...claims: ClaimSummary[]) {
  const withArticle = reducer(initialClaimsState, WorkspaceApiActions.articleLoaded({ article }));
  return reducer(withArticle, WorkspaceApiActions.claimsLoaded({ articleId: 'a1', claims }));
}

describe('claims reducer', () => {
  it('remembers that the article does not exist, until another is opened', () => {
    let state = reducer(initialClaimsState, WorkspacePageActions.opened({ articleId: 'nope' }));
    state = reducer(
      state,
      WorkspaceApiActions.loadFailed({ error: 'No article nope.', missing: true }),
    );
    expect(state.missing).toBeTrue();
    state = reducer(state, WorkspacePageActions.opened({ articleId: 'a1' }));
    expect(state.missing).toBeFalse();
  });

  it('keeps claims in article order', () => {
    const state = loaded(
      claimFixture({ id: 'late', start: 50, end: 60 }),
      claimFixture({ id: 'early', start: 1, end: 5 }),
    );
    expect(claimsFeature.selectAll.projector(state)).toBeDefined();
    expect(state.ids).toEqual(['early', 'late']);
  });

  it('shows an edit at once and the server’s answer when it comes', () => {
    const previous = claimFixture();
    let state = reducer(
      loaded(previous),
      ClaimDetailPageActions.fieldsSaved({ previous, patch: { verdict: 'false' } }),
    );
    expect(state.entities['c1']?.verdict).toBe('false');
    state = reducer(
      state,
      ClaimsApiActions.claimSaved({
        claim: claimFixture({ verdict: 'false', version: 4 }),
        message: 'Saved',
      }),
    );
    expect(state.entities['c1']?.version).toBe(4);
  });

  it('rolls an optimistic action back when the server refuses it', () => {
    const previous = claimFixture({ stage: 'in_review' });
    let state = reducer(
      loaded(previous),
      ClaimDetailPageActions.actionTaken({ previous, request: { action: 'approve' } }),
    );
    expect(state.entities['c1']?.stage).toBe('approved');
    state = reducer(
      state,
      ClaimsApiActions.claimSaveFailed({ restore: previous, error: 'Only an editor can approve.' }),
    );
    expect(state.entities['c1']?.stage).toBe('in_review');
  });

  it('never rolls back over a newer version that arrived meanwhile', () => {
    const previous = claimFixture({ stage: 'in_review', version: 3 });
    let state = reducer(
      loaded(previous),
      ClaimDetailPageActions.actionTaken({ previous, request: { action: 'approve' } }),
    );
    // Someone else's save lands while the request is on its way.
    const live = claimFixture({ stage: 'changes_requested', version: 4, updatedBy: 'robin' });
    state = reducer(state, LiveActions.claimChanged({ claim: live, eventId: 7, actor: 'robin' }));
    const after = reducer(
      state,
      ClaimsApiActions.claimSaveFailed({ restore: previous, error: 'The server is down.' }),
    );
    expect(after).toBe(state);
    expect(after.entities['c1']).toEqual(live);
    // A restore as new as the store's, or newer, is applied.
    const newer = claimFixture({ stage: 'in_review', version: 5 });
    expect(
      reducer(state, ClaimsApiActions.claimSaveFailed({ restore: newer, error: 'Refused.' }))
        .entities['c1'],
    ).toEqual(newer);
  });

  it('ignores a rollback for a claim of another article', () => {
    const state = loaded(claimFixture());
    const after = reducer(
      state,
      ClaimsApiActions.claimSaveFailed({
        restore: claimFixture({ id: 'c9', articleId: 'other' }),
        error: 'Refused.',
      }),
    );
    expect(after).toBe(state);
  });

  it('takes the newer version from a conflict', () => {
    const previous = claimFixture();
    const theirs = claimFixture({ rationale: 'Theirs', version: 5 });
    const state = reducer(
      loaded(previous),
      ClaimsApiActions.claimConflict({ mine: { rationale: 'Mine' }, theirs }),
    );
    expect(state.entities['c1']?.rationale).toBe('Theirs');
  });

  it('applies live changes for this article, never an older version', () => {
    const state = loaded(claimFixture());
    const newer = reducer(
      state,
      LiveActions.claimChanged({
        claim: claimFixture({ stage: 'in_review', version: 4 }),
        eventId: 9,
        actor: 'robin',
      }),
    );
    expect(newer.entities['c1']?.stage).toBe('in_review');
    const older = reducer(
      newer,
      LiveActions.claimChanged({
        claim: claimFixture({ stage: 'new', version: 2 }),
        eventId: 3,
        actor: 'robin',
      }),
    );
    expect(older.entities['c1']?.stage).toBe('in_review');
    const elsewhere = reducer(
      state,
      LiveActions.claimChanged({
        claim: claimFixture({ id: 'c9', articleId: 'other' }),
        eventId: 10,
        actor: null,
      }),
    );
    expect(elsewhere.ids).toEqual(['c1']);
  });

  it('follows a repeat count that changed without a new version (marked or unmarked elsewhere)', () => {
    const state = loaded(claimFixture({ version: 3, repeatCount: 0 }));
    const counted = reducer(
      state,
      LiveActions.claimChanged({
        claim: claimFixture({ version: 3, repeatCount: 2 }),
        eventId: 11,
        actor: 'robin',
      }),
    );
    expect(counted.entities['c1']?.repeatCount).toBe(2);
  });

  it('filters by what is typed before the URL catches up, then follows the URL again', () => {
    let state = reducer(
      loaded(claimFixture()),
      WorkspacePageActions.searchTyped({ query: 'shells' }),
    );
    const params = { stage: 'new', q: 'old' };
    expect(claimsFeature.selectFilter.projector(params, state.searchDraft).query).toBe('shells');
    expect(claimsFeature.selectFilter.projector(params, state.searchDraft).stages).toEqual(['new']);
    state = reducer(state, WorkspacePageActions.searchSyncedToUrl({ query: 'shell' }));
    expect(state.searchDraft).toBe('shells');
    state = reducer(state, WorkspacePageActions.searchSyncedToUrl({ query: 'shells' }));
    expect(claimsFeature.selectFilter.projector(params, state.searchDraft).query).toBe('old');
  });

  it('holds the query of a filter change until the URL has it', () => {
    let state = reducer(
      loaded(claimFixture()),
      WorkspacePageActions.filterChanged({ filter: { ...EMPTY_FILTER, query: 'shells' } }),
    );
    expect(state.searchDraft).toBe('shells');
    state = reducer(state, WorkspacePageActions.searchSyncedToUrl({ query: 'shells' }));
    expect(state.searchDraft).toBeNull();
  });

  it('loads for the overview as for the workspace, keeping an article already there', () => {
    const state = loaded(claimFixture());
    const same = reducer(state, OverviewPageActions.opened({ articleId: 'a1' }));
    expect(same.loading).toBeTrue();
    expect(same.ids).toEqual(['c1']);
    const other = reducer(state, OverviewPageActions.retryClicked({ articleId: 'a2' }));
    expect(other.article).toBeNull();
    expect(other.ids).toEqual([]);
  });

  it('selects the claim named in the URL', () => {
    const entities = { c1: claimFixture() };
    expect(claimsFeature.selectSelectedClaim.projector('c1', entities)?.id).toBe('c1');
    expect(claimsFeature.selectSelectedClaim.projector(undefined, entities)).toBeNull();
  });
});

describe('note text for search', () => {
  const shells = claimFixture({ id: 'c1', start: 1, end: 5, quote: 'shells' });
  const train = claimFixture({
    id: 'c2',
    start: 10,
    end: 20,
    quote: 'green train',
    statement: 'He travelled by train.',
  });
  const search = (query: string) => ({ ...EMPTY_FILTER, query });
  const visible = (state: ClaimsState, query: string) =>
    claimsFeature.selectVisibleClaims
      .projector(claimsFeature.selectAll.projector(state), search(query), null, state.noteText)
      .map((claim) => claim.id);

  it('keeps the note text of the open article, and drops it when another article opens', () => {
    let state = reducer(
      loaded(shells, train),
      WorkspaceApiActions.noteTextLoaded({ articleId: 'a1', noteText: { c1: 'Ask Reuters.' } }),
    );
    expect(state.noteText).toEqual({ c1: 'Ask Reuters.' });
    const late = reducer(
      state,
      WorkspaceApiActions.noteTextLoaded({ articleId: 'other', noteText: { x: 'Stale' } }),
    );
    expect(late.noteText).toEqual({ c1: 'Ask Reuters.' });
    state = reducer(state, WorkspacePageActions.opened({ articleId: 'a1' }));
    expect(state.noteText).toEqual({ c1: 'Ask Reuters.' });
    state = reducer(state, WorkspacePageActions.opened({ articleId: 'a2' }));
    expect(state.noteText).toEqual({});
  });

  it('replaces one claim’s note text, and removes it when its last note is deleted', () => {
    let state = reducer(
      loaded(shells, train),
      WorkspaceApiActions.noteTextLoaded({ articleId: 'a1', noteText: { c1: 'Ask Reuters.' } }),
    );
    state = reducer(
      state,
      WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c2', text: 'Diesel' }),
    );
    state = reducer(
      state,
      WorkspaceApiActions.claimNoteTextLoaded({
        articleId: 'a1',
        claimId: 'c1',
        text: 'Ask Reuters.\nAsk the BBC.',
      }),
    );
    expect(state.noteText).toEqual({ c1: 'Ask Reuters.\nAsk the BBC.', c2: 'Diesel' });
    state = reducer(
      state,
      WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c2', text: null }),
    );
    expect(state.noteText).toEqual({ c1: 'Ask Reuters.\nAsk the BBC.' });
    const elsewhere = reducer(
      state,
      WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a2', claimId: 'c1', text: null }),
    );
    expect(elsewhere).toBe(state);
  });

  it('finds a claim by the words of its notes, together with its own text', () => {
    let state = reducer(
      loaded(shells, train),
      WorkspaceApiActions.noteTextLoaded({
        articleId: 'a1',
        noteText: { c1: 'Reuters cites the Pentagon.', c2: 'Ask the railway museum.' },
      }),
    );
    expect(visible(state, 'pentagon')).toEqual(['c1']);
    expect(visible(state, 'MUSEUM')).toEqual(['c2']);
    // One word from the claim, one from its notes.
    expect(visible(state, 'train museum')).toEqual(['c2']);
    expect(visible(state, 'shells museum')).toEqual([]);
    state = reducer(
      state,
      WorkspaceApiActions.claimNoteTextLoaded({ articleId: 'a1', claimId: 'c2', text: null }),
    );
    expect(visible(state, 'museum')).toEqual([]);
    expect(visible(state, 'train')).toEqual(['c2']);
  });

  it('never takes an inherited property for a claim’s notes', () => {
    const odd = claimFixture({ id: 'constructor', quote: 'odd', start: 30, end: 33 });
    const find = (query: string) =>
      claimsFeature.selectVisibleClaims.projector([odd], search(query), null, {});
    expect(find('function')).toEqual([]);
    expect(find('odd')).toEqual([odd]);
  });
});

describe('claims checked for a bulk action', () => {
  const claims = [
    claimFixture({ id: 'c1', start: 1, end: 5 }),
    claimFixture({ id: 'c2', start: 10, end: 15 }),
    claimFixture({ id: 'c3', start: 20, end: 25 }),
  ];

  it('are checked one by one or all shown at once, and cleared', () => {
    let state = loaded(...claims);
    state = reducer(state, WorkspacePageActions.claimChecked({ claimId: 'c2', checked: true }));
    state = reducer(
      state,
      WorkspacePageActions.visibleClaimsChecked({ claimIds: ['c1', 'c2'], checked: true }),
    );
    expect(state.checkedIds).toEqual(['c1', 'c2']);
    state = reducer(state, WorkspacePageActions.claimChecked({ claimId: 'c1', checked: false }));
    expect(state.checkedIds).toEqual(['c2']);
    state = reducer(
      state,
      WorkspacePageActions.visibleClaimsChecked({ claimIds: ['c2', 'c3'], checked: false }),
    );
    expect(state.checkedIds).toEqual([]);
    state = reducer(state, WorkspacePageActions.claimChecked({ claimId: 'c3', checked: true }));
    expect(reducer(state, WorkspacePageActions.selectionCleared()).checkedIds).toEqual([]);
  });

  it('are forgotten when another article opens, and kept when the same one reloads', () => {
    const state = reducer(
      loaded(...claims),
      WorkspacePageActions.claimChecked({ claimId: 'c1', checked: true }),
    );
    expect(reducer(state, WorkspacePageActions.opened({ articleId: 'a1' })).checkedIds).toEqual([
      'c1',
    ]);
    expect(reducer(state, WorkspacePageActions.opened({ articleId: 'a2' })).checkedIds).toEqual([]);
  });

  it('reach the selection bar as the table shows them: in its order, hidden ones left out', () => {
    const visible = [claims[2], claims[0]];
    expect(
      claimsFeature.selectCheckedClaims.projector(visible, ['c1', 'c2', 'c3']).map((c) => c.id),
    ).toEqual(['c3', 'c1']);
    expect(claimsFeature.selectCheckedClaims.projector(visible, [])).toEqual([]);
    // None checked: the same list whatever the table shows, so a search key changes nothing there.
    expect(claimsFeature.selectCheckedClaims.projector(visible.slice(1), [])).toBe(
      claimsFeature.selectCheckedClaims.projector(visible, []),
    );
  });
});

describe('the article shown', () => {
  it('follows an edit or archiving by anyone, keeping its text, and ignores older versions', () => {
    const shown = { ...article, headline: 'Old', version: 2, archived: false } as ArticleDetail;
    let state = reducer(initialClaimsState, WorkspaceApiActions.articleLoaded({ article: shown }));
    // A summary: no text or headings.
    const archived = { id: 'a1', headline: 'Old', archived: true, version: 3 } as never;
    state = reducer(state, LiveActions.articleUpdated({ article: archived }));
    expect(state.article?.archived).toBeTrue();
    expect(state.article?.text).toBe(article.text);
    const stale = { ...shown, headline: 'Stale', version: 1 } as never;
    expect(reducer(state, LiveActions.articleUpdated({ article: stale })).article?.headline).toBe(
      'Old',
    );
    const other = { ...shown, id: 'a2', version: 9 } as never;
    expect(reducer(state, LiveActions.articleUpdated({ article: other }))).toBe(state);
  });
});
