import { ArticleSummary, ClaimSummary } from './claim';
import { PublicUser } from './people';

/**
 * The kinds of change the server's event stream (`GET /api/events`) sends: one
 * list for the server that writes them and the dashboard that reads them.
 */
export type ChangeType =
  | 'article.created'
  /**
   * An article's metadata or archive state changed (`PATCH /api/articles/:id`);
   * data: `{ article }`, the article summary as it now stands.
   */
  | 'article.updated'
  | 'claim.created'
  | 'claim.updated'
  | 'evidence.changed'
  | 'note.changed'
  /**
   * A notification for one person (issue 10); data: `NotificationEventData`
   * (notifications.ts). Sent only to the streams of the person it is for.
   */
  | 'notification.created'
  /**
   * Some of one person's notifications were marked read, in any of their tabs or
   * devices; data: `NotificationsReadEventData` (notifications.ts). Sent only to that
   * person's streams, so that every open inbox agrees.
   */
  | 'notifications.read'
  /** A suggestion was accepted or rejected; data: `{ suggestionId, status }`. */
  | 'suggestion.changed'
  /**
   * An account was added or changed (display name, role, disabled); data:
   * `{ user }`, the account as the API shows it. No article or claim.
   */
  | 'user.changed';

/**
 * The kinds one person's own: the server keeps their recipient in the stored payload and
 * sends them only to that person's streams, without it.
 */
export const PERSONAL_CHANGE_TYPES: ReadonlySet<ChangeType> = new Set<ChangeType>([
  'notification.created',
  'notifications.read',
]);

/** What an event carries, by kind (see ChangeType). */
export interface ChangeEventData {
  /** `claim.*`, `evidence.changed`, `note.changed`: the claim as it now stands. */
  readonly claim?: ClaimSummary;
  readonly articleId?: string;
  /** `article.updated`: the article as it now stands (details, version, archived). */
  readonly article?: ArticleSummary;
  /** `user.changed`: the account as it now stands. */
  readonly user?: PublicUser;
  /** `suggestion.changed`. */
  readonly suggestionId?: string;
  readonly status?: string;
}

/** One change as the event stream sends it; the server, which writes many kinds, reads `data` as unknown. */
export interface ChangeEvent<Data = ChangeEventData> {
  readonly id: number;
  readonly at: string;
  readonly type: ChangeType;
  readonly articleId: string | null;
  readonly claimId: string | null;
  readonly data: Data;
}
