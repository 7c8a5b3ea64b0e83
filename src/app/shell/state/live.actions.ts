import { createActionGroup, emptyProps, props } from '@ngrx/store';
import { ArticleSummary, ClaimSummary } from '../../../domain/claim';
import { Notification } from '../../../domain/notifications';
import { SessionUser } from '../../session/session-api';

/**
 * Changes made by others, arriving over the server's event stream; the
 * articles, the workspace and the shell each follow the ones they show.
 */
export const LiveActions = createActionGroup({
  source: 'Live',
  events: {
    'Claim Changed': props<{ claim: ClaimSummary; eventId: number; actor: string | null }>(),
    'Article Added': props<{ articleId: string }>(),
    /** `article.updated`: an article's details changed, or it was archived or un-archived. */
    'Article Updated': props<{ article: ArticleSummary }>(),
    /** Someone added or deleted a note of this claim: its note text is stale. */
    'Notes Changed': props<{ articleId: string; claimId: string }>(),
    /** Someone accepted or rejected a claim suggestion of this article. */
    'Suggestions Changed': props<{ articleId: string }>(),
    /** An account was added or changed: its display name, role or status. */
    'Person Changed': props<{ user: SessionUser }>(),
    /** `notification.created`: the signed-in person was told something; `unread` is their new count. */
    'Notification Received': props<{ notification: Notification; unread: number }>(),
    /** `notifications.read`: the signed-in person marked these read, here or in another tab or device. */
    'Notifications Read': props<{ ids: readonly string[]; readAt: string; unread: number }>(),
    Connected: emptyProps(),
    Disconnected: emptyProps(),
    /**
     * Load what the stream does not carry: on every connection (the start-up load, or a
     * catch-up on what changed while it was down), and once when the very first attempt
     * fails (a proxy may block the stream for good, and the page must still fill).
     */
    'Refresh Due': emptyProps(),
  },
});
