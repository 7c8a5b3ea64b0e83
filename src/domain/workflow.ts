/**
 * The editorial workflow: stages, roles, actions and who may take them.
 *
 * Pure TypeScript with no Angular or Node imports, so that the dashboard and the
 * server import the very same rules and can never disagree about them.
 */
import { Verdict } from './verdicts';

export const STAGES = [
  'new',
  'researching',
  'in_review',
  'changes_requested',
  'approved',
  'dismissed',
] as const;
export type Stage = (typeof STAGES)[number];

export const ROLES = ['fact_checker', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ACTIONS = [
  'start',
  'submit',
  'request_changes',
  'approve',
  'reopen',
  'dismiss',
  'restore',
] as const;
export type Action = (typeof ACTIONS)[number];

export const DISMISS_REASONS = ['opinion', 'prediction', 'not_check_worthy', 'duplicate'] as const;
export type DismissReason = (typeof DISMISS_REASONS)[number];

export const STAGE_LABELS: Readonly<Record<Stage, string>> = {
  new: 'New',
  researching: 'Researching',
  in_review: 'In review',
  changes_requested: 'Changes requested',
  approved: 'Approved',
  dismissed: 'Dismissed',
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  fact_checker: 'Fact-checker',
  editor: 'Editor',
  admin: 'Admin',
};

export const ACTION_LABELS: Readonly<Record<Action, string>> = {
  start: 'Start research',
  submit: 'Submit for review',
  request_changes: 'Request changes',
  approve: 'Approve',
  reopen: 'Reopen',
  dismiss: 'Dismiss',
  restore: 'Restore',
};

/** Past tense, for the history timeline ("Dana approved …"). */
export const ACTION_PAST_TENSE: Readonly<Record<Action, string>> = {
  start: 'started research on',
  submit: 'submitted',
  request_changes: 'requested changes on',
  approve: 'approved',
  reopen: 'reopened',
  dismiss: 'dismissed',
  restore: 'restored',
};

export const DISMISS_REASON_LABELS: Readonly<Record<DismissReason, string>> = {
  opinion: 'Opinion',
  prediction: 'Prediction',
  not_check_worthy: 'Not check-worthy',
  duplicate: 'Duplicate',
};

/** Roles that hold editorial authority: an admin can do all an editor can. */
const EDITORIAL_ROLES: readonly Role[] = ['editor', 'admin'];
const RESEARCH_ROLES: readonly Role[] = ['fact_checker', 'editor', 'admin'];

export interface ActionRule {
  readonly from: readonly Stage[];
  readonly to: Stage;
  readonly roles: readonly Role[];
  /** What the person must write when taking the action. */
  readonly requires: 'note' | 'reason' | null;
}

export const ACTION_RULES: Readonly<Record<Action, ActionRule>> = {
  start: { from: ['new'], to: 'researching', roles: RESEARCH_ROLES, requires: null },
  submit: {
    from: ['researching', 'changes_requested'],
    to: 'in_review',
    roles: RESEARCH_ROLES,
    requires: null,
  },
  request_changes: {
    from: ['in_review'],
    to: 'changes_requested',
    roles: EDITORIAL_ROLES,
    requires: 'note',
  },
  approve: { from: ['in_review'], to: 'approved', roles: EDITORIAL_ROLES, requires: null },
  reopen: { from: ['approved'], to: 'researching', roles: EDITORIAL_ROLES, requires: 'note' },
  dismiss: {
    from: ['new', 'researching', 'changes_requested'],
    to: 'dismissed',
    roles: EDITORIAL_ROLES,
    requires: 'reason',
  },
  restore: { from: ['dismissed'], to: 'new', roles: EDITORIAL_ROLES, requires: null },
};

/** The parts of a claim the rules look at. */
export interface WorkflowClaim {
  readonly stage: Stage;
  readonly verdict: Verdict | null;
  readonly rationale: string | null;
  readonly evidenceCount: number;
  readonly assignee: string | null;
  /** Who last submitted the claim for review: the maker in maker-checker. */
  readonly submittedBy: string | null;
}

export interface Actor {
  readonly username: string;
  readonly role: Role;
}

export interface ActionInput {
  readonly note?: string | null;
  readonly reason?: DismissReason | null;
  /** For `start`: who will research the claim (defaults to the actor). */
  readonly assignee?: string | null;
}

export type RefusalCode =
  | 'wrong_stage'
  | 'role'
  | 'maker_checker'
  | 'needs_verdict'
  | 'needs_rationale'
  | 'needs_evidence'
  | 'needs_note'
  | 'needs_reason'
  | 'field_role'
  | 'field_locked'
  | 'archived';

export interface Refusal {
  readonly code: RefusalCode;
  /** A sentence a person can read, shown on the disabled control and in API errors. */
  readonly message: string;
}

export type Decision =
  { readonly allowed: true } | { readonly allowed: false; readonly refusal: Refusal };

const ALLOWED: Decision = { allowed: true };

function refuse(code: RefusalCode, message: string): Decision {
  return { allowed: false, refusal: { code, message } };
}

export function isEditorial(role: Role): boolean {
  return EDITORIAL_ROLES.includes(role);
}

function rolePhrase(roles: readonly Role[]): string {
  return roles.includes('fact_checker') ? 'a fact-checker or an editor' : 'an editor';
}

function stagePhrase(stages: readonly Stage[]): string {
  const labels = stages.map((stage) => STAGE_LABELS[stage].toLowerCase());
  return labels.length === 1
    ? labels[0]
    : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}

function hasText(value: string | null | undefined): boolean {
  return typeof value === 'string' && value.trim().length > 0;
}

/**
 * Whether `actor` may take `action` on `claim` as it stands, not counting the
 * note or reason the action asks for (the UI asks for those in a dialog).
 */
export function canTakeAction(claim: WorkflowClaim, actor: Actor, action: Action): Decision {
  const rule = ACTION_RULES[action];
  if (!rule.from.includes(claim.stage)) {
    return refuse(
      'wrong_stage',
      `${ACTION_LABELS[action]} applies only to a claim that is ${stagePhrase(rule.from)}; this one is ${STAGE_LABELS[claim.stage].toLowerCase()}.`,
    );
  }
  if (!rule.roles.includes(actor.role)) {
    return refuse(
      'role',
      `Only ${rolePhrase(rule.roles)} can ${ACTION_LABELS[action].toLowerCase()}.`,
    );
  }
  if (action === 'approve' && claim.submittedBy !== null && claim.submittedBy === actor.username) {
    return refuse('maker_checker', 'You submitted this claim, so another editor must approve it.');
  }
  if (action === 'submit') {
    if (claim.verdict === null) {
      return refuse('needs_verdict', 'Choose a verdict before submitting.');
    }
    if (!hasText(claim.rationale)) {
      return refuse('needs_rationale', 'Write a rationale for the verdict before submitting.');
    }
    if (claim.verdict !== 'unproven' && claim.evidenceCount < 1) {
      return refuse('needs_evidence', 'Add at least one evidence link before submitting.');
    }
  }
  return ALLOWED;
}

/** The full check, including the note or reason the action requires. */
export function guardAction(
  claim: WorkflowClaim,
  actor: Actor,
  action: Action,
  input: ActionInput = {},
): Decision {
  const decision = canTakeAction(claim, actor, action);
  if (!decision.allowed) {
    return decision;
  }
  const required = ACTION_RULES[action].requires;
  if (required === 'note' && !hasText(input.note)) {
    return refuse('needs_note', `Write a note to ${ACTION_LABELS[action].toLowerCase()}.`);
  }
  if (required === 'reason' && (!input.reason || !DISMISS_REASONS.includes(input.reason))) {
    return refuse(
      'needs_reason',
      'Choose a reason to dismiss: opinion, prediction, not check-worthy or duplicate.',
    );
  }
  return ALLOWED;
}

/** Every action the stage admits, with whether this actor may take it now and why not. */
export interface ActionOption {
  readonly action: Action;
  readonly label: string;
  readonly decision: Decision;
}

export function actionOptions(claim: WorkflowClaim, actor: Actor): ActionOption[] {
  return ACTIONS.filter((action) => ACTION_RULES[action].from.includes(claim.stage)).map(
    (action) => ({
      action,
      label: ACTION_LABELS[action],
      decision: canTakeAction(claim, actor, action),
    }),
  );
}

/** The actions this actor may take on the claim now. */
export function allowedActions(claim: WorkflowClaim, actor: Actor): Action[] {
  return ACTIONS.filter((action) => canTakeAction(claim, actor, action).allowed);
}

/** What a permitted action changes on the claim. */
export interface TransitionOutcome {
  readonly stage: Stage;
  readonly assignee: string | null;
  readonly submittedBy: string | null;
  /** A reopened approval: the history marks it as a correction. */
  readonly correction: boolean;
}

export type TransitionResult =
  | { readonly ok: true; readonly outcome: TransitionOutcome }
  | { readonly ok: false; readonly refusal: Refusal };

export function applyAction(
  claim: WorkflowClaim,
  actor: Actor,
  action: Action,
  input: ActionInput = {},
): TransitionResult {
  const decision = guardAction(claim, actor, action, input);
  if (!decision.allowed) {
    return { ok: false, refusal: decision.refusal };
  }
  const named = input.assignee?.trim();
  const assignee = action === 'start' ? named || actor.username : claim.assignee;
  return {
    ok: true,
    outcome: {
      stage: ACTION_RULES[action].to,
      assignee,
      submittedBy: action === 'submit' ? actor.username : claim.submittedBy,
      correction: action === 'reopen',
    },
  };
}

export function isStage(value: unknown): value is Stage {
  return typeof value === 'string' && (STAGES as readonly string[]).includes(value);
}

export function isAction(value: unknown): value is Action {
  return typeof value === 'string' && (ACTIONS as readonly string[]).includes(value);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}

/** Claims whose check is finished, for progress bars. */
export function isSettled(stage: Stage): boolean {
  return stage === 'approved' || stage === 'dismissed';
}

/** A claim is overdue once its due time has passed and its check is not settled. */
export function isOverdue(
  claim: { readonly dueAt: string | null; readonly stage: Stage },
  now: Date | number = Date.now(),
): boolean {
  if (claim.dueAt === null || isSettled(claim.stage)) {
    return false;
  }
  const due = Date.parse(claim.dueAt);
  return !Number.isNaN(due) && due < +now;
}

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
