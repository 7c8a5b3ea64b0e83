/** Evidence links of a claim. */
import type { Kysely, Transaction } from 'kysely';
import type { Evidence, SourceType, Stance } from '../../src/domain/claim';
import type { Database, EvidenceRow } from '../database/schema';

type Db = Kysely<Database> | Transaction<Database>;

export function toEvidence(row: EvidenceRow): Evidence {
  return {
    id: row.id,
    claimId: row.claim_id,
    url: row.url,
    title: row.title,
    publisher: row.publisher,
    stance: row.stance as Stance,
    sourceType: row.source_type as SourceType,
    quote: row.quote,
    archivedUrl: row.archived_url,
    accessedAt: row.accessed_at,
    createdAt: row.created_at,
    createdBy: row.created_by,
    adoptedFrom: row.adopted_from,
  };
}

export async function listEvidence(db: Db, claimId: string): Promise<Evidence[]> {
  const rows = await db
    .selectFrom('evidence')
    .selectAll()
    .where('claim_id', '=', claimId)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
  return rows.map(toEvidence);
}

export async function findEvidence(
  db: Db,
  claimId: string,
  id: string,
): Promise<Evidence | undefined> {
  const row = await db
    .selectFrom('evidence')
    .selectAll()
    .where('claim_id', '=', claimId)
    .where('id', '=', id)
    .executeTakeFirst();
  return row ? toEvidence(row) : undefined;
}

export type EvidenceFields = Omit<
  Evidence,
  'id' | 'claimId' | 'createdAt' | 'createdBy' | 'adoptedFrom'
>;

/** Evidence to store: only an adopted item (claim-memory.ts) says where it came from. */
export type NewEvidence = Omit<Evidence, 'adoptedFrom'> & { readonly adoptedFrom?: string | null };

export async function insertEvidence(db: Db, evidence: NewEvidence): Promise<void> {
  await db
    .insertInto('evidence')
    .values({
      id: evidence.id,
      claim_id: evidence.claimId,
      url: evidence.url,
      title: evidence.title,
      publisher: evidence.publisher,
      stance: evidence.stance,
      source_type: evidence.sourceType,
      quote: evidence.quote,
      archived_url: evidence.archivedUrl,
      accessed_at: evidence.accessedAt,
      created_at: evidence.createdAt,
      created_by: evidence.createdBy,
      adopted_from: evidence.adoptedFrom ?? null,
    })
    .execute();
}

export async function updateEvidence(db: Db, evidence: NewEvidence): Promise<void> {
  await db
    .updateTable('evidence')
    .set({
      url: evidence.url,
      title: evidence.title,
      publisher: evidence.publisher,
      stance: evidence.stance,
      source_type: evidence.sourceType,
      quote: evidence.quote,
      archived_url: evidence.archivedUrl,
      accessed_at: evidence.accessedAt,
    })
    .where('id', '=', evidence.id)
    .execute();
}

export async function deleteEvidence(db: Db, id: string): Promise<void> {
  await db.deleteFrom('evidence').where('id', '=', id).execute();
}
