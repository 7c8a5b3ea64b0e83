/** Outgoing webhooks (issue 10): placeholder until the webhooks change lands. */
import type { Db } from './claims';
import type { Handover } from './handovers';

export async function queueWebhookDeliveries(_trx: Db, _handover: Handover): Promise<void> {
  // Filled in by the webhooks change.
}
