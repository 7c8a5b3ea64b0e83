import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatIcon } from '@angular/material/icon';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { dueState, DueState, timeInStageWords } from '../../domain/deadline';
import { DeskClaim } from '../../domain/desk';
import { STAGE_LABELS } from '../../domain/workflow';
import { usersFeature } from '../users/state/users.feature';
import { Clock } from './clock';
import { DeskListView } from './state/desk.feature';

/** The due date in the browser's own language and way of writing dates. */
const DUE_FORMAT = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' });

/** A claim as a row says it. */
export interface DeskRow {
  readonly claim: DeskClaim;
  /** What the claim says: its summary for publication when it has one. */
  readonly text: string;
  readonly stage: string;
  readonly due: DueState;
  /** "12 Nov 2026, 14:00" in the reader's locale, or null without a due date. */
  readonly dueDate: string | null;
  readonly inStage: string;
  readonly assignee: string | null;
}

export function deskRow(
  claim: DeskClaim,
  now: number,
  names: ReadonlyMap<string, string> = new Map(),
): DeskRow {
  const due = Date.parse(claim.dueAt ?? '');
  return {
    claim,
    text: claim.summary ?? claim.statement,
    stage: STAGE_LABELS[claim.stage],
    due: dueState(claim, now),
    dueDate: Number.isNaN(due) ? null : DUE_FORMAT.format(due),
    inStage: timeInStageWords(claim, now),
    assignee: claim.assignee ? (names.get(claim.assignee) ?? claim.assignee) : null,
  };
}

/**
 * One list of claims across articles: a queue of My work, or the claims page.
 * Each row opens the claim in its article's workspace; checkboxes pick claims
 * for the selection bar.
 */
@Component({
  selector: 'cd-desk-claim-list',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatCheckbox, MatIcon, MatProgressBar, RouterLink],
  templateUrl: './desk-claim-list.html',
  styleUrl: './desk-claim-list.scss',
})
export class DeskClaimList {
  /** What the list is, for labels: "Waiting for your review". */
  readonly label = input.required<string>();
  readonly view = input.required<DeskListView>();
  /** Said when the list is empty. */
  readonly empty = input.required<string>();
  readonly selectedIds = input<ReadonlySet<string>>(new Set());
  readonly showMore = output<void>();
  readonly retry = output<void>();
  readonly selectionChange = output<{ ids: readonly string[]; selected: boolean }>();

  private readonly clock = inject(Clock);
  private readonly names = inject(Store).selectSignal(usersFeature.selectDisplayNames);

  protected readonly rows = computed(() => {
    const now = this.clock.now();
    const names = this.names();
    return this.view().claims.map((claim) => deskRow(claim, now, names));
  });
  protected readonly selectedCount = computed(
    () => this.view().claims.filter((claim) => this.selectedIds().has(claim.id)).length,
  );
  protected readonly allSelected = computed(
    () => this.rows().length > 0 && this.selectedCount() === this.rows().length,
  );
  protected readonly shownWords = computed(() => {
    const { claims, total } = this.view();
    if (total === null) {
      return '';
    }
    const noun = total === 1 ? 'claim' : 'claims';
    return claims.length < total
      ? `${claims.length} of ${total} ${noun} shown`
      : `${total} ${noun}`;
  });

  protected toggleAll(selected: boolean): void {
    this.selectionChange.emit({ ids: this.view().claims.map((claim) => claim.id), selected });
  }

  protected toggle(id: string, selected: boolean): void {
    this.selectionChange.emit({ ids: [id], selected });
  }
}
