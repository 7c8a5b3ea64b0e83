import { CLAIM_KIND_LABELS, ClaimantType, ClaimKind, ClaimSummary } from '../../../domain/claim';
import { VERDICT_DEFINITIONS, Verdict } from '../../../domain/verdicts';
import { Decision } from '../../../domain/workflow';
import { ClaimPatch } from '../claims-api';
import { madeOnFirstUse } from '../made-on-first-use';

/** The claim fields a person edits in the finding form. */
export const FINDING_FIELDS = [
  'statement',
  'kind',
  'verdict',
  'rationale',
  'assignee',
  'claimant',
  'claimantType',
  'claimDate',
  'summary',
  'dueAt',
] as const;
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
  claimant: string;
  claimantType: ClaimantType;
  /** YYYY-MM-DD, as a date input gives it. */
  claimDate: string;
  summary: string;
  /** YYYY-MM-DDTHH:mm in the browser's time zone, as a datetime-local input gives it. */
  dueAt: string;
}

const MINUTE = 60_000;

/**
 * A due time as the form can say it: to the minute, in one ISO spelling. The
 * date-time input has no seconds, so a due time set elsewhere with seconds (or
 * spelled another way by the server) must not count as a change nobody made.
 */
export function canonicalDueAt(value: string | null): string | null {
  if (value === null) {
    return null;
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? value : new Date(Math.floor(at / MINUTE) * MINUTE).toISOString();
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}

/** An ISO instant as a datetime-local value, in the browser's time zone. */
export function toLocalDateTime(iso: string | null): string {
  const at = iso === null ? NaN : Date.parse(iso);
  if (Number.isNaN(at)) {
    return '';
  }
  const d = new Date(at);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value (the browser's time zone) as an ISO instant; '' is no due date. */
export function fromLocalDateTime(local: string): string | null {
  if (!local) {
    return null;
  }
  // Without a zone, a date-time string is read in local time.
  const at = new Date(local).getTime();
  return Number.isNaN(at) ? null : canonicalDueAt(new Date(at).toISOString());
}

/** The finding's fields of a claim, with the due time to the minute. */
export function findingOf(claim: Finding): Finding {
  const { statement, kind, verdict, rationale, assignee } = claim;
  const { claimant, claimantType, claimDate, summary } = claim;
  return {
    statement,
    kind,
    verdict,
    rationale,
    assignee,
    claimant,
    claimantType,
    claimDate,
    summary,
    dueAt: canonicalDueAt(claim.dueAt),
  };
}

export function toFormValue(finding: Finding): FindingFormValue {
  return {
    ...findingOf(finding),
    rationale: finding.rationale ?? '',
    claimant: finding.claimant ?? '',
    claimDate: finding.claimDate ?? '',
    summary: finding.summary ?? '',
    dueAt: toLocalDateTime(finding.dueAt),
  };
}

/** What the form means, as the server would store it. */
export function fromFormValue(value: FindingFormValue): Finding {
  return {
    statement: value.statement.trim(),
    kind: value.kind,
    verdict: value.verdict,
    rationale: value.rationale.trim() || null,
    assignee: value.assignee,
    claimant: value.claimant.trim() || null,
    claimantType: value.claimantType,
    claimDate: value.claimDate || null,
    summary: value.summary.trim() || null,
    dueAt: fromLocalDateTime(value.dueAt),
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
export function rebase(base: FindingBase, typed: Finding, claim: ClaimSummary): FindingBase {
  if (claim.version < base.version) {
    return base;
  }
  const live = findingOf(claim);
  // The same version with different values is this person's own optimistic update, not yet saved.
  const confirmed = claim.version > base.version;
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
  return { version: collision ? base.version : claim.version, finding: finding as Finding };
}

/** The form after a rebase: fields the person did not touch show the claim's value. */
export function followUntouched(base: Finding, typed: Finding, claim: Finding): Finding {
  const live = findingOf(claim);
  const entries = FINDING_FIELDS.map((field) => [
    field,
    typed[field] === base[field] ? live[field] : typed[field],
  ]);
  return Object.fromEntries(entries) as Finding;
}

/**
 * Why each locked field is locked, in words. A reason that locks every field
 * alike (an archived article) is `all`, said once above the fields instead of
 * under each.
 */
export function lockedReasons(decisions: Readonly<Record<FindingField, Decision>>): {
  all: string | null;
  byField: Record<FindingField, string | null>;
} {
  const messages = FINDING_FIELDS.map((field) => {
    const decision = decisions[field];
    return decision.allowed ? null : decision.refusal.message;
  });
  const all = messages.every((message) => message !== null && message === messages[0])
    ? messages[0]
    : null;
  const byField = Object.fromEntries(
    FINDING_FIELDS.map((field, index) => [field, all === null ? messages[index] : null]),
  ) as Record<FindingField, string | null>;
  return { all, byField };
}

export const FINDING_LABELS: Readonly<Record<FindingField, string>> = {
  statement: 'Statement',
  kind: 'Kind',
  verdict: 'Verdict',
  rationale: 'Rationale',
  assignee: 'Assignee',
  claimant: 'Claimant',
  claimantType: 'Claimant type',
  claimDate: 'Claim date',
  summary: 'Summary',
  dueAt: 'Due',
};

export const CLAIMANT_TYPE_LABELS: Readonly<Record<ClaimantType, string>> = {
  Person: 'Person',
  Organization: 'Organisation',
};

const dueFormat = madeOnFirstUse(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }),
);
const dueShortFormat = madeOnFirstUse(
  () =>
    new Intl.DateTimeFormat(undefined, {
      day: 'numeric',
      month: 'short',
      hour: 'numeric',
      minute: '2-digit',
    }),
);
const dateFormat = madeOnFirstUse(
  () => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeZone: 'UTC' }),
);

/** A due time in the browser's locale and time zone ("5 Mar 2027, 17:00"). */
export function dueWords(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : dueFormat().format(at);
}

/** A due time for a table cell, without the year ("5 Mar, 17:00"). */
export function dueShortWords(iso: string): string {
  const at = Date.parse(iso);
  return Number.isNaN(at) ? iso : dueShortFormat().format(at);
}

/** A YYYY-MM-DD date in the browser's locale; it names a day, not an instant, so read as UTC. */
export function dateWords(date: string): string {
  const at = Date.parse(`${date}T00:00:00Z`);
  return Number.isNaN(at) ? date : dateFormat().format(at);
}

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
    case 'claimant':
      return finding.claimant ?? 'Not said yet';
    case 'claimantType':
      return CLAIMANT_TYPE_LABELS[finding.claimantType];
    case 'claimDate':
      return finding.claimDate ? dateWords(finding.claimDate) : 'Not said yet';
    case 'summary':
      return finding.summary ?? 'No summary';
    case 'dueAt':
      return finding.dueAt ? dueWords(finding.dueAt) : 'No due date';
  }
}
