/**
 * The desk: claims across articles (`GET /api/claims`), the "My work" queues
 * built on it, and bulk changes (`POST /api/claims/bulk`). One home for these
 * shapes and rules, imported by the dashboard and the server.
 */
import { ClaimSummary } from './claim';
import { Verdict } from './verdicts';
import { Action, DismissReason, Role, Stage, STAGE_LABELS, isEditorial } from './workflow';

/** A claim as the desk lists it: the summary plus the article it belongs to. */
export interface DeskClaim extends ClaimSummary {
  readonly articleHeadline: string;
}

export const DESK_SORTS = ['due', 'updated', 'stage', 'article'] as const;
export type DeskSort = (typeof DESK_SORTS)[number];

export const DESK_PAGE_DEFAULT = 50;
export const DESK_PAGE_MAX = 200;

/** The query parameters of `GET /api/claims`, as the dashboard sends them and the server reads them. */
export interface DeskQuery {
  /** A username, `me` or `none`. */
  readonly assignee?: string;
  /** Leaves out the claims this person (a username or `me`) submitted: a reviewer's queue. */
  readonly notSubmittedBy?: string;
  readonly stage?: readonly Stage[];
  readonly verdict?: readonly (Verdict | 'none')[];
  readonly overdue?: boolean;
  /** ISO 8601 date-time: claims due before it. */
  readonly dueBefore?: string;
  readonly article?: string;
  readonly q?: string;
  readonly sort?: DeskSort;
  readonly dir?: 'asc' | 'desc';
  readonly limit?: number;
  readonly cursor?: string;
  readonly archived?: boolean;
}

export interface DeskPage {
  readonly items: readonly DeskClaim[];
  readonly nextCursor: string | null;
  readonly total: number;
}

/** A query as URL parameters: lists comma-separated, flags `1`, defaults left out. */
export function deskQueryParams(query: DeskQuery): Record<string, string> {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(query) as [string, unknown][]) {
    if (value === undefined || value === false || value === '') {
      continue;
    }
    if (Array.isArray(value)) {
      if (value.length > 0) {
        params[key] = value.join(',');
      }
    } else {
      params[key] = value === true ? '1' : String(value);
    }
  }
  return params;
}

/** The lists of "My work": each a desk query with a title, in the order people read them. */
export const QUEUE_IDS = [
  'sent_back',
  'researching',
  'assigned_new',
  'awaiting_review',
  'overdue',
  'unassigned',
] as const;
export type QueueId = (typeof QUEUE_IDS)[number];

export interface Queue {
  readonly id: QueueId;
  readonly title: string;
  /** Said when the list is empty. */
  readonly empty: string;
  readonly query: DeskQuery;
}

const QUEUES: Readonly<Record<QueueId, Queue>> = {
  sent_back: {
    id: 'sent_back',
    title: 'Sent back to you',
    empty: 'Nothing was sent back to you.',
    query: { assignee: 'me', stage: ['changes_requested'], sort: 'due' },
  },
  researching: {
    id: 'researching',
    title: 'You are researching',
    empty: 'You are researching nothing right now.',
    query: { assignee: 'me', stage: ['researching'], sort: 'due' },
  },
  assigned_new: {
    id: 'assigned_new',
    title: 'New, assigned to you',
    empty: 'No new claims are assigned to you.',
    query: { assignee: 'me', stage: ['new'], sort: 'due' },
  },
  awaiting_review: {
    id: 'awaiting_review',
    title: 'Waiting for your review',
    empty: 'Nothing waits for your review.',
    // Oldest first: the claim that has waited longest in review comes first.
    query: { stage: ['in_review'], notSubmittedBy: 'me', sort: 'stage', dir: 'asc' },
  },
  overdue: {
    id: 'overdue',
    title: 'Overdue across the desk',
    empty: 'Nothing is overdue.',
    query: { overdue: true, sort: 'due' },
  },
  unassigned: {
    id: 'unassigned',
    title: 'New, nobody assigned',
    empty: 'Every new claim has someone on it.',
    query: { assignee: 'none', stage: ['new'], sort: 'updated', dir: 'asc' },
  },
};

/** A fact-checker's lists; editors and admins get the reviewer's. */
export function queuesFor(role: Role): readonly Queue[] {
  const ids: readonly QueueId[] = isEditorial(role)
    ? ['awaiting_review', 'overdue', 'unassigned']
    : ['sent_back', 'researching', 'assigned_new'];
  return ids.map((id) => QUEUES[id]);
}

export function queueById(id: QueueId): Queue {
  return QUEUES[id];
}

/* Bulk changes. */

export const BULK_MAX_IDS = 500;
/** How long the author of a batch may undo it. */
export const BULK_UNDO_WINDOW_MS = 60 * 60 * 1000;

export type BulkOp =
  | { readonly type: 'assign'; readonly assignee: string | null }
  | { readonly type: 'due'; readonly dueAt: string | null }
  | {
      readonly type: 'transition';
      readonly action: Action;
      readonly note?: string;
      readonly reason?: DismissReason;
      readonly verdict?: Verdict;
    };

export interface BulkRequest {
  readonly ids: readonly string[];
  readonly op: BulkOp;
}

/** A problem document as the API sends it (RFC 9457), as far as the dashboard reads it. */
export interface ProblemDocument {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly field?: string;
  readonly code?: string;
}

export interface BulkItemResult {
  readonly id: string;
  /** The HTTP status the same change alone would have had. */
  readonly status: number;
  readonly claim?: ClaimSummary;
  readonly problem?: ProblemDocument;
}

export interface BulkResponse {
  readonly batchId: string;
  readonly results: readonly BulkItemResult[];
}

/** What a batch did to each claim it changed, as a participle: "7 approved". */
const ACTION_DONE: Readonly<Record<Action, string>> = {
  start: 'started',
  submit: 'submitted',
  request_changes: 'sent back',
  approve: 'approved',
  reopen: 'reopened',
  dismiss: 'dismissed',
  restore: 'restored',
};

function doneWords(op: BulkOp, count: number): string {
  switch (op.type) {
    case 'assign':
      return `${count} ${op.assignee === null ? 'unassigned' : 'assigned'}`;
    case 'due':
      return op.dueAt === null
        ? `${count} due date${count === 1 ? '' : 's'} cleared`
        : `${count} given a due date`;
    case 'transition':
      return `${count} ${ACTION_DONE[op.action]}`;
  }
}

/**
 * A refusal short enough for a batch's summary, by its code: the detail names the
 * stage, person or version claim by claim, so the same reason would repeat
 * (the details list keeps each claim's own sentence).
 */
const REFUSAL_SHORT: Readonly<Record<string, string>> = {
  role: 'not for your role',
  field_role: 'not for your role',
  maker_checker: 'you submitted them',
  needs_verdict: 'no verdict yet',
  needs_rationale: 'no rationale yet',
  needs_evidence: 'no evidence yet',
  needs_note: 'a note is needed',
  needs_reason: 'a reason is needed',
  archived: 'article archived',
  stale: 'changed since',
  changed_since: 'changed since',
  not_found: 'not found',
};

/** "already approved", "in review", …: why a claim's stage refused the change. */
function stageRefusal(stage: Stage | undefined): string {
  if (stage === 'approved' || stage === 'dismissed') {
    return `already ${STAGE_LABELS[stage].toLowerCase()}`;
  }
  return stage ? `${STAGE_LABELS[stage].toLowerCase()}` : 'not in a stage that allows it';
}

export function refusalShort(result: BulkItemResult): string {
  const code = result.problem?.code;
  if (code === 'wrong_stage' || code === 'field_locked') {
    return stageRefusal(result.claim?.stage);
  }
  if (code !== undefined && Object.hasOwn(REFUSAL_SHORT, code)) {
    return REFUSAL_SHORT[code];
  }
  if (result.status === 404) {
    return 'not found';
  }
  return (result.problem?.detail ?? result.problem?.title ?? 'refused').replace(/\.$/, '');
}

/** "7 assigned; 2 refused: already approved": a batch's outcome in words. */
export function bulkOutcomeWords(op: BulkOp, results: readonly BulkItemResult[]): string {
  const done = results.filter((result) => result.status === 200).length;
  const refused = results.filter((result) => result.status !== 200);
  return withRefusals(doneWords(op, done), refused, 'refused');
}

/** "Undone for 7; 1 left alone: changed since": an undo's outcome in words. */
export function undoOutcomeWords(results: readonly BulkItemResult[]): string {
  const done = results.filter((result) => result.status === 200).length;
  const left = results.filter((result) => result.status !== 200);
  return withRefusals(done === 0 ? 'Nothing undone' : `Undone for ${done}`, left, 'left alone');
}

function withRefusals(done: string, refused: readonly BulkItemResult[], verb: string): string {
  if (refused.length === 0) {
    return done;
  }
  const reasons = [...new Set(refused.map(refusalShort))].join('; ');
  return `${done}; ${refused.length} ${verb}: ${reasons}`;
}

/* The desk's statistics (`GET /api/desk/stats`), for the overview's charts. */

/** How many weeks of approvals the statistics go back. */
export const STATS_WEEKS = 12;

export interface DeskStats {
  /**
   * Median hours claims spent in each stage, over the stretches that ended in the
   * last STATS_WEEKS weeks; an unsettled claim's current stretch counts up to now.
   * Null where there is no stretch to measure.
   */
  readonly medianHoursInStage: Readonly<Record<Stage, number | null>>;
  /** Oldest first, the last STATS_WEEKS weeks, weeks without approvals included. */
  readonly approvedPerWeek: readonly { readonly week: string; readonly count: number }[];
  readonly overdue: {
    readonly total: number;
    readonly byStage: Readonly<Record<Stage, number>>;
    readonly byAssignee: readonly { readonly assignee: string | null; readonly count: number }[];
  };
}
