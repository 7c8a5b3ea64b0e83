import {
  afterRenderEffect,
  ApplicationRef,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  output,
  viewChild,
} from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatCheckbox } from '@angular/material/checkbox';
import { MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { CLAIM_KIND_LABELS, CLAIM_KINDS } from '../../../domain/claim';
import { ClaimFilter, EMPTY_FILTER, isFiltered, sameValues } from '../../../domain/claim-filter';
import { VERDICT_DEFINITIONS, VERDICTS } from '../../../domain/verdicts';
import { STAGE_LABELS, STAGES } from '../../../domain/workflow';

/**
 * Search, filters and "Assigned to me" above the claims table.
 *
 * The search box owns what is typed in it: it emits only the query, and the
 * filter's query is written back into it only while it does not have focus (a
 * link, Back, "Clear filters"). A URL update landing between two keystrokes can
 * then never put older text back under the caret.
 */
@Component({
  selector: 'cd-claim-filters',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatCheckbox, MatFormField, MatInput, MatLabel, MatOption, MatSelect],
  template: `
    <div class="bar" role="search">
      <mat-form-field class="search" subscriptSizing="dynamic">
        <mat-label>Search quotes, statements, rationale and notes</mat-label>
        <input
          #search
          matInput
          type="search"
          data-testid="claim-search"
          (input)="typed(search.value)"
          (keydown.escape)="clearSearch(search)"
          (blur)="syncSearch()"
        />
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Stage</mat-label>
        <mat-select
          multiple
          class="stage-filter"
          [value]="stagesChosen()"
          (valueChange)="filterChange.emit({ stages: $event })"
        >
          @for (stage of stages; track stage) {
            <mat-option [value]="stage">{{ stageLabels[stage] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Verdict</mat-label>
        <mat-select
          multiple
          [value]="verdictsChosen()"
          (valueChange)="filterChange.emit({ verdicts: $event })"
        >
          <mat-option value="none">No verdict yet</mat-option>
          @for (verdict of verdicts; track verdict) {
            <mat-option [value]="verdict">{{ verdictDefinitions[verdict].label }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field subscriptSizing="dynamic">
        <mat-label>Kind</mat-label>
        <mat-select
          multiple
          [value]="kindsChosen()"
          (valueChange)="filterChange.emit({ kinds: $event })"
        >
          @for (kind of kinds; track kind) {
            <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-checkbox [checked]="filter().mine" (change)="filterChange.emit({ mine: $event.checked })"
        >Assigned to me</mat-checkbox
      >
      <!--
        Kept, and hidden while nothing is filtered, rather than made and removed as the
        search fills and empties: the first letter typed and the last erased stay as cheap as the rest.
      -->
      <button
        mat-button
        type="button"
        class="clear"
        [hidden]="!filtered()"
        (click)="filterChange.emit(cleared)"
      >
        Clear filters
      </button>
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
      flex: 1 1 100%;
    }
    mat-form-field:not(.search) {
      flex: 1 1 120px;
      max-width: 200px;
    }
    /* The button's own display would otherwise win over [hidden]. */
    .clear[hidden] {
      display: none;
    }
    .count {
      color: var(--mat-sys-on-surface-variant);
      font: var(--mat-sys-body-small);
    }
    @media (max-width: 600px) {
      .search {
        --mat-form-field-filled-label-text-size: 14px;
      }
      mat-form-field:not(.search) {
        flex-basis: 100px;
      }
    }
  `,
})
export class ClaimFilters {
  readonly filter = input.required<ClaimFilter>();
  readonly shown = input.required<number>();
  readonly total = input.required<number>();
  /** What typing in the search box asks for: the query alone. */
  readonly queryChange = output<string>();
  /** Only the fields a control changed; the container applies them to the current filter. */
  readonly filterChange = output<Partial<ClaimFilter>>();
  private readonly search = viewChild.required<ElementRef<HTMLInputElement>>('search');
  private readonly app = inject(ApplicationRef);

  protected readonly stages = STAGES;
  protected readonly stageLabels = STAGE_LABELS;
  protected readonly verdicts = VERDICTS;
  protected readonly verdictDefinitions = VERDICT_DEFINITIONS;
  protected readonly kinds = CLAIM_KINDS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  /** "Clear filters" keeps the sort. */
  protected readonly cleared: Partial<ClaimFilter> = {
    stages: EMPTY_FILTER.stages,
    verdicts: EMPTY_FILTER.verdicts,
    kinds: EMPTY_FILTER.kinds,
    mine: EMPTY_FILTER.mine,
    query: EMPTY_FILTER.query,
  };

  /**
   * Each select's values, the same array while they stay the same: a search key
   * brings a new filter with equal lists, and a new array would make each select
   * clear and choose its options again.
   */
  protected readonly stagesChosen = computed(() => this.filter().stages, { equal: sameValues });
  protected readonly verdictsChosen = computed(() => this.filter().verdicts, { equal: sameValues });
  protected readonly kindsChosen = computed(() => this.filter().kinds, { equal: sameValues });

  constructor() {
    // Runs when the filter changes: a keystroke costs one comparison here.
    afterRenderEffect({ write: () => this.writeQuery(this.filter().query, false) });
  }

  protected filtered(): boolean {
    return isFiltered(this.filter());
  }

  /**
   * Emits the query and puts its result in the page at once, in the key's own task:
   * left to the scheduler, the update waited for the next animation frame or timer,
   * behind whatever else the browser had queued.
   */
  protected typed(query: string): void {
    this.queryChange.emit(query);
    this.app.tick();
  }

  protected clearSearch(box: HTMLInputElement): void {
    box.value = '';
    this.typed('');
  }

  /** On leaving the box: show the filter's query if it moved on meanwhile (Back, a link). */
  protected syncSearch(): void {
    this.writeQuery(this.filter().query, true);
  }

  /** For the `/` shortcut. */
  focusSearch(): void {
    this.search().nativeElement.focus();
  }

  private writeQuery(query: string, leaving: boolean): void {
    const box = this.search().nativeElement;
    const typing = !leaving && box.ownerDocument.activeElement === box;
    // Spaces at the ends do not change the search, and the URL trims them.
    if (!typing && box.value.trim() !== query.trim()) {
      box.value = query;
    }
  }
}
