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

/**
 * Data of the event stream's `notifications.read` event, sent only to the recipient's
 * own streams: the notifications just marked read, when, and what stays unread.
 */
export interface NotificationsReadEventData {
  readonly ids: readonly string[];
  readonly readAt: string;
  readonly unread: number;
}

/**
 * `@username` tokens of a note's text, in order of first appearance, without repeats:
 * candidates only (the server keeps those that name an active person). A token starts
 * after white space, an opening bracket or quote, or at the start of the text, so that
 * an e-mail address (`dana@example.com`) mentions nobody; dots, hyphens and underscores
 * that end it ("@eli." at the end of a sentence) are punctuation, not part of the name.
 */
export function mentionCandidates(text: string): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(/(?<![\p{L}\p{N}._@-])@([a-z0-9][a-z0-9._-]*)/gu)) {
    const username = match[1].replace(/[._-]+$/, '');
    if (username.length >= 2 && username.length <= 64) {
      found.add(username);
    }
  }
  return [...found];
}

/** How long before a claim's due time its assignee is told it is due soon (`due_soon`). */
export const DUE_SOON_MS = 24 * 60 * 60 * 1000;
