import { ChangeDetectionStrategy, Component, inject, Injector } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialog,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Observable } from 'rxjs';
import { cleanDisplayName } from '../../domain/people';
import { DISPLAY_NAME_ERROR, displayNameValidator } from './display-name';

export interface DisplayNameDialogData {
  /** The name as it stands. */
  readonly displayName: string;
}

/** The signed-in person's own display name. Closes with the new name, trimmed, or nothing. */
@Component({
  selector: 'cd-display-name-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatDialogActions,
    MatDialogClose,
    MatDialogContent,
    MatDialogTitle,
    MatError,
    MatFormField,
    MatInput,
    MatLabel,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="save()">
      <h2 mat-dialog-title>Your name</h2>
      <mat-dialog-content>
        <p>Colleagues see it in the history, the notes and the assignee lists.</p>
        <mat-form-field class="full">
          <mat-label>Your name (as colleagues see it)</mat-label>
          <input matInput formControlName="name" autocomplete="name" required />
          <mat-error>{{ error }}</mat-error>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit">Save</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .full {
      width: min(420px, 80vw);
    }
  `,
})
export class DisplayNameDialog {
  private readonly data = inject<DisplayNameDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DisplayNameDialog, string>>(MatDialogRef);
  protected readonly error = DISPLAY_NAME_ERROR;
  private readonly name = new FormControl(this.data.displayName, {
    nonNullable: true,
    validators: [Validators.required, displayNameValidator],
  });
  /** A form, so that Enter saves. */
  protected readonly form = new FormGroup({ name: this.name });

  protected save(): void {
    const name = cleanDisplayName(this.name.value);
    if (name === null || this.name.invalid) {
      this.name.markAsTouched();
      return;
    }
    // The same name again is no change: close without one.
    this.ref.close(name === this.data.displayName ? undefined : name);
  }
}

/**
 * Opens the dialog; emits the new name, or undefined when there is none. For the
 * toolbar, which loads this file (and the dialog and forms code) only when asked.
 */
export function askForDisplayName(
  injector: Injector,
  displayName: string,
): Observable<string | undefined> {
  return injector
    .get(MatDialog)
    .open<DisplayNameDialog, DisplayNameDialogData, string>(DisplayNameDialog, {
      data: { displayName },
    })
    .afterClosed();
}
