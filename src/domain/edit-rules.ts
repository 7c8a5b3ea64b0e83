/**
 * Who may edit what, and when: the claim's fields people change directly (the stage moves
 * only through actions), an archived article's claims, an article's own details.
 */
import {
  type Actor,
  ALLOWED,
  type Decision,
  type Refusal,
  refuse,
  rolePhrase,
  type WorkflowClaim,
} from './workflow-decision';
import {
  EDITORIAL_ROLES,
  isEditorial,
  RESEARCH_ROLES,
  type Role,
  type Stage,
  STAGE_LABELS,
} from './workflow-vocabulary';

/** The refusal for any change to a claim of an archived article. */
export const ARCHIVED_REFUSAL: Refusal = {
  code: 'archived',
  message: 'This article is archived, so its claims are read-only: un-archive it first.',
};

/** Only editors and admins change an article's metadata or archive it. */
export function canEditArticle(actor: Actor): Decision {
  return isEditorial(actor.role)
    ? ALLOWED
    : refuse('role', 'Only an editor can change or archive an article.');
}

/** Claim fields people edit directly (the stage moves only through actions). */
export const EDITABLE_FIELDS = [
  'statement',
  'kind',
  'verdict',
  'rationale',
  'assignee',
  'evidence',
  'dueAt',
  'claimant',
  'claimantType',
  'claimDate',
  'summary',
] as const;
export type EditableField = (typeof EDITABLE_FIELDS)[number];

export const FIELD_LABELS: Readonly<Record<EditableField, string>> = {
  statement: 'statement',
  kind: 'kind',
  verdict: 'verdict',
  rationale: 'rationale',
  assignee: 'assignee',
  evidence: 'evidence',
  dueAt: 'due date',
  claimant: 'claimant',
  claimantType: 'claimant type',
  claimDate: 'claim date',
  summary: 'summary',
};

/** The fields of the finding beside the verdict: who said it, when, and how it will be published. */
const FINDING_OPEN_STAGES: readonly Stage[] = ['new', 'researching', 'changes_requested'];
/** Deadlines matter until the check is settled. */
const UNSETTLED_STAGES: readonly Stage[] = ['new', 'researching', 'changes_requested', 'in_review'];

/** What the claim says is an editor's call; the finding is the researcher's. */
const FIELD_ROLES: Readonly<Record<EditableField, readonly Role[]>> = {
  statement: EDITORIAL_ROLES,
  kind: EDITORIAL_ROLES,
  verdict: RESEARCH_ROLES,
  rationale: RESEARCH_ROLES,
  assignee: RESEARCH_ROLES,
  evidence: RESEARCH_ROLES,
  // Deadlines are the desk's planning: editors set them.
  dueAt: EDITORIAL_ROLES,
  claimant: RESEARCH_ROLES,
  claimantType: RESEARCH_ROLES,
  claimDate: RESEARCH_ROLES,
  summary: RESEARCH_ROLES,
};

/**
 * Stages in which a field may change. A finding under review or approved is
 * frozen: changing it goes through request changes or reopen, so the history
 * shows why.
 */
const FIELD_OPEN_STAGES: Readonly<Record<EditableField, readonly Stage[]>> = {
  statement: ['new', 'researching', 'changes_requested', 'in_review', 'dismissed'],
  kind: ['new', 'researching', 'changes_requested', 'in_review', 'dismissed'],
  verdict: ['new', 'researching', 'changes_requested'],
  rationale: ['new', 'researching', 'changes_requested'],
  assignee: ['new', 'researching', 'changes_requested', 'in_review'],
  evidence: FINDING_OPEN_STAGES,
  dueAt: UNSETTLED_STAGES,
  claimant: FINDING_OPEN_STAGES,
  claimantType: FINDING_OPEN_STAGES,
  claimDate: FINDING_OPEN_STAGES,
  summary: FINDING_OPEN_STAGES,
};

export function canEditField(
  claim: Pick<WorkflowClaim, 'stage'>,
  actor: Actor,
  field: EditableField,
): Decision {
  if (!FIELD_ROLES[field].includes(actor.role)) {
    return refuse(
      'field_role',
      `Only ${rolePhrase(FIELD_ROLES[field])} can change the ${FIELD_LABELS[field]}.`,
    );
  }
  if (!FIELD_OPEN_STAGES[field].includes(claim.stage)) {
    const how =
      field === 'dueAt'
        ? 'a settled check has no deadline'
        : claim.stage === 'approved'
          ? 'reopen it first'
          : claim.stage === 'in_review'
            ? 'request changes first'
            : 'restore it first';
    return refuse(
      'field_locked',
      `The ${FIELD_LABELS[field]} cannot change while the claim is ${STAGE_LABELS[claim.stage].toLowerCase()}: ${how}.`,
    );
  }
  return ALLOWED;
}
