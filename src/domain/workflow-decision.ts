/**
 * Who asks, about which claim, and how the rules answer: allowed, or refused with a code
 * for programs and a sentence for people (on a disabled control and in API errors).
 */
import { Verdict } from './verdicts';
import { type Role, type Stage, STAGE_LABELS } from './workflow-vocabulary';

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

export const ALLOWED: Decision = { allowed: true };

export function refuse(code: RefusalCode, message: string): Decision {
  return { allowed: false, refusal: { code, message } };
}

/** "a fact-checker or an editor": who may, for a refusal. */
export function rolePhrase(roles: readonly Role[]): string {
  return roles.includes('fact_checker') ? 'a fact-checker or an editor' : 'an editor';
}

/** "new, researching or changes requested": where an action applies, for a refusal. */
export function stagePhrase(stages: readonly Stage[]): string {
  const labels = stages.map((stage) => STAGE_LABELS[stage].toLowerCase());
  return labels.length === 1
    ? labels[0]
    : `${labels.slice(0, -1).join(', ')} or ${labels[labels.length - 1]}`;
}
