import {
  ChangeDetectionStrategy,
  Component,
  ElementRef,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { CLAIM_KIND_LABELS, CLAIM_KINDS } from '../../domain/claim';
import { VERDICT_DEFINITIONS, VERDICTS } from '../../domain/verdicts';
import { STAGE_LABELS, STAGES } from '../../domain/workflow';
import { ClaimFilter, EMPTY_FILTER, isFiltered } from './claim-filter';

/** Search, filters and "Assigned to me" above the claims table. */
@Component({
  selector: 'cd-claim-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatCheckbox, MatFormField, MatInput, MatLabel, MatOption, MatSelect],
  template: `
    <div class="bar" role="search">
      <mat-form-field class="search" subscriptSizing="dynamic">
        <mat-label>Search quotes and statements</mat-label>
        <input
          #search
          matInput
          type="search"
          data-testid="claim-search"
          [value]="filter().query"
          (input)="change({ query: search.value })"
          (keydown.escape)="change({ query: '' }); search.value = ''"
        />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Stage</mat-label>
        <mat-select multiple [value]="filter().stages" (valueChange)="change({ stages: $event })">
          @for (stage of stages; track stage) {
            <mat-option [value]="stage">{{ stageLabels[stage] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Verdict</mat-label>
        <mat-select
          multiple
          [value]="filter().verdicts"
          (valueChange)="change({ verdicts: $event })"
        >
          <mat-option value="none">No verdict yet</mat-option>
          @for (verdict of verdicts; track verdict) {
            <mat-option [value]="verdict">{{ verdictDefinitions[verdict].label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Kind</mat-label>
        <mat-select multiple [value]="filter().kinds" (valueChange)="change({ kinds: $event })">
          @for (kind of kinds; track kind) {
            <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-checkbox [checked]="filter().mine" (change)="change({ mine: $event.checked })"
        >Assigned to me</mat-checkbox
      >
      @if (filtered()) {
        <button mat-button type="button" (click)="filterChange.emit(clearedFilter())">
          Clear filters
        </button>
      }
      <span class="count" role="status">{{ shown() }} of {{ total() }} claims</span>
    </div>
  `,
  styles: `
    .bar {
      display: flex;
      flex-wrap: wrap;
      gap: 8px 12px;
      align-items: center;
      margin-bottom: 8px;
    }
    .search {
      flex: 1 1 240px;
    }
    mat-form-field:not(.search) {
      width: 150px;
    }
    .count {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
  `,
})
export class ClaimFilters {
  readonly filter = input.required<ClaimFilter>();
  readonly shown = input.required<number>();
  readonly total = input.required<number>();
  readonly filterChange = output<ClaimFilter>();
  private readonly search = viewChild.required<ElementRef<HTMLInputElement>>('search');

  protected readonly stages = STAGES;
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly verdicts = VERDICTS;
  protected readonly verdictDefinitions = VERDICT_DEFINITIONS;
  protected readonly kinds = CLAIM_KINDS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;

  protected filtered(): boolean {
    return isFiltered(this.filter());
  }

  protected clearedFilter(): ClaimFilter {
    return { ...EMPTY_FILTER, sort: this.filter().sort, descending: this.filter().descending };
  }

  protected change(changes: Partial<ClaimFilter>): void {
    this.filterChange.emit({ ...this.filter(), ...changes });
  }

  /** For the `/` shortcut. */
  focusSearch(): void {
    this.search().nativeElement.focus();
  }
}
