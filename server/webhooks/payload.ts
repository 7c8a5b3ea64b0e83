/**
 * What a delivery sends: the JSON payload, or for `slack` a `{"text": …}` message that
 * Slack's and Mattermost's incoming webhooks show. The payload is built when the delivery
 * is queued (with the claim's path for `url`, see links.ts) and the body from it when the
 * delivery is first sent; that body is stored, so every attempt sends the very same bytes
 * under the same signature.
 */
import type { WebhookEvent, WebhookFormat, WebhookPayload } from '../../src/domain/webhooks';
import { VERDICT_DEFINITIONS } from '../../src/domain/verdicts';
import type { Handover } from '../repositories/handovers';
import { claimPath } from './links';

export interface DeliveryFacts {
  /** The delivery's id. */
  readonly id: string;
  readonly event: WebhookEvent;
  readonly handover: Handover;
  readonly actorDisplayName: string;
}

/** The payload as queued: `url` is the claim's path, not yet under a public address. */
export function queuedPayload(facts: DeliveryFacts): WebhookPayload {
  const { claim, note } = facts.handover;
  return {
    id: facts.id,
    event: facts.event,
    createdAt: facts.handover.at,
    actor: { username: facts.handover.actor.username, displayName: facts.actorDisplayName },
    claim: {
      id: claim.id,
      statement: claim.statement,
      stage: claim.stage,
      verdict: claim.verdict,
      assignee: claim.assignee,
    },
    article: { id: claim.articleId, headline: facts.handover.articleHeadline },
    note: note ? { id: note.id, text: note.text } : null,
    url: claimPath(claim.articleId, claim.id),
  };
}

/**
 * The body to send for a stored one: a queued payload becomes the webhook format's body
 * with its `url` under `linkBase`; a body sent before (its `url` whole already, or a
 * Slack message, which has none) stays exactly as it is.
 */
export function deliveryBody(format: WebhookFormat, stored: string, linkBase: string): string {
  const queued = JSON.parse(stored) as Partial<WebhookPayload>;
  if (typeof queued.url !== 'string' || !queued.url.startsWith('/')) {
    return stored;
  }
  const payload = { ...queued, url: `${linkBase}${queued.url}` } as WebhookPayload;
  return JSON.stringify(format === 'slack' ? { text: slackText(payload) } : payload);
}

/**
 * Slack's control characters are &, < and >: escaped in every piece of user text, so that
 * a statement can neither make a link nor ping a channel (`<!channel>`). Mattermost
 * renders the same entities as the characters, but reads `@channel` and `@name` in plain
 * text as mentions, so a word joiner after each `@` keeps them from pinging anyone.
 */
export function slackEscape(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '@\u2060');
}

const STATEMENT_SHOWN = 200;

function shortened(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > STATEMENT_SHOWN ? `${oneLine.slice(0, STATEMENT_SHOWN - 1)}…` : oneLine;
}

/** One line, e.g. `Dana Editor approved “…” (False) in “Headline”: <url|Open in Claimdesk>`. */
export function slackText(payload: WebhookPayload): string {
  const who = slackEscape(payload.actor.displayName);
  const claim = `“${slackEscape(shortened(payload.claim.statement))}”`;
  const verdict = payload.claim.verdict
    ? ` (${VERDICT_DEFINITIONS[payload.claim.verdict as keyof typeof VERDICT_DEFINITIONS]?.label ?? payload.claim.verdict})`
    : '';
  const assignee = payload.claim.assignee ? slackEscape(payload.claim.assignee) : 'nobody';
  const what: Record<WebhookEvent, string> = {
    'claim.assigned': `assigned ${claim} to ${assignee}`,
    'claim.started': `started research on ${claim}`,
    'claim.submitted': `submitted ${claim} for review`,
    'claim.changes_requested': `requested changes on ${claim}`,
    'claim.approved': `approved ${claim}${verdict}`,
    'claim.reopened': `reopened ${claim}`,
    'claim.dismissed': `dismissed ${claim}`,
    'claim.restored': `restored ${claim}`,
    'note.added': `added a note on ${claim}`,
  };
  const headline = slackEscape(shortened(payload.article.headline));
  // The URL is ours (an encoded path under the public address): no | or > to escape.
  return `${who} ${what[payload.event]} in “${headline}”: <${payload.url}|Open in Claimdesk>`;
}
