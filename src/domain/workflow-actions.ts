/**
 * The workflow's actions: from which stages each leads where, who may take it, what it
 * asks for, and what it changes on the claim.
 */
import {
  type Actor,
  ALLOWED,
  type Decision,
  type Refusal,
  refuse,
  rolePhrase,
  stagePhrase,
  type WorkflowClaim,
} from './workflow-decision';
import {
  type Action,
  ACTION_LABELS,
  ACTIONS,
  DISMISS_REASONS,
  type DismissReason,
  EDITORIAL_ROLES,
  RESEARCH_ROLES,
  type Role,
  type Stage,
  STAGE_LABELS,
} from './workflow-vocabulary';

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

export interface ActionInput {
  readonly note?: string | null;
  readonly reason?: DismissReason | null;
  /** For `start`: who will research the claim (defaults to the actor). */
  readonly assignee?: string | null;
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
