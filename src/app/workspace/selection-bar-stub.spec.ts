import { ChangeDetectionStrategy, Component, input, output } from '@angular/core';
import { ClaimSummary } from '../../domain/claim';

/**
 * Stands in for the bulk selection bar (src/app/bulk, tested there): shows how
 * many claims it was handed, and emits `cleared` from a button.
 */
@Component({
  selector: 'cd-selection-bar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `@if (claims().length) {
    <span data-testid="bar-count">{{ claims().length }}</span>
    <button type="button" (click)="cleared.emit()">Done</button>
  }`,
})
export class SelectionBarStub {
  readonly claims = input.required<readonly ClaimSummary[]>();
  readonly cleared = output<void>();
}
