/**
 * Outgoing webhooks (issue 10): the desk's hand-overs posted to chat and other systems.
 * One list of events, formats and shapes for the server and the dashboard's admin screen.
 */

export const WEBHOOK_EVENTS = [
  'claim.assigned',
  'claim.started',
  'claim.submitted',
  'claim.changes_requested',
  'claim.approved',
  'claim.reopened',
  'claim.dismissed',
  'claim.restored',
  'note.added',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** A webhook's `events`: some events, or `["*"]` for every event, also those added later. */
export const ALL_WEBHOOK_EVENTS = '*';
export type WebhookEventChoice = WebhookEvent | typeof ALL_WEBHOOK_EVENTS;

export const WEBHOOK_EVENT_LABELS: Readonly<Record<WebhookEvent, string>> = {
  'claim.assigned': 'Claim assigned',
  'claim.started': 'Research started',
  'claim.submitted': 'Submitted for review',
  'claim.changes_requested': 'Changes requested',
  'claim.approved': 'Approved',
  'claim.reopened': 'Reopened',
  'claim.dismissed': 'Dismissed',
  'claim.restored': 'Restored',
  'note.added': 'Note added',
};

/** `json`: the payload below, signed; `slack`: `{"text": …}` for Slack and Mattermost incoming webhooks. */
export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const WEBHOOK_FORMAT_LABELS: Readonly<Record<WebhookFormat, string>> = {
  json: 'JSON',
  slack: 'Slack / Mattermost',
};

export const WEBHOOK_LIMITS = {
  url: 2000,
  /** Long enough to be worth signing with. */
  secretMin: 16,
  secretMax: 200,
  /** `GET /api/webhooks/:id/deliveries` lists the latest this many. */
  deliveriesListed: 100,
} as const;

/** `POST /api/webhooks` */
export interface NewWebhook {
  readonly url: string;
  readonly events: readonly WebhookEventChoice[];
  readonly secret: string;
  readonly format: WebhookFormat;
}

/** A webhook as `GET /api/webhooks` lists it: never its secret. */
export interface Webhook {
  readonly id: string;
  readonly url: string;
  readonly events: readonly WebhookEventChoice[];
  readonly format: WebhookFormat;
  readonly createdBy: string;
  readonly createdAt: string;
}

/** `pending` until delivered, or `failed` once its attempts ran out. */
export const DELIVERY_STATUSES = ['pending', 'delivered', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One event for one webhook, as `GET /api/webhooks/:id/deliveries` lists it. */
export interface WebhookDelivery {
  /** Also the `X-Claimdesk-Delivery` header, the same on every attempt. */
  readonly id: string;
  readonly event: WebhookEvent;
  readonly status: DeliveryStatus;
  readonly attempts: number;
  /** The receiver's answer to the latest attempt; null when none came (timeout, refused). */
  readonly lastStatusCode: number | null;
  readonly lastError: string | null;
  readonly createdAt: string;
  /** When it is next tried, while pending. */
  readonly nextAttemptAt: string | null;
  readonly deliveredAt: string | null;
}

/** The body of a `json` delivery. */
export interface WebhookPayload {
  /** The delivery's id (as `X-Claimdesk-Delivery`). */
  readonly id: string;
  readonly event: WebhookEvent;
  readonly createdAt: string;
  readonly actor: { readonly username: string; readonly displayName: string };
  readonly claim: {
    readonly id: string;
    readonly statement: string;
    readonly stage: string;
    readonly verdict: string | null;
    readonly assignee: string | null;
  };
  readonly article: { readonly id: string; readonly headline: string };
  /** The note that came with the change (`note.added`, a request for changes), if any. */
  readonly note: { readonly id: string; readonly text: string } | null;
  /** The claim in the dashboard. */
  readonly url: string;
}

/** The header carrying `sha256=<hex HMAC-SHA256 of the raw body keyed with the secret>`. */
export const SIGNATURE_HEADER = 'X-Claimdesk-Signature';
export const DELIVERY_HEADER = 'X-Claimdesk-Delivery';
