/**
 * Migration 0012_claim_memory: a claim that repeats one checked before, and evidence
 * adopted from that earlier check (issue 11, server/repositories/claim-memory.ts).
 *
 * `claims.repeat_of` always names the ORIGINAL check, never a repeat of it: marking a
 * claim as a repeat of a repeat stores the repeat's original, so that "repeated N times"
 * counts every repeat in one place and no chain needs walking. Neither column is a
 * foreign key: `db copy` copies claims in id order (a self-reference could point ahead),
 * and the repository checks that the claim named exists before it writes.
 */
import { type Kysely, type Migration, sql } from 'kysely';

export const migration: Migration = {
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('claims').addColumn('repeat_of', 'text').execute();
    await db.schema.alterTable('evidence').addColumn('adopted_from', 'text').execute();
    // Every claim summary counts the claims that repeat it: an index on the few that do.
    await db.schema
      .createIndex('claims_repeat_of')
      .on('claims')
      .column('repeat_of')
      .where(sql.ref('repeat_of'), 'is not', null)
      .execute();
  },
};
