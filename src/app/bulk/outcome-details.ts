import { ChangeDetectionStrategy, Component, inject, Injector } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogTitle,
} from '@angular/material/dialog';
import { RefusedClaim } from './outcome-words';

export interface OutcomeDetailsData {
  /** "Refused claims", "Claims left alone". */
  readonly title: string;
  readonly words: string;
  readonly refused: readonly RefusedClaim[];
}

/** Which claims a batch or its undo did not change, and why: each named, each reason in words. */
@Component({
  selector: 'cd-bulk-outcome-details',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatDialogActions, MatDialogClose, MatDialogContent, MatDialogTitle],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <mat-dialog-content>
      <p>{{ data.words }}</p>
      <dl class="refused">
        @for (claim of data.refused; track claim.id) {
          <dt>{{ claim.label }}</dt>
          <dd>{{ claim.reason }}</dd>
        }
      </dl>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Close</button>
    </mat-dialog-actions>
  `,
  styles: `
    .refused {
      margin: 0;
      max-width: min(560px, 80vw);
    }
    dt {
      font-weight: 500;
    }
    dd {
      margin: 0 0 8px 1.25em;
    }
  `,
})
export class OutcomeDetails {
  protected readonly data = inject<OutcomeDetailsData>(MAT_DIALOG_DATA);
}

/** Opens the details; for the outcome snack bar, which loads this file (and the dialog code) only when asked. */
export function showOutcomeDetails(injector: Injector, data: OutcomeDetailsData): void {
  injector.get(MatDialog).open<OutcomeDetails, OutcomeDetailsData>(OutcomeDetails, { data });
}
