/**
 * Deadlines and time in stage in words ("Overdue by 2 days", "in review for 3 d"),
 * so that the table, the queues, the claim panel and the reports say them alike.
 */
import { isOverdue, Stage, STAGE_LABELS } from './workflow';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** "2 days", "1 hour", "5 minutes": the largest whole unit, at least a minute. */
export function durationWords(ms: number): string {
  const abs = Math.max(0, ms);
  const [count, unit] =
    abs >= DAY
      ? [Math.floor(abs / DAY), 'day']
      : abs >= HOUR
        ? [Math.floor(abs / HOUR), 'hour']
        : [Math.max(1, Math.floor(abs / MINUTE)), 'minute'];
  return `${count} ${unit}${count === 1 ? '' : 's'}`;
}

/** "3 d", "5 h", "12 min": for dense tables. */
export function shortDuration(ms: number): string {
  const abs = Math.max(0, ms);
  if (abs >= DAY) return `${Math.floor(abs / DAY)} d`;
  if (abs >= HOUR) return `${Math.floor(abs / HOUR)} h`;
  return `${Math.max(1, Math.floor(abs / MINUTE))} min`;
}

export interface DueState {
  readonly overdue: boolean;
  /** "Overdue by 2 days", "Due in 5 hours", or null without a due date or once settled. */
  readonly words: string | null;
}

export function dueState(
  claim: { readonly dueAt: string | null; readonly stage: Stage },
  now: Date | number = Date.now(),
): DueState {
  if (claim.dueAt === null) {
    return { overdue: false, words: null };
  }
  const due = Date.parse(claim.dueAt);
  if (Number.isNaN(due)) {
    return { overdue: false, words: null };
  }
  if (isOverdue(claim, now)) {
    return { overdue: true, words: `Overdue by ${durationWords(+now - due)}` };
  }
  if (claim.stage === 'approved' || claim.stage === 'dismissed') {
    return { overdue: false, words: null };
  }
  return { overdue: false, words: `Due in ${durationWords(due - +now)}` };
}

/** "In review for 3 d": how long the claim has been in its stage. */
export function timeInStageWords(
  claim: { readonly stage: Stage; readonly stageSince: string },
  now: Date | number = Date.now(),
): string {
  const since = Date.parse(claim.stageSince);
  const elapsed = Number.isNaN(since) ? 0 : +now - since;
  return `${STAGE_LABELS[claim.stage]} for ${shortDuration(elapsed)}`;
}
