import { ArticleSummary } from '../../../domain/claim';
import { IntakeApiActions, IntakePageActions } from './articles.actions';
import { articlesFeature, initialArticlesState } from './articles.feature';

const { reducer } = articlesFeature;

describe('articles feature: intake', () => {
  const added = { id: 'new-one', headline: 'New one', claimCount: 0 } as ArticleSummary;

  it('marks the article as on its way, then lists it once added', () => {
    let state = reducer(
      initialArticlesState,
      IntakePageActions.submitted({ article: { source: 'text', headline: 'New one', text: 'x' } }),
    );
    expect(state.intake.saving).toBeTrue();
    state = reducer(state, IntakeApiActions.articleAdded({ article: added, source: 'text' }));
    expect(state.intake).toEqual(initialArticlesState.intake);
    expect(state.entities['new-one']).toEqual(added);
  });

  it("keeps the server's refusal and the field it named until the page is opened again", () => {
    let state = reducer(
      initialArticlesState,
      IntakeApiActions.addFailed({ error: 'An article new-one already exists.', field: null }),
    );
    expect(state.intake).toEqual({
      saving: false,
      error: 'An article new-one already exists.',
      field: null,
    });
    state = reducer(state, IntakePageActions.opened());
    expect(state.intake.error).toBeNull();
  });
});
