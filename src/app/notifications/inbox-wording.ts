import { NotificationKind } from '../../domain/notifications';
import { IconName } from '../shell/icons';

/** An icon per kind, beside the sentence (which says it in words). */
export const NOTIFICATION_ICONS: Readonly<Record<NotificationKind, IconName>> = {
  assigned: 'assignment_ind',
  submitted: 'rate_review',
  changes_requested: 'undo',
  approved: 'check_circle',
  dismissed: 'block',
  reopened: 'replay',
  mentioned: 'alternate_email',
  due_soon: 'schedule',
  overdue: 'alarm',
};

/** The toolbar button's accessible name: "Notifications, 3 unread". */
export function inboxLabel(unread: number): string {
  return unread === 0 ? 'Notifications, none unread' : `Notifications, ${unread} unread`;
}

/** What the badge shows: the count, capped so that it fits. */
export function badgeText(unread: number): string {
  return unread > 99 ? '99+' : String(unread);
}
