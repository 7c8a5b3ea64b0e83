/**
 * The words of the editorial workflow: its stages, roles, actions and dismiss reasons,
 * their labels, and what can be told from a stage alone (settled, overdue).
 */

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
export const EDITORIAL_ROLES: readonly Role[] = ['editor', 'admin'];
/** Roles that research a claim: everyone. */
export const RESEARCH_ROLES: readonly Role[] = ['fact_checker', 'editor', 'admin'];

export function isEditorial(role: Role): boolean {
  return EDITORIAL_ROLES.includes(role);
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
