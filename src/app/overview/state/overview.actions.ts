import { createActionGroup, props } from '@ngrx/store';

/** The overview of one article: it loads the article's claims as the workspace does. */
export const OverviewPageActions = createActionGroup({
  source: 'Overview Page',
  events: {
    Opened: props<{ articleId: string }>(),
    'Retry Clicked': props<{ articleId: string }>(),
  },
});
