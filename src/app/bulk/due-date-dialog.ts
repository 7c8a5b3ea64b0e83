import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import {
  MAT_DIALOG_DATA,
  MatDialogActions,
  MatDialogClose,
  MatDialogContent,
  MatDialogRef,
  MatDialogTitle,
} from '@angular/material/dialog';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';

export interface DueDateDialogData {
  /** "Due date (3 of 5)": how many of the selection it applies to. */
  readonly label: string;
}

/** `dueAt` null clears the due date. */
export interface DueDateDialogResult {
  readonly dueAt: string | null;
}

/** `datetime-local` text ("2026-03-02T17:00") read in the browser's time zone, as ISO 8601. */
export function localToIso(value: string): string | null {
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/.test(value)) {
    return null;
  }
  const time = new Date(value);
  return Number.isNaN(time.getTime()) ? null : time.toISOString();
}

/** Asks once for the whole batch: a date and time to be due by, or none. */
@Component({
  selector: 'cd-bulk-due-date-dialog',
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
    MatHint,
    MatInput,
    MatLabel,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.label }}</h2>
    <mat-dialog-content>
      <mat-form-field class="full">
        <mat-label>Due by</mat-label>
        <input matInput type="datetime-local" [formControl]="due" required />
        <mat-hint>Date and time, in your time zone</mat-hint>
        <mat-error>Choose a date and a time.</mat-error>
      </mat-form-field>
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-button type="button" (click)="clear()">Clear due date</button>
      <button mat-flat-button type="button" (click)="confirm()">Set due date</button>
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: min(360px, 80vw);
    }
  `,
})
export class DueDateDialog {
  protected readonly data = inject<DueDateDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<DueDateDialog, DueDateDialogResult>>(MatDialogRef);
  protected readonly due = new FormControl('', {
    nonNullable: true,
    validators: [
      Validators.required,
      (control) => (localToIso(control.value) === null ? { dateTime: true } : null),
    ],
  });

  protected confirm(): void {
    const dueAt = localToIso(this.due.value);
    if (dueAt === null) {
      this.due.markAsTouched();
      return;
    }
    this.ref.close({ dueAt });
  }

  protected clear(): void {
    this.ref.close({ dueAt: null });
  }
}
