import { TestBed } from '@angular/core/testing';
import { MockStore, provideMockStore } from '@ngrx/store/testing';
import { Suggestion } from '../../domain/suggestion';
import { sessionFeature } from '../session/state/session.feature';
import { suggestionsFeature } from './state/suggestions.feature';
import { SuggestionList } from './suggestion-list';

const suggestion = {
  id: 's1',
  articleId: 'a1',
  start: 0,
  end: 30,
  quote: 'The scheme would cost £4m a year.',
  score: 0.8,
  reasons: ['contains a figure: £4m'],
  suggestedKind: 'figure',
  claimant: null,
  status: 'open',
} as unknown as Suggestion;

describe('SuggestionList', () => {
  // Mocked selectors are shared with other specs: put them back.
  afterEach(() => TestBed.inject(MockStore).resetSelectors());

  async function render(archived: boolean) {
    TestBed.configureTestingModule({
      providers: [
        provideMockStore({
          selectors: [
            { selector: suggestionsFeature.selectOpenSuggestions, value: [suggestion] },
            { selector: suggestionsFeature.selectLoading, value: false },
            { selector: suggestionsFeature.selectError, value: null },
            { selector: suggestionsFeature.selectPendingIds, value: new Set<string>() },
            { selector: sessionFeature.selectIsEditor, value: true },
          ],
        }),
      ],
    });
    const fixture = TestBed.createComponent(SuggestionList);
    fixture.componentRef.setInput('archived', archived);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('lets an editor accept or reject the suggestions of an open article', async () => {
    const root = await render(false);
    const buttons = [...root.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(buttons).toEqual(['Accept…', 'Reject']);
  });

  it('offers no decision on an archived article’s suggestions, and says why', async () => {
    const root = await render(true);
    expect(root.querySelectorAll('button').length).toBe(0);
    expect(root.textContent).toContain('The article is archived');
  });
});
