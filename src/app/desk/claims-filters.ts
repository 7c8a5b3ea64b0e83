import { ChangeDetectionStrategy, Component, computed, inject, input, output } from '@angular/core';
import { MatButton, MatIconButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatIcon } from '@angular/material/icon';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatTooltip } from '@angular/material/tooltip';
import { Store } from '@ngrx/store';
import { DESK_SORTS, DeskQuery, DeskSort } from '../../domain/desk';
import { VERDICT_DEFINITIONS, VERDICTS } from '../../domain/verdicts';
import { STAGE_LABELS, STAGES } from '../../domain/workflow';
import { usersFeature } from '../users/state/users.feature';

export const SORT_LABELS: Readonly<Record<DeskSort, string>> = {
  due: 'Due date',
  updated: 'Last change',
  stage: 'Stage entered',
  article: 'Article',
};

/** The filters of the claims page. Emits the whole query each time one filter changes. */
@Component({
  selector: 'cd-claims-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    MatButton,
    MatCheckbox,
    MatFormField,
    MatIcon,
    MatIconButton,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
    MatTooltip,
  ],
  template: `
    <form
      role="search"
      aria-label="Filter the claims"
      class="filters"
      (submit)="search($event, q.value)"
    >
      <mat-form-field class="q" subscriptSizing="dynamic">
        <mat-label>Search claims</mat-label>
        <input
          #q
          matInput
          type="search"
          name="q"
          [value]="query().q ?? ''"
          data-testid="desk-search"
        />
        <button matIconSuffix mat-icon-button type="submit" aria-label="Search">
          <mat-icon aria-hidden="true" svgIcon="search" />
        </button>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Stage</mat-label>
        <mat-select multiple [value]="query().stage ?? []" (valueChange)="set({ stage: $event })">
          @for (stage of stages; track stage) {
            <mat-option [value]="stage">{{ stageLabels[stage] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Verdict</mat-label>
        <mat-select
          multiple
          [value]="query().verdict ?? []"
          (valueChange)="set({ verdict: $event })"
        >
          @for (verdict of verdicts; track verdict) {
            <mat-option [value]="verdict">{{ verdictLabels[verdict].label }}</mat-option>
          }
          <mat-option value="none">No verdict yet</mat-option>
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Assigned to</mat-label>
        <mat-select
          [value]="query().assignee ?? ''"
          (valueChange)="set({ assignee: $event || undefined })"
        >
          <mat-option value="">Anyone</mat-option>
          <mat-option value="me">Me</mat-option>
          <mat-option value="none">Nobody</mat-option>
          @for (person of people(); track person.username) {
            <mat-option [value]="person.username">{{ person.displayName }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Sort by</mat-label>
        <mat-select [value]="query().sort ?? 'due'" (valueChange)="set({ sort: $event })">
          @for (sort of sorts; track sort) {
            <mat-option [value]="sort">{{ sortLabels[sort] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <button
        mat-icon-button
        type="button"
        [attr.aria-label]="
          descending()
            ? 'Descending: show in ascending order'
            : 'Ascending: show in descending order'
        "
        [matTooltip]="descending() ? 'Descending' : 'Ascending'"
        (click)="set({ dir: descending() ? 'asc' : 'desc' })"
      >
        <mat-icon aria-hidden="true" [svgIcon]="descending() ? 'arrow_downward' : 'arrow_upward'" />
      </button>
      <mat-checkbox
        [checked]="query().overdue === true"
        (change)="set({ overdue: $event.checked || undefined })"
      >
        Overdue only
      </mat-checkbox>
      @if (query().article; as article) {
        <span class="article" data-testid="article-filter">
          In the article “{{ articleHeadline() ?? article }}”
          <button
            mat-icon-button
            type="button"
            aria-label="Show claims of every article"
            (click)="set({ article: undefined })"
          >
            <mat-icon aria-hidden="true" svgIcon="close" />
          </button>
        </span>
      }
      @if (filtered()) {
        <button mat-button type="button" (click)="clear()">Clear filters</button>
      }
    </form>
  `,
  styles: `
    .filters {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px 12px;
    }
    // Two selects a row on a phone, all in a row on a laptop.
    mat-form-field {
      flex: 1 1 9rem;
      max-width: 12rem;
    }
    .q {
      flex: 2 1 14rem;
      max-width: 20rem;
    }
    .article {
      display: inline-flex;
      align-items: center;
      padding-left: 12px;
      border-radius: 8px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
    }
  `,
})
export class ClaimsFilters {
  readonly query = input.required<DeskQuery>();
  /** The filtered article's headline, once a claim of it is listed. */
  readonly articleHeadline = input<string | null>(null);
  readonly changed = output<DeskQuery>();

  private readonly users = inject(Store).selectSignal(usersFeature.selectAll);
  protected readonly people = computed(() =>
    [...this.users()].sort((a, b) => a.displayName.localeCompare(b.displayName)),
  );
  protected readonly stages = STAGES;
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly verdicts = VERDICTS;
  protected readonly verdictLabels = VERDICT_DEFINITIONS;
  protected readonly sorts = DESK_SORTS;
  protected readonly sortLabels = SORT_LABELS;
  protected readonly descending = computed(() => this.query().dir === 'desc');
  protected readonly filtered = computed(() =>
    (['stage', 'verdict', 'assignee', 'overdue', 'article', 'q'] as const).some(
      (key) => this.query()[key] !== undefined,
    ),
  );

  protected set(change: Partial<DeskQuery>): void {
    this.changed.emit({ ...this.query(), ...change });
  }

  /** Every filter off; the order stays. */
  protected clear(): void {
    this.changed.emit({ sort: this.query().sort, dir: this.query().dir });
  }

  protected search(event: Event, text: string): void {
    event.preventDefault();
    this.set({ q: text.trim() || undefined });
  }
}
