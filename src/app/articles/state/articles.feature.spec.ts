import { ArticleSummary } from '../../../domain/claim';
import { LiveActions } from '../../shell/state/live.actions';
import {
  ArticleActionsActions,
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
    let state = reducer(initialArticlesState, ArticleListPageActions.opened({ archived: false }));
    expect(state.loading).toBeTrue();
    state = reducer(state, ArticlesApiActions.loadSucceeded({ articles: [article()] }));
    expect(state.loading).toBeFalse();
    expect(state.ids).toEqual(['a1']);
    state = reducer(state, ArticleListPageActions.opened({ archived: false }));
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

describe('articles feature: editing and archiving', () => {
  const listed = (archived: boolean) =>
    reducer(
      reducer(initialArticlesState, ArticleListPageActions.opened({ archived })),
      ArticlesApiActions.loadSucceeded({ articles: [article(), article({ id: 'a2' })] }),
    );

  it('takes an archived article out of the list, and keeps it where archived ones show', () => {
    const archived = article({ id: 'a2', archived: true, version: 2 });
    const saved = ArticlesApiActions.articleSaved({ article: archived, change: 'archive' });
    expect(reducer(listed(false), saved).ids).toEqual(['a1']);
    expect(reducer(listed(true), saved).entities['a2']).toEqual(archived);
  });

  it('follows an article someone else archived or brought back', () => {
    let state = reducer(
      listed(false),
      LiveActions.articleUpdated({ article: article({ archived: true, version: 2 }) }),
    );
    expect(state.ids).toEqual(['a2']);
    state = reducer(
      state,
      LiveActions.articleUpdated({ article: article({ archived: false, version: 3 }) }),
    );
    expect(state.ids).toContain('a1');
  });

  it('follows an edit from saving to saved, and only for the article being edited', () => {
    let state = reducer(listed(false), ArticleActionsActions.editOpened({ articleId: 'a1' }));
    state = reducer(
      state,
      ArticleActionsActions.editSubmitted({ article: article(), changes: { headline: 'New' } }),
    );
    expect(state.edit.status).toBe('saving');
    const other = reducer(
      state,
      ArticlesApiActions.articleSaved({ article: article({ id: 'a2' }), change: 'details' }),
    );
    expect(other.edit.status).toBe('saving');
    state = reducer(
      state,
      ArticlesApiActions.articleSaved({
        article: article({ headline: 'New', version: 2 }),
        change: 'details',
      }),
    );
    expect(state.edit.status).toBe('saved');
    expect(state.entities['a1']?.headline).toBe('New');
  });

  it('keeps what someone else saved first, for the dialog to show beside what was typed', () => {
    const theirs = article({ headline: 'Theirs', version: 2 });
    let state = reducer(
      listed(false),
      ArticleActionsActions.editSubmitted({ article: article(), changes: { headline: 'Mine' } }),
    );
    state = reducer(
      state,
      ArticlesApiActions.saveFailed({
        articleId: 'a1',
        change: 'details',
        error: 'Someone else changed this article while you were editing it.',
        current: theirs,
      }),
    );
    expect(state.edit).toEqual({
      articleId: 'a1',
      status: 'conflict',
      error: 'Someone else changed this article while you were editing it.',
      current: theirs,
    });
    expect(state.entities['a1']).toEqual(theirs);
    state = reducer(state, ArticleActionsActions.editOpened({ articleId: 'a1' }));
    expect(state.edit.status).toBe('idle');
  });
});
