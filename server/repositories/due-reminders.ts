/**
 * Due reminders (issue 10): a claim's assignee is told once when its due time is less
 * than 24 hours away (`due_soon`) and once when it has passed (`overdue`).
 *
 * "Once" is the database's rule, not a process's memory: each reminder is first claimed
 * with a row keyed by claim, kind and due time (INSERT … ON CONFLICT DO NOTHING), and only
 * the transaction whose insert took the row notifies. So several server processes, and a
 * restart, never remind twice; a changed due time is a new threshold, reminded anew.
 * A claim already overdue when first seen gets only `overdue`; a settled claim (approved,
 * dismissed), one without an assignee or of an archived article gets none.
 */
import { type Kysely, sql } from 'kysely';
import { DUE_SOON_MS } from '../../src/domain/notifications';
import { DUE_SORT_KEY_SQL } from '../database/due-sort-key';
import type { Database } from '../database/schema';
import { writeTransaction } from '../database/transaction';
import type { ChangeEvent } from './events';
import { findClaim } from './claims';
import { insertNotification } from './notifications';

/** Claims reminded of per run at most: a desk far behind catches up over a few runs. */
const BATCH = 200;

type DueKind = 'due_soon' | 'overdue';

/** The claims owed a reminder at `at`, with the kind each is owed. */
async function owedReminders(db: Kysely<Database>, at: Date) {
  const nowText = at.toISOString();
  const soon = new Date(at.getTime() + DUE_SOON_MS).toISOString();
  const kind = sql<DueKind>`case when claims.due_at <= ${nowText} then 'overdue' else 'due_soon' end`;
  // Due by then: on the desk's due key, which the claims_desk_due index holds.
  return db
    .selectFrom('claims')
    .innerJoin('articles', 'articles.id', 'claims.article_id')
    .select(['claims.id as id', 'claims.due_at as dueAt', kind.as('kind')])
    .where('claims.due_at', 'is not', null)
    .where(DUE_SORT_KEY_SQL, '<=', soon)
    .where('claims.assignee', 'is not', null)
    .where('claims.stage', 'not in', ['approved', 'dismissed'])
    .where('articles.archived', '=', 0)
    .where((eb) =>
      eb.not(
        eb.exists(
          eb
            .selectFrom('due_reminders')
            .select('due_reminders.claim_id')
            .whereRef('due_reminders.claim_id', '=', 'claims.id')
            .whereRef('due_reminders.due_at', '=', 'claims.due_at')
            .where('due_reminders.kind', '=', kind),
        ),
      ),
    )
    .orderBy('claims.due_at')
    .limit(BATCH)
    .execute();
}

/**
 * Sends every reminder owed at `at` that no process has sent; answers the events of the
 * notifications written, to publish (each reminder commits on its own).
 */
export async function sendDueReminders(
  db: Kysely<Database>,
  at: Date = new Date(),
): Promise<ChangeEvent[]> {
  const events: ChangeEvent[] = [];
  for (const owed of await owedReminders(db, at)) {
    const dueAt = owed.dueAt;
    if (dueAt === null) {
      continue;
    }
    const written = await writeTransaction(db, async (trx) => {
      const taken = await trx
        .insertInto('due_reminders')
        .values({ claim_id: owed.id, kind: owed.kind, due_at: dueAt, created_at: at.toISOString() })
        .onConflict((oc) => oc.columns(['claim_id', 'kind', 'due_at']).doNothing())
        .returning('claim_id')
        .executeTakeFirst();
      if (!taken) {
        return []; // Another process (or an earlier run) sent it.
      }
      const claim = await findClaim(trx, owed.id);
      // The claim as it stands now: its assignee, and whether it is still owed this reminder.
      if (!claim?.assignee || claim.dueAt !== dueAt) {
        return [];
      }
      const active = await trx
        .selectFrom('users')
        .select('username')
        .where('username', '=', claim.assignee)
        .where('disabled', '=', 0)
        .executeTakeFirst();
      if (!active) {
        return [];
      }
      return [
        await insertNotification(trx, {
          recipient: claim.assignee,
          kind: owed.kind,
          actor: null,
          claim,
          at: at.toISOString(),
        }),
      ];
    });
    events.push(...written);
  }
  return events;
}
