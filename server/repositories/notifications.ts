/** Notifications (issue 10): placeholder until the notifications change lands. */
import type { Db } from './claims';
import type { ChangeEvent } from './events';
import type { Handover } from './handovers';

export async function notifyHandover(_trx: Db, _handover: Handover): Promise<ChangeEvent[]> {
  // Filled in by the notifications change.
  return [];
}
