import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { ArticleSummary } from '../../../domain/claim';
import {
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';

export interface ArticlesState extends EntityState<ArticleSummary> {
  readonly loading: boolean;
  readonly error: string | null;
  /** The article being added: on its way to the server, or refused with a reason. */
  readonly intake: {
    readonly saving: boolean;
    readonly error: string | null;
    /** JSON Pointer or name of the field the server refused, when it said. */
    readonly field: string | null;
  };
}

export const articlesAdapter = createEntityAdapter<ArticleSummary>();

export const initialArticlesState: ArticlesState = articlesAdapter.getInitialState({
  loading: false,
  error: null,
  intake: { saving: false, error: null, field: null },
});

/** Share of claims whose check is finished (approved or dismissed), 0 to 100. */
export function progressOf(article: ArticleSummary): number {
  if (article.claimCount === 0) {
    return 0;
  }
  const settled = article.stageCounts.approved + article.stageCounts.dismissed;
  return Math.round((settled / article.claimCount) * 100);
}

export const articlesFeature = createFeature({
  name: 'articles',
  reducer: createReducer(
    initialArticlesState,
    on(ArticleListPageActions.opened, (state): ArticlesState => ({
      ...state,
      loading: true,
      error: null,
    })),
    on(ArticlesApiActions.loadSucceeded, (state, { articles }): ArticlesState =>
      articlesAdapter.setAll(articles, { ...state, loading: false }),
    ),
    on(ArticlesApiActions.loadFailed, (state, { error }): ArticlesState => ({
      ...state,
      loading: false,
      error,
    })),
    on(IntakePageActions.opened, (state): ArticlesState => ({
      ...state,
      intake: initialArticlesState.intake,
    })),
    on(IntakePageActions.submitted, (state): ArticlesState => ({
      ...state,
      intake: { saving: true, error: null, field: null },
    })),
    on(IntakeApiActions.articleAdded, (state, { article }): ArticlesState =>
      articlesAdapter.upsertOne(article, { ...state, intake: initialArticlesState.intake }),
    ),
    on(IntakeApiActions.addFailed, (state, { error, field }): ArticlesState => ({
      ...state,
      intake: { saving: false, error, field },
    })),
  ),
  extraSelectors: ({ selectArticlesState }) => {
    const { selectAll } = articlesAdapter.getSelectors(selectArticlesState);
    return {
      selectAll,
      selectWithProgress: createSelector(selectAll, (articles) =>
        articles.map((article) => ({ article, progress: progressOf(article) })),
      ),
    };
  },
});
