import { ClaimSummary } from '../../../domain/claim';
import { ScoredSentence, Suggestion } from '../../../domain/suggestion';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
import { listed } from '../listed-suggestion';
import { NewClaimsApiActions, NewClaimsPageActions } from './new-claims.actions';
import { initialSuggestionsState, suggestionsFeature } from './suggestions.feature';

export function suggestionFixture(overrides: Partial<Suggestion> = {}): Suggestion {
  return {
    id: 's1',
    articleId: 'a1',
    start: 40,
    end: 90,
    quote: 'Trade between the two countries rose 9 percent in 2023.',
    score: 0.8,
    reasons: ['contains a figure: 9 percent'],
    suggestedKind: 'figure',
    claimant: null,
    claimantType: 'Person',
    status: 'open',
    claimId: null,
    decidedBy: null,
    decidedAt: null,
    ...overrides,
  } as Suggestion;
}

const { reducer } = suggestionsFeature;
const opened = reducer(initialSuggestionsState, WorkspacePageActions.opened({ articleId: 'a1' }));

export function scoredFixture(overrides: Partial<ScoredSentence> = {}): ScoredSentence {
  return {
    id: null,
    start: 100,
    end: 140,
    quote: 'Sea level would still rise.',
    score: 0.4,
    suggested: false,
    reasons: ['a prediction'],
    suggestedKind: 'prediction',
    claimant: null,
    claimantType: 'Person',
    status: null,
    ...overrides,
  } as ScoredSentence;
}

function loaded(...suggestions: (Suggestion | ScoredSentence)[]) {
  return reducer(opened, NewClaimsApiActions.suggestionsLoaded({ articleId: 'a1', suggestions }));
}

describe('suggestions feature', () => {
  it('keeps only open suggestions, in article order', () => {
    const state = loaded(
      suggestionFixture({ id: 'late', start: 200, end: 240 }),
      suggestionFixture({ id: 'early', start: 5, end: 30 }),
      suggestionFixture({ id: 'done', status: 'rejected' }),
    );
    const root = { suggestions: state };
    expect(suggestionsFeature.selectOpenSuggestions(root).map((s) => s.key)).toEqual([
      'early',
      'late',
    ]);
    expect(suggestionsFeature.selectOpenCount(root)).toBe(2);
    expect(state.loading).toBeFalse();
  });

  it('ignores suggestions that arrive for an article no longer open', () => {
    const other = reducer(opened, WorkspacePageActions.opened({ articleId: 'a2' }));
    const state = reducer(
      other,
      NewClaimsApiActions.suggestionsLoaded({
        articleId: 'a1',
        suggestions: [suggestionFixture()],
      }),
    );
    expect(state.ids).toEqual([]);
    expect(state.articleId).toBe('a2');
  });

  it('marks a decision pending, then drops the decided suggestion', () => {
    const suggestion = suggestionFixture();
    let state = loaded(suggestion, suggestionFixture({ id: 's2', start: 100, end: 120 }));
    state = reducer(
      state,
      NewClaimsPageActions.suggestionRejected({ suggestion: listed('a1', suggestion) }),
    );
    expect(suggestionsFeature.selectPendingIds({ suggestions: state }).has('s1')).toBeTrue();
    state = reducer(
      state,
      NewClaimsApiActions.suggestionDecided({
        suggestion: suggestionFixture({ status: 'rejected' }),
      }),
    );
    expect(state.ids).toEqual(['s2']);
    expect(state.pending).toEqual([]);
  });

  it('keeps a suggestion whose decision failed, ready to try again', () => {
    const suggestion = suggestionFixture();
    let state = loaded(suggestion);
    state = reducer(
      state,
      NewClaimsPageActions.suggestionAccepted({
        suggestion: listed('a1', suggestion),
        draft: { start: 40, end: 90, statement: 'Trade rose 9%.', kind: 'figure' },
      }),
    );
    state = reducer(
      state,
      NewClaimsApiActions.decisionFailed({
        suggestionId: 's1',
        error: 'Only an editor can do this.',
      }),
    );
    expect(state.ids).toEqual(['s1']);
    expect(state.pending).toEqual([]);
  });

  it('records a load failure for the open article', () => {
    const state = reducer(
      opened,
      NewClaimsApiActions.suggestionsLoadFailed({ articleId: 'a1', error: 'Server down' }),
    );
    expect(state.error).toBe('Server down');
    expect(state.loading).toBeFalse();
  });

  it('starts at the default sensitivity, ranked by score', () => {
    expect(initialSuggestionsState.sensitivity).toBe('default');
    const state = loaded(
      suggestionFixture({ id: 'low', start: 5, end: 30, score: 0.6 }),
      suggestionFixture({ id: 'high', start: 200, end: 240, score: 0.9 }),
    );
    expect(suggestionsFeature.selectListed({ suggestions: state }).map((s) => s.key)).toEqual([
      'high',
      'low',
    ]);
    const inText = reducer(state, NewClaimsPageActions.orderChanged({ order: 'text' }));
    expect(suggestionsFeature.selectListed({ suggestions: inText }).map((s) => s.key)).toEqual([
      'low',
      'high',
    ]);
  });

  it('keeps a new sensitivity and waits for the list it asks for', () => {
    const state = reducer(
      loaded(suggestionFixture()),
      NewClaimsPageActions.sensitivityChanged({ sensitivity: 'more' }),
    );
    expect(state.sensitivity).toBe('more');
    expect(state.loading).toBeTrue();
    expect(reducer(state, WorkspacePageActions.opened({ articleId: 'a2' })).sensitivity).toBe(
      'more',
    );
  });

  it('lists scored sentences the server has not stored under their span', () => {
    const state = loaded(
      suggestionFixture({ id: 's1', start: 0, end: 30 }),
      scoredFixture({ start: 100, end: 140 }),
      scoredFixture({ id: 's3', start: 150, end: 160, status: 'accepted', suggested: true }),
    );
    const rows = suggestionsFeature.selectOpenSuggestions({ suggestions: state });
    expect(rows.map((s) => [s.key, s.id, s.suggested, s.articleId])).toEqual([
      ['s1', 's1', true, 'a1'],
      ['100-140', null, false, 'a1'],
    ]);
  });

  it('drops a claimed sentence, and says what a batch came to', () => {
    const sentence = listed('a1', scoredFixture());
    let state = loaded(suggestionFixture(), scoredFixture());
    state = reducer(
      state,
      NewClaimsPageActions.severalAccepted({
        acceptances: [
          {
            suggestion: listed('a1', suggestionFixture()),
            draft: { start: 40, end: 90, statement: 'x', kind: 'figure' },
          },
          {
            suggestion: sentence,
            draft: { start: 100, end: 140, statement: 'y', kind: 'prediction' },
          },
        ],
      }),
    );
    expect(state.pending).toEqual(['s1', '100-140']);
    state = reducer(
      state,
      NewClaimsApiActions.sentenceClaimed({ key: '100-140', claim: {} as ClaimSummary }),
    );
    expect(state.ids).toEqual(['s1']);
    state = reducer(
      state,
      NewClaimsApiActions.severalDecided({
        decision: 'accepted',
        keys: ['s1', '100-140'],
        done: 1,
        errors: ['Only an editor can do this.'],
      }),
    );
    expect(state.pending).toEqual([]);
    expect(state.lastBatch?.done).toBe(1);
    expect(reducer(state, WorkspacePageActions.opened({ articleId: 'a2' })).lastBatch).toBeNull();
  });
});
