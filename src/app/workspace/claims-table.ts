import { DatePipe } from '@angular/common';
import { ScrollingModule, CdkVirtualScrollViewport } from '@angular/cdk/scrolling';
import {
  ChangeDetectionStrategy,
  Component,
  effect,
  input,
  output,
  viewChild,
} from '@angular/core';
import { CLAIM_KIND_LABELS, ClaimSummary } from '../../domain/claim';
import { VERDICT_DEFINITIONS } from '../../domain/verdicts';
import { STAGE_LABELS } from '../../domain/workflow';
import { SortKey } from './claim-filter';

interface Column {
  readonly key: SortKey;
  readonly label: string;
}

/**
 * The claims as a virtually scrolled table: only the rows in view are in the
 * DOM, so thousands of claims scroll as smoothly as forty.
 */
@Component({
  selector: 'cd-claims-table',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, ScrollingModule],
  template: `
    <div role="table" aria-label="Claims" [attr.aria-rowcount]="claims().length + 1" class="table">
      <div role="rowgroup">
        <div role="row" class="row header">
          @for (column of columns; track column.key) {
            <div
              role="columnheader"
              [class]="'cell ' + column.key"
              [attr.aria-sort]="
                sort() === column.key ? (descending() ? 'descending' : 'ascending') : 'none'
              "
            >
              <button type="button" class="sort" (click)="sortBy(column.key)">
                {{ column.label }}
                @if (sort() === column.key) {
                  <span aria-hidden="true">{{ descending() ? '▼' : '▲' }}</span>
                }
              </button>
            </div>
          }
        </div>
      </div>
      <cdk-virtual-scroll-viewport itemSize="76" class="viewport" role="rowgroup">
        <div
          *cdkVirtualFor="let claim of claims(); let index = index; trackBy: trackById"
          role="row"
          class="row"
          tabindex="0"
          [id]="'claim-row-' + claim.id"
          [attr.aria-rowindex]="index + 2"
          [attr.aria-selected]="claim.id === selectedId()"
          [class.selected]="claim.id === selectedId()"
          (click)="selected.emit(claim.id)"
          (keydown.enter)="selected.emit(claim.id)"
        >
          <div role="cell" class="cell quote">“{{ claim.quote }}”</div>
          <div role="cell" class="cell statement">{{ claim.statement }}</div>
          <div role="cell" class="cell stage">
            <span [class]="'chip stage-' + claim.stage">{{ stageLabels[claim.stage] }}</span>
          </div>
          <div role="cell" class="cell verdict">
            @if (claim.verdict) {
              <span
                class="chip verdict-chip"
                [style.--verdict-color]="
                  'var(--cd-verdict-' + verdicts[claim.verdict].colorToken + ')'
                "
              >
                {{ verdicts[claim.verdict].label }}
              </span>
            } @else {
              <span class="muted">No verdict</span>
            }
          </div>
          <div role="cell" class="cell assignee">{{ claim.assignee ?? '—' }}</div>
          <div
            role="cell"
            class="cell evidence"
            [attr.aria-label]="claim.evidenceCount + ' evidence links'"
          >
            {{ claim.evidenceCount }}
          </div>
          <div role="cell" class="cell notes" [attr.aria-label]="claim.noteCount + ' notes'">
            {{ claim.noteCount }}
          </div>
          <div role="cell" class="cell updated">
            <time [attr.datetime]="claim.updatedAt">{{
              claim.updatedAt | date: 'd MMM HH:mm'
            }}</time>
          </div>
        </div>
      </cdk-virtual-scroll-viewport>
    </div>
  `,
  styleUrl: './claims-table.scss',
})
export class ClaimsTable {
  readonly claims = input.required<readonly ClaimSummary[]>();
  readonly selectedId = input<string | null>(null);
  readonly sort = input<SortKey>('position');
  readonly descending = input(false);
  readonly selected = output<string>();
  readonly sortChanged = output<{ sort: SortKey; descending: boolean }>();

  private readonly viewport = viewChild(CdkVirtualScrollViewport);
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly verdicts = VERDICT_DEFINITIONS;
  protected readonly columns: readonly Column[] = [
    { key: 'quote', label: 'Quote' },
    { key: 'statement', label: 'Statement' },
    { key: 'stage', label: 'Stage' },
    { key: 'verdict', label: 'Verdict' },
    { key: 'assignee', label: 'Assignee' },
    { key: 'evidence', label: 'Evidence' },
    { key: 'notes', label: 'Notes' },
    { key: 'updated', label: 'Updated' },
  ];

  constructor() {
    // A claim selected in the article is scrolled into view here.
    effect(() => {
      const id = this.selectedId();
      const index = id === null ? -1 : this.claims().findIndex((c) => c.id === id);
      const viewport = this.viewport();
      if (index < 0 || !viewport) {
        return;
      }
      const { start, end } = viewport.getRenderedRange();
      if (index <= start || index >= end - 1) {
        viewport.scrollToIndex(Math.max(0, index - 1), 'smooth');
      }
    });
  }

  protected trackById(_index: number, claim: ClaimSummary): string {
    return claim.id;
  }

  protected sortBy(key: SortKey): void {
    const descending = this.sort() === key ? !this.descending() : false;
    this.sortChanged.emit(
      this.sort() === key && this.descending()
        ? { sort: 'position', descending: false }
        : { sort: key, descending },
    );
  }
}
