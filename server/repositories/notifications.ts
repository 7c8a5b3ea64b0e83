/**
 * Notifications (issue 10): each hand-over tells the people it concerns, one stored row
 * per recipient, written in the hand-over's transaction together with the recipient's
 * `notification.created` event (which the event stream sends to the recipient alone).
 *
 * Who is told (never the person who acted, never a disabled account):
 * - `assigned`: the new assignee;
 * - `submitted`: every active editor and admin (admins hold editorial authority, and
 *   review as editors do) except the submitter, unless they muted the article;
 * - `changes_requested`, `approved`, `dismissed`, `reopened`: the claim's assignee and
 *   its submitter;
 * - `mentioned`: each active person the hand-over's note mentions, unless this very
 *   hand-over already tells them (one notification per person per change);
 * - `due_soon`, `overdue`: the assignee, by the clock (due-reminders.ts).
 */
import type { ClaimSummary } from '../../src/domain/claim';
import type {
  Notification,
  NotificationKind,
  NotificationPage,
  NotificationsReadEventData,
} from '../../src/domain/notifications';
import { isEditorial, ROLES } from '../../src/domain/workflow';
import type { Database, NotificationsTable } from '../database/schema';
import type { Kysely, Selectable } from 'kysely';
import { writeTransaction } from '../database/transaction';
import type { Db } from './claims';
import { type ChangeEvent, recordEvent } from './events';
import type { Handover, HandoverKind } from './handovers';
import { notificationText } from './notification-text';
import { now } from './time';

/** The hand-overs that tell someone by their own kind, and whom. */
const TOLD_OF: Partial<Record<HandoverKind, 'assignee' | 'editors' | 'holders'>> = {
  assigned: 'assignee',
  submitted: 'editors',
  changes_requested: 'holders',
  approved: 'holders',
  dismissed: 'holders',
  reopened: 'holders',
};

const EDITORIAL_ROLES = ROLES.filter(isEditorial);

/** Whether a hand-over of `kind` with a note mentioning `mentioned` may tell anyone at all. */
export function handoverMayNotify(kind: HandoverKind, mentioned: readonly string[]): boolean {
  return TOLD_OF[kind] !== undefined || mentioned.length > 0;
}

/** Of `usernames`, the active accounts, with their display names. */
async function activePeople(db: Db, usernames: readonly string[]): Promise<Map<string, string>> {
  if (usernames.length === 0) {
    return new Map();
  }
  const rows = await db
    .selectFrom('users')
    .select(['username', 'display_name'])
    .where('username', 'in', [...usernames])
    .where('disabled', '=', 0)
    .execute();
  return new Map(rows.map((row) => [row.username, row.display_name]));
}

/** The active editors and admins who have not muted `articleId`. */
async function unmutedEditors(db: Db, articleId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('users')
    .select('username')
    .where('role', 'in', EDITORIAL_ROLES)
    .where('disabled', '=', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('article_mutes')
            .select('article_mutes.username')
            .whereRef('article_mutes.username', '=', 'users.username')
            .where('article_mutes.article_id', '=', articleId),
        ),
      ),
    )
    .orderBy('username')
    .execute();
  return rows.map((row) => row.username);
}

/** Whom the hand-over tells by its own kind, before the actor and inactive accounts are left out. */
async function toldOfHandover(trx: Db, handover: Handover): Promise<string[]> {
  const { claim } = handover;
  switch (TOLD_OF[handover.kind]) {
    case 'assignee':
      return claim.assignee ? [claim.assignee] : [];
    case 'editors':
      return unmutedEditors(trx, claim.articleId);
    case 'holders':
      return [claim.assignee, claim.submittedBy].filter((name): name is string => !!name);
    default:
      return [];
  }
}

export interface NewNotification {
  readonly recipient: string;
  readonly kind: NotificationKind;
  readonly actor: { readonly username: string; readonly displayName: string } | null;
  readonly claim: ClaimSummary;
  readonly at: string;
}

/**
 * Stores a notification and its `notification.created` event, in the caller's
 * transaction. The event names no article or claim (its recipient is in its payload,
 * where the event stream looks): it changes nothing a list or a cache shows.
 */
export async function insertNotification(trx: Db, input: NewNotification): Promise<ChangeEvent> {
  const text = notificationText(input.kind, input.actor?.displayName ?? null, input.claim);
  const row = await trx
    .insertInto('notifications')
    .values({
      recipient: input.recipient,
      kind: input.kind,
      actor: input.actor?.username ?? null,
      claim_id: input.claim.id,
      article_id: input.claim.articleId,
      text,
      created_at: input.at,
      read_at: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const notification: Notification = {
    id: String(row.id),
    kind: input.kind,
    createdAt: input.at,
    readAt: null,
    actor: input.actor,
    claimId: input.claim.id,
    articleId: input.claim.articleId,
    text,
  };
  const unread = await unreadCount(trx, input.recipient);
  return recordEvent(trx, 'notification.created', null, null, {
    recipient: input.recipient,
    notification,
    unread,
  });
}

/** Tells the people a hand-over concerns (see the module comment); answers their events. */
export async function notifyHandover(trx: Db, handover: Handover): Promise<ChangeEvent[]> {
  const byKind = await toldOfHandover(trx, handover);
  const mentioned = handover.note?.mentions ?? [];
  if (byKind.length === 0 && mentioned.length === 0) {
    return []; // A note without mentions, a start: nobody to tell, nothing more to read.
  }
  const people = await activePeople(trx, [...byKind, ...mentioned, handover.actor.username]);
  const actor = {
    username: handover.actor.username,
    displayName: people.get(handover.actor.username) ?? handover.actor.username,
  };
  const planned = new Map<string, NotificationKind>();
  for (const username of byKind) {
    planned.set(username, handover.kind as NotificationKind);
  }
  for (const username of mentioned) {
    if (!planned.has(username)) {
      planned.set(username, 'mentioned');
    }
  }
  const events: ChangeEvent[] = [];
  for (const [recipient, kind] of planned) {
    if (recipient === actor.username || !people.has(recipient)) {
      continue;
    }
    events.push(
      await insertNotification(trx, {
        recipient,
        kind,
        actor,
        claim: handover.claim,
        at: handover.at,
      }),
    );
  }
  return events;
}

export async function unreadCount(db: Db, recipient: string): Promise<number> {
  const row = await db
    .selectFrom('notifications')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('recipient', '=', recipient)
    .where('read_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export const NOTIFICATION_PAGE_DEFAULT = 20;
export const NOTIFICATION_PAGE_MAX = 100;

export interface NotificationQuery {
  readonly unreadOnly: boolean;
  readonly limit: number;
  /** The `nextCursor` of the page before: the id of its last (oldest) item. */
  readonly cursor: string | null;
}

type NotificationRow = Selectable<NotificationsTable> & { actor_name: string | null };

function toNotification(row: NotificationRow): Notification {
  return {
    id: String(row.id),
    kind: row.kind as NotificationKind,
    createdAt: row.created_at,
    readAt: row.read_at,
    actor: row.actor ? { username: row.actor, displayName: row.actor_name ?? row.actor } : null,
    claimId: row.claim_id,
    articleId: row.article_id,
    text: row.text,
  };
}

/** The recipient's notifications, newest first, a page at a time. */
export async function listNotifications(
  db: Db,
  recipient: string,
  query: NotificationQuery,
): Promise<NotificationPage> {
  let select = db
    .selectFrom('notifications')
    .leftJoin('users', 'users.username', 'notifications.actor')
    .selectAll('notifications')
    .select('users.display_name as actor_name')
    .where('notifications.recipient', '=', recipient);
  if (query.unreadOnly) {
    select = select.where('notifications.read_at', 'is', null);
  }
  if (query.cursor !== null) {
    select = select.where('notifications.id', '<', Number(query.cursor));
  }
  const rows = await select
    .orderBy('notifications.id', 'desc')
    .limit(query.limit + 1)
    .execute();
  const items = rows.slice(0, query.limit).map(toNotification);
  return {
    items,
    unread: await unreadCount(db, recipient),
    nextCursor: rows.length > query.limit ? (items[items.length - 1]?.id ?? null) : null,
  };
}

/**
 * Marks the recipient's notifications read: those of `ids` (others' ids, and unknown
 * ones, are left alone, unseen) or all. Answers how many it marked, how many stay
 * unread, and, when it marked any, the recipient's `notifications.read` event (for
 * their other tabs and devices) to publish once committed.
 */
export async function markNotificationsRead(
  db: Kysely<Database>,
  recipient: string,
  which: { readonly ids: readonly string[] } | { readonly all: true },
): Promise<{ marked: number; unread: number; events: ChangeEvent[] }> {
  const ids = 'ids' in which ? which.ids.map(Number).filter(Number.isSafeInteger) : null;
  if (ids !== null && ids.length === 0) {
    return { marked: 0, unread: await unreadCount(db, recipient), events: [] };
  }
  return writeTransaction(db, async (trx) => {
    const readAt = now();
    let update = trx
      .updateTable('notifications')
      .set({ read_at: readAt })
      .where('recipient', '=', recipient)
      .where('read_at', 'is', null);
    if (ids !== null) {
      update = update.where('id', 'in', ids);
    }
    const marked = await update.returning('id').execute();
    const unread = await unreadCount(trx, recipient);
    if (marked.length === 0) {
      return { marked: 0, unread, events: [] };
    }
    const data: NotificationsReadEventData = {
      ids: marked.map((row) => String(row.id)),
      readAt,
      unread,
    };
    const event = await recordEvent(trx, 'notifications.read', null, null, { recipient, ...data });
    return { marked: marked.length, unread, events: [event] };
  });
}
