import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ArticleSummary } from '../../../domain/claim';
import { ArticleChanges, ArticleImport, NewArticle } from '../articles-api';

export const ArticleListPageActions = createActionGroup({
  source: 'Article List Page',
  events: {
    /** `archived`: the list shows archived articles too (`?archived=1`). */
    Opened: props<{ archived: boolean }>(),
  },
});

/** Editing and archiving an article: from the article list or the workspace header. */
export const ArticleActionsActions = createActionGroup({
  source: 'Article Actions',
  events: {
    'Edit Opened': props<{ articleId: string }>(),
    /** `article`: the article as the edit started from; its version goes in If-Match. */
    'Edit Submitted': props<{ article: ArticleSummary; changes: ArticleChanges }>(),
    'Archive Confirmed': props<{ article: ArticleSummary; archived: boolean }>(),
  },
});

export const ArticlesApiActions = createActionGroup({
  source: 'Articles API',
  events: {
    'Load Succeeded': props<{ articles: ArticleSummary[] }>(),
    'Load Failed': props<{ error: string }>(),
    /** `change`: what was saved, for the words that confirm it. */
    'Article Saved': props<{ article: ArticleSummary; change: 'details' | 'archive' }>(),
    /** `current`: the article as it now stands, when someone else changed it first (412). */
    'Save Failed': props<{
      articleId: string;
      change: 'details' | 'archive';
      error: string;
      current: ArticleSummary | null;
    }>(),
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
