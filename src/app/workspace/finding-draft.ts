import { CLAIM_KIND_LABELS, ClaimKind, ClaimSummary } from '../../domain/claim';
import { VERDICT_DEFINITIONS, Verdict } from '../../domain/verdicts';
import { ClaimPatch } from './claims-api';

/** The claim fields a person edits in the finding form. */
export const FINDING_FIELDS = ['statement', 'kind', 'verdict', 'rationale', 'assignee'] as const;
export type FindingField = (typeof FINDING_FIELDS)[number];
export type Finding = Pick<ClaimSummary, FindingField>;

/** The values and version an edit started from: what "changed" is measured against. */
export interface FindingBase {
  readonly version: number;
  readonly finding: Finding;
}

/** The form's shape: text fields hold '' where the claim holds null. */
export interface FindingFormValue {
  statement: string;
  kind: ClaimKind;
  verdict: Verdict | null;
  rationale: string;
  assignee: string | null;
}

export function findingOf(claim: Finding): Finding {
  const { statement, kind, verdict, rationale, assignee } = claim;
  return { statement, kind, verdict, rationale, assignee };
}

export function toFormValue(finding: Finding): FindingFormValue {
  return { ...findingOf(finding), rationale: finding.rationale ?? '' };
}

/** What the form means, as the server would store it. */
export function fromFormValue(value: FindingFormValue): Finding {
  return {
    statement: value.statement.trim(),
    kind: value.kind,
    verdict: value.verdict,
    rationale: value.rationale.trim() || null,
    assignee: value.assignee,
  };
}

/** Only the fields the person changed from where they started: never a stale copy of the rest. */
export function changedFields(
  base: Finding,
  typed: Finding,
  editable: (field: FindingField) => boolean = () => true,
): ClaimPatch {
  const entries = FINDING_FIELDS.filter(
    (field) => editable(field) && typed[field] !== base[field],
  ).map((field) => [field, typed[field]]);
  return Object.fromEntries(entries) as ClaimPatch;
}

/**
 * Moves an edit onto a newer claim. Untouched fields follow the claim; a field
 * the claim now holds as typed counts as saved. When someone else changed a
 * field the person also changed, the old version is kept so that saving makes
 * the server report the conflict instead of overwriting theirs.
 */
export function rebase(base: FindingBase, typed: Finding, live: ClaimSummary): FindingBase {
  if (live.version < base.version) {
    return base;
  }
  // The same version with different values is this person's own optimistic update, not yet saved.
  const confirmed = live.version > base.version;
  let collision = false;
  const finding: Record<FindingField, unknown> = { ...base.finding };
  for (const field of FINDING_FIELDS) {
    const was = base.finding[field];
    const now = live[field];
    if (typed[field] === was || (typed[field] === now && confirmed)) {
      finding[field] = now;
    } else if (now !== was && now !== typed[field]) {
      collision = true;
    }
  }
  return { version: collision ? base.version : live.version, finding: finding as Finding };
}

/** The form after a rebase: fields the person did not touch show the claim's value. */
export function followUntouched(base: Finding, typed: Finding, live: Finding): Finding {
  const entries = FINDING_FIELDS.map((field) => [
    field,
    typed[field] === base[field] ? live[field] : typed[field],
  ]);
  return Object.fromEntries(entries) as Finding;
}

export const FINDING_LABELS: Readonly<Record<FindingField, string>> = {
  statement: 'Statement',
  kind: 'Kind',
  verdict: 'Verdict',
  rationale: 'Rationale',
  assignee: 'Assignee',
};

/** A field's value as a person reads it: labels, never codes. */
export function describeValue(
  field: FindingField,
  finding: Finding,
  nameOf: (username: string) => string = (username) => username,
): string {
  switch (field) {
    case 'kind':
      return CLAIM_KIND_LABELS[finding.kind];
    case 'verdict':
      return finding.verdict ? VERDICT_DEFINITIONS[finding.verdict].label : 'No verdict yet';
    case 'assignee':
      return finding.assignee ? nameOf(finding.assignee) : 'Nobody';
    case 'rationale':
      return finding.rationale ?? 'No rationale yet';
    case 'statement':
      return finding.statement;
  }
}
