import { createEntityAdapter, EntityState } from '@ngrx/entity';
import { createFeature, createReducer, createSelector, on } from '@ngrx/store';
import { ArticleSummary } from '../../../domain/claim';
import { VERDICT_DEFINITIONS, VERDICTS } from '../../../domain/verdicts';
import { STAGE_LABELS, STAGES } from '../../../domain/workflow';
import { LiveActions } from '../../shell/state/live.actions';
import {
  ArticleActionsActions,
  ArticleListPageActions,
  ArticlesApiActions,
  IntakeApiActions,
  IntakePageActions,
} from './articles.actions';

/** The edit of an article's details in its dialog. */
export interface ArticleEditState {
  readonly articleId: string | null;
  /** `conflict`: someone else saved first; `current` holds what they saved. */
  readonly status: 'idle' | 'saving' | 'saved' | 'failed' | 'conflict';
  readonly error: string | null;
  readonly current: ArticleSummary | null;
}

export interface ArticlesState extends EntityState<ArticleSummary> {
  readonly loading: boolean;
  readonly error: string | null;
  /** The list shows archived articles too (`?archived=1`). */
  readonly showArchived: boolean;
  readonly edit: ArticleEditState;
  /** The article being added: on its way to the server, or refused with a reason. */
  readonly intake: {
    readonly saving: boolean;
    readonly error: string | null;
    /** JSON Pointer or name of the field the server refused, when it said. */
    readonly field: string | null;
    /** The refusal's problem code, when the server gave one: `exists` for an id taken. */
    readonly code: string | null;
  };
}

export const articlesAdapter = createEntityAdapter<ArticleSummary>();

const NO_EDIT: ArticleEditState = { articleId: null, status: 'idle', error: null, current: null };

export const initialArticlesState: ArticlesState = articlesAdapter.getInitialState({
  loading: false,
  error: null,
  showArchived: false,
  edit: NO_EDIT,
  intake: { saving: false, error: null, field: null, code: null },
});

/** One count of an article's claims, with its words and the class that colours it. */
export interface CountChip {
  readonly key: string;
  readonly label: string;
  readonly count: number;
  /** A global colour hook: `stage-<stage>` or `verdict-<token>`. */
  readonly colourClass: string;
}

export interface ArticleListItem {
  readonly article: ArticleSummary;
  readonly progress: number;
  /** Only the stages and verdicts that have claims, in workflow and verdict order. */
  readonly stages: readonly CountChip[];
  readonly verdicts: readonly CountChip[];
}

export function stageChips(article: ArticleSummary): CountChip[] {
  return STAGES.filter((stage) => article.stageCounts[stage] > 0).map((stage) => ({
    key: stage,
    label: STAGE_LABELS[stage],
    count: article.stageCounts[stage],
    colourClass: `stage-${stage}`,
  }));
}

export function verdictChips(article: ArticleSummary): CountChip[] {
  const counts = article.verdictCounts;
  const chips: CountChip[] = VERDICTS.filter((verdict) => counts[verdict] > 0).map((verdict) => ({
    key: verdict,
    label: VERDICT_DEFINITIONS[verdict].label,
    count: counts[verdict],
    colourClass: `verdict-${VERDICT_DEFINITIONS[verdict].colorToken}`,
  }));
  if (counts.none > 0) {
    chips.push({
      key: 'none',
      label: 'No verdict yet',
      count: counts.none,
      colourClass: 'verdict-none',
    });
  }
  return chips;
}

/** Share of claims whose check is finished (approved or dismissed), 0 to 100. */
export function progressOf(article: ArticleSummary): number {
  if (article.claimCount === 0) {
    return 0;
  }
  const settled = article.stageCounts.approved + article.stageCounts.dismissed;
  return Math.round((settled / article.claimCount) * 100);
}

/** An article as it now stands: listed, or gone from the list once archived (unless archived ones show). */
function place(state: ArticlesState, article: ArticleSummary): ArticlesState {
  return article.archived && !state.showArchived
    ? articlesAdapter.removeOne(article.id, state)
    : articlesAdapter.upsertOne(article, state);
}

export const articlesFeature = createFeature({
  name: 'articles',
  reducer: createReducer(
    initialArticlesState,
    on(ArticleListPageActions.opened, (state, { archived }): ArticlesState => ({
      ...state,
      loading: true,
      error: null,
      showArchived: archived,
    })),
    on(ArticlesApiActions.loadSucceeded, (state, { articles }): ArticlesState =>
      articlesAdapter.setAll(articles, { ...state, loading: false }),
    ),
    on(ArticlesApiActions.loadFailed, (state, { error }): ArticlesState => ({
      ...state,
      loading: false,
      error,
    })),
    on(ArticleActionsActions.editOpened, (state, { articleId }): ArticlesState => ({
      ...state,
      edit: { ...NO_EDIT, articleId },
    })),
    on(ArticleActionsActions.editSubmitted, (state, { article }): ArticlesState => ({
      ...state,
      edit: { ...NO_EDIT, articleId: article.id, status: 'saving' },
    })),
    on(ArticlesApiActions.articleSaved, (state, { article, change }): ArticlesState => {
      const placed = place(state, article);
      return change === 'details' && state.edit.articleId === article.id
        ? { ...placed, edit: { ...NO_EDIT, articleId: article.id, status: 'saved' } }
        : placed;
    }),
    on(
      ArticlesApiActions.saveFailed,
      (state, { articleId, change, error, current }): ArticlesState => {
        const placed = current ? place(state, current) : state;
        return change === 'details' && state.edit.articleId === articleId
          ? {
              ...placed,
              edit: { articleId, status: current ? 'conflict' : 'failed', error, current },
            }
          : placed;
      },
    ),
    on(LiveActions.articleUpdated, (state, { article }): ArticlesState => place(state, article)),
    on(IntakePageActions.opened, (state): ArticlesState => ({
      ...state,
      intake: initialArticlesState.intake,
    })),
    on(IntakePageActions.fileChosen, (state): ArticlesState => ({
      ...state,
      intake: { ...initialArticlesState.intake, saving: state.intake.saving },
    })),
    on(IntakePageActions.submitted, (state): ArticlesState => ({
      ...state,
      intake: { saving: true, error: null, field: null, code: null },
    })),
    on(IntakeApiActions.articleAdded, (state, { article }): ArticlesState =>
      articlesAdapter.upsertOne(article, { ...state, intake: initialArticlesState.intake }),
    ),
    on(IntakeApiActions.addFailed, (state, { error, field, code }): ArticlesState => ({
      ...state,
      intake: { saving: false, error, field, code },
    })),
  ),
  extraSelectors: ({ selectArticlesState }) => {
    const { selectAll } = articlesAdapter.getSelectors(selectArticlesState);
    return {
      selectAll,
      selectWithProgress: createSelector(selectAll, (articles): ArticleListItem[] =>
        articles.map((article) => ({
          article,
          progress: progressOf(article),
          stages: stageChips(article),
          verdicts: verdictChips(article),
        })),
      ),
    };
  },
});
