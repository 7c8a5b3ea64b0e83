import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ArticleSummary } from '../../../domain/claim';
import { ArticleImport, NewArticle } from '../articles-api';

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
    /** Another file chosen: a refusal of the one before no longer applies. */
    'File Chosen': emptyProps(),
    Submitted: props<{ article: NewArticle }>(),
  },
});

export const IntakeApiActions = createActionGroup({
  source: 'Intake API',
  events: {
    /** `imported`: what the import of a file did; null for pasted text. */
    'Article Added': props<{
      article: ArticleSummary;
      source: NewArticle['source'];
      imported: ArticleImport | null;
    }>(),
    /** `code`: the problem's code when the server gave one (`exists`: the id is taken). */
    'Add Failed': props<{ error: string; field: string | null; code: string | null }>(),
  },
});
