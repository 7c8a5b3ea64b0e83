import { ClaimSummary } from '../../domain/claim';
import {
  ACTION_LABELS,
  ACTION_RULES,
  ACTIONS,
  Action,
  Actor,
  EditableField,
  canEditField,
  canTakeAction,
} from '../../domain/workflow';

/** A change the bar offers: how many of the selection it applies to, of how many. */
export interface BulkChoice {
  readonly applies: number;
  readonly total: number;
  /** "Approve (3 of 5)". */
  readonly label: string;
}

export interface BulkActionChoice extends BulkChoice {
  readonly action: Action;
  /** What the action asks for once for the whole batch. */
  readonly requires: 'note' | 'reason' | null;
}

export interface BulkChoices {
  /** Null when the person's role may not change the assignee at all. */
  readonly assign: BulkChoice | null;
  /** Null when the person's role may not set due dates (editors and admins do). */
  readonly due: BulkChoice | null;
  /** The workflow actions that apply to at least one selected claim, in workflow order. */
  readonly actions: readonly BulkActionChoice[];
}

const NONE: BulkChoices = { assign: null, due: null, actions: [] };

function choice(name: string, applies: number, total: number): BulkChoice {
  return { applies, total, label: `${name} (${applies} of ${total})` };
}

/**
 * A field choice is offered when the role may change the field; it applies to the
 * claims whose stage lets it change (the rule in src/domain/workflow.ts decides both).
 */
function fieldChoice(
  claims: readonly ClaimSummary[],
  actor: Actor,
  field: EditableField,
  name: string,
): BulkChoice | null {
  const decisions = claims.map((claim) => canEditField(claim, actor, field));
  if (decisions.every((d) => !d.allowed && d.refusal.code === 'field_role')) {
    return null;
  }
  return choice(name, decisions.filter((d) => d.allowed).length, claims.length);
}

/** What the bar offers `actor` for the selected `claims`, each rule checked claim by claim. */
export function bulkChoices(claims: readonly ClaimSummary[], actor: Actor | null): BulkChoices {
  if (actor === null || claims.length === 0) {
    return NONE;
  }
  const actions = ACTIONS.map((action): BulkActionChoice => {
    const applies = claims.filter((claim) => canTakeAction(claim, actor, action).allowed).length;
    return {
      ...choice(ACTION_LABELS[action], applies, claims.length),
      action,
      requires: ACTION_RULES[action].requires,
    };
  }).filter((option) => option.applies > 0);
  return {
    assign: fieldChoice(claims, actor, 'assignee', 'Assign'),
    due: fieldChoice(claims, actor, 'dueAt', 'Due date'),
    actions,
  };
}
