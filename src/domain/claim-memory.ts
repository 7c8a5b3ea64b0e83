/**
 * Claim memory (issue 11): who may mark a claim as a repeat of an earlier check and
 * adopt that check. Pure, so that the dashboard disables what the server refuses, with
 * the same sentence.
 */
import type { ClaimSummary } from './claim';
import { Actor, canEditField, Decision, isEditorial, STAGE_LABELS } from './workflow';

/** `PUT /api/claims/:id/repeat-of` */
export interface RepeatOfRequest {
  readonly claimId: string;
}

/** History actions of claim memory (`HistoryEntry.action`). */
export const MEMORY_ACTIONS = {
  markRepeat: 'mark_repeat',
  unmarkRepeat: 'unmark_repeat',
  adopt: 'adopt',
} as const;

const ALLOWED: Decision = { allowed: true };

/**
 * Saying what a claim is (a repeat of an earlier check) is an editor's call, like its
 * statement; an approved claim is published as it stands, so it is reopened first.
 */
export function canMarkRepeat(claim: Pick<ClaimSummary, 'stage'>, actor: Actor): Decision {
  if (!isEditorial(actor.role)) {
    return {
      allowed: false,
      refusal: { code: 'field_role', message: 'Only an editor can mark a claim as a repeat.' },
    };
  }
  if (claim.stage === 'approved') {
    return {
      allowed: false,
      refusal: {
        code: 'field_locked',
        message: `Whether the claim repeats an earlier one cannot change while it is ${STAGE_LABELS.approved.toLowerCase()}: reopen it first.`,
      },
    };
  }
  return ALLOWED;
}

/** The finding fields an adoption writes, each under its own field rules. */
export const ADOPTED_FIELDS = ['verdict', 'rationale', 'evidence'] as const;

/**
 * Adopting writes the verdict, rationale and evidence: allowed to whoever may change
 * all three now (a researcher while the finding is open). `field` names the one at fault.
 */
export function canAdopt(
  claim: Pick<ClaimSummary, 'stage'>,
  actor: Actor,
): Decision & { readonly field?: (typeof ADOPTED_FIELDS)[number] } {
  for (const field of ADOPTED_FIELDS) {
    const decision = canEditField(claim, actor, field);
    if (!decision.allowed) {
      return { ...decision, field };
    }
  }
  return ALLOWED;
}
