/**
 * Hand-overs: the moments work moves between people (a claim assigned, submitted, sent
 * back, approved, a note added). Each is recorded in the transaction of the change that
 * caused it, so that the notifications it owes and the webhook deliveries it queues
 * commit or roll back with the change itself: never told of a change that did not happen.
 */
import type { ClaimSummary } from '../../src/domain/claim';
import type { Actor } from '../../src/domain/workflow';
import type { Db } from './claims';
import type { ChangeEvent } from './events';
import { notifyHandover } from './notifications';
import { queueWebhookDeliveries } from './webhooks';

export type HandoverKind =
  | 'assigned'
  | 'started'
  | 'submitted'
  | 'changes_requested'
  | 'approved'
  | 'reopened'
  | 'dismissed'
  | 'restored'
  | 'note_added';

export interface Handover {
  readonly kind: HandoverKind;
  /** The claim as the change left it. */
  readonly claim: ClaimSummary;
  readonly articleHeadline: string;
  readonly actor: Actor;
  readonly at: string;
  /** Who held the claim before the change (assignee and submitter), for "tell the assignee and submitter". */
  readonly before: { readonly assignee: string | null; readonly submittedBy: string | null };
  /** The note that came with the change (a workflow note, or the note added). */
  readonly note?: {
    readonly id: string;
    readonly text: string;
    /** Usernames of active people the note mentions. */
    readonly mentions: readonly string[];
  };
}

/**
 * Records a hand-over in the change's transaction; answers the events it wrote (the
 * recipients' `notification.created`), which the caller publishes with its own once
 * the transaction has committed.
 */
export async function recordHandover(trx: Db, handover: Handover): Promise<ChangeEvent[]> {
  const events = await notifyHandover(trx, handover);
  await queueWebhookDeliveries(trx, handover);
  return events;
}

/** What a change knows of its hand-over; the article's headline is read here. */
export type HandoverFacts = Omit<Handover, 'articleHeadline'>;

/**
 * `recordHandover` of each of `handovers` (in order), with the article's headline read
 * once, unless the caller read it with the claim already (`changeTarget`).
 */
export async function recordHandovers(
  trx: Db,
  handovers: readonly HandoverFacts[],
  knownHeadline?: string,
): Promise<ChangeEvent[]> {
  if (handovers.length === 0) {
    return [];
  }
  const articleHeadline =
    knownHeadline ??
    (
      await trx
        .selectFrom('articles')
        .select('headline')
        .where('id', '=', handovers[0].claim.articleId)
        .executeTakeFirst()
    )?.headline ??
    '';
  const events: ChangeEvent[] = [];
  for (const facts of handovers) {
    events.push(...(await recordHandover(trx, { ...facts, articleHeadline })));
  }
  return events;
}
