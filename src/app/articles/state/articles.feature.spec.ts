import { ArticleSummary } from '../../../domain/claim';
import {
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';
import {
  articlesFeature,
  initialArticlesState,
  stageChips,
  verdictChips,
} from './articles.feature';

const { reducer } = articlesFeature;

export function article(overrides: Partial<ArticleSummary> = {}): ArticleSummary {
  return {
    id: 'a1',
    headline: 'The visit',
    outlet: null,
    url: null,
    publishedAt: null,
    language: 'en',
    claimCount: 4,
    stageCounts: {
      new: 1,
      researching: 0,
      in_review: 1,
      changes_requested: 0,
      approved: 2,
      dismissed: 0,
    },
    verdictCounts: {
      true: 1,
      mostly_true: 0,
      mixed: 0,
      misleading: 0,
      mostly_false: 0,
      false: 1,
      unproven: 0,
      none: 2,
    },
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    version: 1,
    archived: false,
    ...overrides,
  };
}

describe('articles feature: the list', () => {
  it('loads, then lists, or keeps the reason it could not', () => {
    let state = reducer(initialArticlesState, ArticleListPageActions.opened());
    expect(state.loading).toBeTrue();
    state = reducer(state, ArticlesApiActions.loadSucceeded({ articles: [article()] }));
    expect(state.loading).toBeFalse();
    expect(state.ids).toEqual(['a1']);
    state = reducer(state, ArticleListPageActions.opened());
    state = reducer(state, ArticlesApiActions.loadFailed({ error: 'Down.' }));
    expect(state.error).toBe('Down.');
    expect(state.loading).toBeFalse();
  });

  it('counts per stage and per verdict, only where there are claims, in words', () => {
    expect(stageChips(article()).map((c) => [c.label, c.count, c.colourClass])).toEqual([
      ['New', 1, 'stage-new'],
      ['In review', 1, 'stage-in_review'],
      ['Approved', 2, 'stage-approved'],
    ]);
    expect(verdictChips(article()).map((c) => [c.label, c.count, c.colourClass])).toEqual([
      ['True', 1, 'verdict-true'],
      ['False', 1, 'verdict-false'],
      ['No verdict yet', 2, 'verdict-none'],
    ]);
  });

  it('gives each article its progress and counts', () => {
    const [item] = articlesFeature.selectWithProgress.projector([article()]);
    expect(item.progress).toBe(50);
    expect(item.stages.length).toBe(3);
    expect(item.verdicts.length).toBe(3);
  });
});

describe('articles feature: intake', () => {
  const added = { id: 'new-one', headline: 'New one', claimCount: 0 } as ArticleSummary;

  it('marks the article as on its way, then lists it once added', () => {
    let state = reducer(
      initialArticlesState,
      IntakePageActions.submitted({ article: { source: 'text', headline: 'New one', text: 'x' } }),
    );
    expect(state.intake.saving).toBeTrue();
    state = reducer(
      state,
      IntakeApiActions.articleAdded({ article: added, source: 'text', imported: null }),
    );
    expect(state.intake).toEqual(initialArticlesState.intake);
    expect(state.entities['new-one']).toEqual(added);
  });

  it("keeps the server's refusal and the field it named until the page is opened again", () => {
    let state = reducer(
      initialArticlesState,
      IntakeApiActions.addFailed({
        error: 'An article new-one already exists.',
        field: '/body/file/article/id',
        code: 'exists',
      }),
    );
    expect(state.intake).toEqual({
      saving: false,
      error: 'An article new-one already exists.',
      field: '/body/file/article/id',
      code: 'exists',
    });
    state = reducer(state, IntakePageActions.opened());
    expect(state.intake).toEqual(initialArticlesState.intake);
  });

  it('forgets a refusal once another file is chosen', () => {
    const refused = reducer(
      initialArticlesState,
      IntakeApiActions.addFailed({ error: 'Already here.', field: null, code: 'exists' }),
    );
    expect(reducer(refused, IntakePageActions.fileChosen()).intake).toEqual(
      initialArticlesState.intake,
    );
  });

  it('sends a copy as a new submission, its refusal gone', () => {
    let state = reducer(
      initialArticlesState,
      IntakeApiActions.addFailed({ error: 'Already here.', field: null, code: 'exists' }),
    );
    state = reducer(
      state,
      IntakePageActions.submitted({ article: { source: 'file', file: {}, asCopy: true } }),
    );
    expect(state.intake).toEqual({ saving: true, error: null, field: null, code: null });
  });
});
