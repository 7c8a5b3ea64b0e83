import { createActionGroup, props } from '@ngrx/store';

/** The overview of one article: it loads the article's claims as the workspace does. */
export const OverviewPageActions = createActionGroup({
  source: 'Overview Page',
  events: {
    Opened: props<{ articleId: string }>(),
    'Retry Clicked': props<{ articleId: string }>(),
    /** The overview was left: its numbers need no reloading while nobody looks. */
    Closed: props<{ articleId: string }>(),
  },
});
