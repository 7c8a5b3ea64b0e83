import { ChangeDetectionStrategy, Component, inject, Injector, PendingTasks } from '@angular/core';
import { MatButton } from '@angular/material/button';
import {
  MAT_SNACK_BAR_DATA,
  MatSnackBarAction,
  MatSnackBarActions,
  MatSnackBarLabel,
  MatSnackBarRef,
} from '@angular/material/snack-bar';
import { RefusedClaim } from './outcome-words';

/** How long an outcome stays when everything went through; one with refusals stays until dismissed. */
export const OUTCOME_SNACK_MS = 15_000;

export interface OutcomeSnackData {
  /** "7 assigned; 2 refused: already approved". */
  readonly words: string;
  /** The claims not changed, for "Details"; empty hides it. */
  readonly refused: readonly RefusedClaim[];
  readonly detailsTitle: string;
  /** Offers "Undo", which dismisses the snack bar with its action. */
  readonly undoable: boolean;
}

/**
 * A batch's outcome in words, with "Details" (which claims were not changed and
 * why) and "Undo". Undo is the snack bar's action: whoever opened it follows `onAction()`.
 */
@Component({
  selector: 'cd-bulk-outcome-snack',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatSnackBarAction, MatSnackBarActions, MatSnackBarLabel],
  template: `
    <div matSnackBarLabel>{{ data.words }}</div>
    <div matSnackBarActions>
      @if (data.refused.length > 0) {
        <button mat-button matSnackBarAction type="button" (click)="details()">Details</button>
      }
      @if (data.undoable) {
        <button mat-button matSnackBarAction type="button" (click)="undo()">Undo</button>
      }
      <button mat-button matSnackBarAction type="button" (click)="dismiss()">Close</button>
    </div>
  `,
})
export class OutcomeSnack {
  protected readonly data = inject<OutcomeSnackData>(MAT_SNACK_BAR_DATA);
  private readonly ref = inject<MatSnackBarRef<OutcomeSnack>>(MatSnackBarRef);
  private readonly injector = inject(Injector);
  private readonly pendingTasks = inject(PendingTasks);

  protected details(): void {
    // Loaded on demand: the dialog code stays out of the first download (this snack bar's
    // effects are eager). A pending task until it shows, so that stability waits for it.
    this.pendingTasks.run(async () => {
      const { showOutcomeDetails } = await import('./outcome-details');
      showOutcomeDetails(this.injector, {
        title: this.data.detailsTitle,
        words: this.data.words,
        refused: this.data.refused,
      });
    });
  }

  protected undo(): void {
    this.ref.dismissWithAction();
  }

  protected dismiss(): void {
    this.ref.dismiss();
  }
}
