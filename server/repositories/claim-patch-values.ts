/**
 * What a PATCH of a claim may change, and each value as it is stored: shared by the
 * usual path (claim-changes.ts) and the one-statement path (claim-patch-statement.ts).
 */
import type { ClaimPatch } from '../../src/domain/requests';
import type { ClaimChanges } from './claim-updates';
import { ValidationError } from './errors';

/** Each field a PATCH may change, in the order it is checked, with its column. */
export const PATCH_COLUMNS = {
  statement: 'statement',
  kind: 'kind',
  verdict: 'verdict',
  rationale: 'rationale',
  assignee: 'assignee',
  dueAt: 'due_at',
  claimant: 'claimant',
  claimantType: 'claimant_type',
  claimDate: 'claim_date',
  summary: 'summary',
} as const satisfies Record<keyof ClaimPatch, keyof ClaimChanges>;

export type PatchField = keyof typeof PATCH_COLUMNS;

/** Fields that always hold a value: blank is not "none" for them. */
const REQUIRED_FIELDS: ReadonlySet<PatchField> = new Set(['statement', 'kind', 'claimantType']);

/** A field's value as stored: text trimmed, blank optional text as null, due dates in UTC. */
export function storedValue(field: PatchField, value: unknown): unknown {
  if (typeof value !== 'string') {
    return value;
  }
  const trimmed = value.trim();
  if (trimmed === '' && !REQUIRED_FIELDS.has(field)) {
    return null;
  }
  if (field === 'dueAt') {
    const due = new Date(trimmed);
    if (Number.isNaN(due.getTime())) {
      throw new ValidationError('dueAt', 'must be a date and time, such as 2026-05-04T17:00:00Z.');
    }
    return due.toISOString();
  }
  return trimmed;
}
