import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ArticleSummary } from '../../../domain/claim';

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
