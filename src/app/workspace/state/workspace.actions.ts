import { createActionGroup, props } from '@ngrx/store';
import { ArticleDetail, ClaimSummary } from '../../../domain/claim';

export const WorkspacePageActions = createActionGroup({
  source: 'Workspace Page',
  events: {
    Opened: props<{ articleId: string }>(),
    /** A keystroke in the search box: filters at once, reaches the URL a moment later. */
    'Search Typed': props<{ query: string }>(),
    'Search Synced To Url': props<{ query: string }>(),
  },
});

export const WorkspaceApiActions = createActionGroup({
  source: 'Workspace API',
  events: {
    'Article Loaded': props<{ article: ArticleDetail }>(),
    'Claims Loaded': props<{ articleId: string; claims: ClaimSummary[] }>(),
    'Load Failed': props<{ error: string }>(),
  },
});
