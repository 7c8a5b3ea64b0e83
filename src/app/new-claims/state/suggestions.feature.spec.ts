import { Suggestion } from '../../../domain/suggestion';
import { WorkspacePageActions } from '../../workspace/state/workspace.actions';
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

function loaded(...suggestions: Suggestion[]) {
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
    expect(suggestionsFeature.selectOpenSuggestions(root).map((s) => s.id)).toEqual([
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
    state = reducer(state, NewClaimsPageActions.suggestionRejected({ suggestion }));
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
        suggestion,
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
});
