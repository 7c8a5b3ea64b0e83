import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ArticleSummary } from '../../../domain/claim';
import { NewArticle } from '../articles-api';

export const ArticleListPageActions = createActionGroup({
  source: 'Article List Page',
  events: {
    Opened: emptyProps(),
  },
});

export const ArticlesApiActions = createActionGroup({
  source: 'Articles API',
  events: {
    'Load Succeeded': props<{ articles: ArticleSummary[] }>(),
    'Load Failed': props<{ error: string }>(),
  },
});

export const IntakePageActions = createActionGroup({
  source: 'Intake Page',
  events: {
    Opened: emptyProps(),
    Submitted: props<{ article: NewArticle }>(),
  },
});

export const IntakeApiActions = createActionGroup({
  source: 'Intake API',
  events: {
    'Article Added': props<{ article: ArticleSummary; source: NewArticle['source'] }>(),
    'Add Failed': props<{ error: string; field: string | null }>(),
  },
});
