/**
 * PostgreSQL: a claim summary as JSON text built inside a statement, byte for byte what
 * `JSON.stringify(toClaimSummary(row))` gives for the same row (same keys, same order,
 * no spaces). A write whose change event carries the claim can then read the claim and
 * write the event in one statement, with no round trip to this process in between
 * (claim-writes.ts: a new note).
 */
import { type RawBuilder, sql } from 'kysely';
import type { ClaimSummary } from '../../src/domain/claim';

/**
 * Each field of `toClaimSummary` (claims.ts), in its order, with what it is read from:
 * a column of the claim `c`, or a count. Numbers and strings from `to_json`, whose text
 * is JSON.stringify's for text and integers; SQL's null is JSON's null.
 */
const FIELDS: readonly (readonly [keyof ClaimSummary, string])[] = [
  ['id', 'c.id'],
  ['articleId', 'c.article_id'],
  ['quote', 'c.quote'],
  ['start', 'c.start_offset'],
  ['end', 'c.end_offset'],
  ['statement', 'c.statement'],
  ['kind', 'c.kind'],
  ['stage', 'c.stage'],
  ['verdict', 'c.verdict'],
  ['rationale', 'c.rationale'],
  ['assignee', 'c.assignee'],
  ['submittedBy', 'c.submitted_by'],
  ['dismissReason', 'c.dismiss_reason'],
  ['dueAt', 'c.due_at'],
  ['stageSince', 'c.stage_since'],
  ['claimant', 'c.claimant'],
  ['claimantType', 'c.claimant_type'],
  ['claimDate', 'c.claim_date'],
  ['summary', 'c.summary'],
  ['evidenceCount', '(select count(*) from evidence e where e.claim_id = c.id)'],
  [
    'noteCount',
    '(select count(*) from notes n where n.claim_id = c.id and n.deleted_at is null) + :notesAdded',
  ],
  ['repeatOf', 'c.repeat_of'],
  ['repeatCount', '(select count(*) from claims r where r.repeat_of = c.id)'],
  ['version', 'c.version'],
  ['updatedAt', 'c.updated_at'],
  ['updatedBy', 'c.updated_by'],
];

/**
 * `{"claim":{…}}` for the claim row aliased `c`, as JSON text, with `notesAdded` more
 * live notes than the table holds (the statement's own new note, which its other parts
 * cannot see).
 */
export function claimEventPayloadSql(notesAdded: number): RawBuilder<string> {
  if (!Number.isSafeInteger(notesAdded) || notesAdded < 0) {
    throw new Error(`not a count of notes: ${notesAdded}`);
  }
  const parts = FIELDS.map(([field, source], index) => {
    const value = source.replace(':notesAdded', String(notesAdded));
    const key = `${index === 0 ? '{"claim":{' : ','}${JSON.stringify(field)}:`;
    return `'${key}' || coalesce(to_json(${value})::text, 'null')`;
  });
  return sql.raw<string>(`(${parts.join(' || ')} || '}}')`);
}
