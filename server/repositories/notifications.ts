/** Notifications (issue 10): placeholder until the notifications change lands. */
import type { Db } from './claims';
import type { Handover } from './handovers';

export async function notifyHandover(_trx: Db, _handover: Handover): Promise<void> {
  // Filled in by the notifications change.
}
