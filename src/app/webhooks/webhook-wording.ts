import {
  ALL_WEBHOOK_EVENTS,
  type WebhookDelivery,
  type WebhookEventChoice,
  WEBHOOK_EVENT_LABELS,
} from '../../domain/webhooks';
import type { FieldLabels } from '../../domain/problem-wording';

/** The add form's fields as the form labels them, and as its refusals name them. */
export const WEBHOOK_FIELD_LABELS = {
  url: 'Receiver URL',
  format: 'Format',
  events: 'Events',
  secret: 'Signing secret',
} as const satisfies FieldLabels;

/** "Every event", or the events' labels in a list. */
export function eventsWording(events: readonly WebhookEventChoice[]): string {
  if (events.includes(ALL_WEBHOOK_EVENTS)) {
    return 'Every event';
  }
  return events
    .map((event) => WEBHOOK_EVENT_LABELS[event as keyof typeof WEBHOOK_EVENT_LABELS] ?? event)
    .join(', ');
}

/** A delivery's state in a few words: "Delivered", "Retrying (2 attempts)", "Failed after 10 attempts". */
export function deliveryWording(delivery: WebhookDelivery): string {
  const attempts = `${delivery.attempts} ${delivery.attempts === 1 ? 'attempt' : 'attempts'}`;
  switch (delivery.status) {
    case 'delivered':
      return delivery.attempts > 1 ? `Delivered after ${attempts}` : 'Delivered';
    case 'failed':
      return `Failed after ${attempts}`;
    default:
      return delivery.attempts === 0 ? 'Queued' : `Retrying (${attempts} so far)`;
  }
}

/** A secret worth signing with: 32 random bytes, hex. */
export function randomSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
}
