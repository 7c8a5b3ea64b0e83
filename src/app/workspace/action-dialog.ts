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
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatRadioButton, MatRadioGroup } from '@angular/material/radio';
import {
  ACTION_LABELS,
  Action,
  DISMISS_REASON_LABELS,
  DISMISS_REASONS,
  DismissReason,
} from '../../domain/workflow';

export interface ActionDialogData {
  readonly action: Action;
  readonly requires: 'note' | 'reason';
}

export interface ActionDialogResult {
  readonly note?: string;
  readonly reason?: DismissReason;
}

/** Asks for the note or the reason an action requires before it is taken. */
@Component({
  selector: 'cd-action-dialog',
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
    MatRadioButton,
    MatRadioGroup,
  ],
  template: `
    <h2 mat-dialog-title>{{ title }}</h2>
    <mat-dialog-content>
      @if (data.requires === 'note') {
        <mat-form-field class="full">
          <mat-label>Note</mat-label>
          <textarea matInput rows="4" [formControl]="note" required></textarea>
          <mat-error>Write a note: the person who reads it needs to know why.</mat-error>
        </mat-form-field>
      } @else {
        <mat-radio-group [formControl]="reason" aria-label="Reason for dismissing" class="reasons">
          @for (value of reasons; track value) {
            <mat-radio-button [value]="value">{{ reasonLabels[value] }}</mat-radio-button>
          }
        </mat-radio-group>
        @if (reason.touched && reason.invalid) {
          <mat-error role="alert">Choose a reason.</mat-error>
        }
      }
    </mat-dialog-content>
    <mat-dialog-actions align="end">
      <button mat-button type="button" mat-dialog-close>Cancel</button>
      <button mat-flat-button type="button" (click)="confirm()">{{ title }}</button>
    </mat-dialog-actions>
  `,
  styles: `
    .full {
      width: min(480px, 80vw);
    }
    .reasons {
      display: flex;
      flex-direction: column;
      gap: 8px;
    }
  `,
})
export class ActionDialog {
  protected readonly data = inject<ActionDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ActionDialog, ActionDialogResult>>(MatDialogRef);
  protected readonly title = ACTION_LABELS[this.data.action];
  protected readonly reasons = DISMISS_REASONS;
  protected readonly reasonLabels = DISMISS_REASON_LABELS;
  protected readonly note = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, Validators.pattern(/\S/)],
  });
  protected readonly reason = new FormControl<DismissReason | null>(null, Validators.required);

  protected confirm(): void {
    const control = this.data.requires === 'note' ? this.note : this.reason;
    if (control.invalid) {
      control.markAsTouched();
      return;
    }
    this.ref.close(
      this.data.requires === 'note'
        ? { note: this.note.value.trim() }
        : { reason: this.reason.value ?? undefined },
    );
  }
}
