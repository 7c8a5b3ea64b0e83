import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { Notification, NotificationPage } from '../../../domain/notifications';

/** What the signed-in person does in the toolbar's notifications panel. */
export const InboxPanelActions = createActionGroup({
  source: 'Inbox Panel',
  events: {
    'Show More Clicked': emptyProps(),
    'Retry Clicked': emptyProps(),
    /** `at`: when, so that the notification shows read at once. */
    'Mark All Read Clicked': props<{ at: string }>(),
    /** A notification was clicked: its claim opens, and it is read. */
    'Notification Opened': props<{ notification: Notification; at: string }>(),
  },
});

/** The article workspace's "Mute submissions for this article" toggle (editors and admins). */
export const MuteToggleActions = createActionGroup({
  source: 'Mute Toggle',
  events: {
    /** An article was shown: whether the signed-in person muted it is asked. */
    Shown: props<{ articleId: string }>(),
    Toggled: props<{ articleId: string; muted: boolean }>(),
  },
});

export const InboxApiActions = createActionGroup({
  source: 'Inbox API',
  events: {
    /** `more`: the page continues the list shown (paging), rather than replacing it. */
    'Page Loaded': props<{ page: NotificationPage; more: boolean }>(),
    'Load Failed': props<{ error: string }>(),
    /** `unread`: the server's count once marked. */
    'Marked Read': props<{ unread: number }>(),
    /** The server did not take it: the inbox is loaded again to show what it holds. */
    'Mark Read Failed': props<{ error: string }>(),
    /** The server's word on whether the signed-in person muted the article. */
    'Mute Loaded': props<{ articleId: string; muted: boolean }>(),
    /** The change was not taken: the toggle returns to `muted`. */
    'Mute Failed': props<{ articleId: string; muted: boolean; error: string }>(),
  },
});
