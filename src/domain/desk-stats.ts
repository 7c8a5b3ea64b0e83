/**
 * Desk statistics (`GET /api/desk/stats`), for the overview's charts: one
 * shape for the server that computes them and the dashboard that draws them.
 */
import { Stage } from './workflow';

/** Weeks of approvals the stats cover, the current one included. */
export const STATS_WEEKS = 12;

export interface DeskStats {
  /**
   * Median hours a claim spends in each stage, over the stretches that ended in
   * the last STATS_WEEKS weeks, plus the current stretch (up to now) of claims in
   * an unsettled stage; null for a stage no claim has been in.
   */
  readonly medianHoursInStage: Readonly<Record<Stage, number | null>>;
  /** Approvals per ISO week (Monday, YYYY-MM-DD, UTC), oldest first, weeks without any included. */
  readonly approvedPerWeek: readonly { readonly week: string; readonly count: number }[];
  /** Claims overdue now (see `isOverdue`): past their due date and neither approved nor dismissed. */
  readonly overdue: {
    readonly total: number;
    readonly byStage: Readonly<Record<Stage, number>>;
    /** Most first; `assignee` null for claims nobody is assigned to, after the people. */
    readonly byAssignee: readonly { readonly assignee: string | null; readonly count: number }[];
  };
}
