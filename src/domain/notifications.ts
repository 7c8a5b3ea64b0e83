/**
 * Notifications (issue 10): what the server stores per recipient and the dashboard's
 * inbox shows. One list of kinds and one shape for both.
 */

export const NOTIFICATION_KINDS = [
  'assigned',
  'submitted',
  'changes_requested',
  'approved',
  'dismissed',
  'reopened',
  'mentioned',
  'due_soon',
  'overdue',
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export interface NotificationActor {
  readonly username: string;
  readonly displayName: string;
}

export interface Notification {
  readonly id: string;
  readonly kind: NotificationKind;
  readonly createdAt: string;
  /** When the recipient read it, or null while unread. */
  readonly readAt: string | null;
  /** Who caused it; null for the clock's own reminders (`due_soon`, `overdue`). */
  readonly actor: NotificationActor | null;
  readonly claimId: string;
  readonly articleId: string;
  /** One plain-text sentence for the inbox ("Dana assigned you claim …"). Never HTML. */
  readonly text: string;
}

/** `GET /api/notifications` */
export interface NotificationPage {
  readonly items: readonly Notification[];
  /** The recipient's unread count, whatever the page shows. */
  readonly unread: number;
  readonly nextCursor: string | null;
}

/** `POST /api/notifications/read`: either some ids, or all. */
export type MarkNotificationsRead = { readonly ids: readonly string[] } | { readonly all: true };

/**
 * Data of the event stream's `notification.created` event, sent only to the
 * recipient's own streams.
 */
export interface NotificationEventData {
  readonly notification: Notification;
  readonly unread: number;
}
