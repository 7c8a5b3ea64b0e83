import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
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
import { MatOption, MatSelect } from '@angular/material/select';
import { CLAIM_KIND_LABELS, CLAIM_KINDS, ClaimKind } from '../../domain/claim';
import { ClaimDraft } from './new-claims-api';

export interface NewClaimDialogData {
  readonly title: string;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly statement?: string;
  readonly kind?: ClaimKind;
  /** Why the passage was suggested, shown to help the editor decide. */
  readonly reasons?: readonly string[];
}

/**
 * Confirms a passage as a claim: the editor restates it in checkable form and
 * says what kind of assertion it is. Closes with a `ClaimDraft`, or nothing.
 */
@Component({
  selector: 'cd-new-claim-dialog',
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
    MatOption,
    MatSelect,
  ],
  template: `
    <h2 mat-dialog-title>{{ data.title }}</h2>
    <form [formGroup]="form" (ngSubmit)="confirm()">
      <mat-dialog-content>
        <blockquote class="quote">{{ data.quote }}</blockquote>
        @if (data.reasons?.length) {
          <p class="reasons">Why suggested: {{ data.reasons!.join('; ') }}</p>
        }
        <mat-form-field class="wide">
          <mat-label>Statement to check</mat-label>
          <textarea
            matInput
            formControlName="statement"
            cdkFocusInitial
            rows="3"
            data-testid="new-claim-statement"
          ></textarea>
          <mat-hint>Restate the claim so it stands alone: who asserts what.</mat-hint>
          @if (form.controls.statement.hasError('required')) {
            <mat-error>Write the statement to check.</mat-error>
          }
          @if (form.controls.statement.hasError('maxlength')) {
            <mat-error>At most 1,000 characters.</mat-error>
          }
        </mat-form-field>
        <mat-form-field class="wide">
          <mat-label>Kind</mat-label>
          <mat-select formControlName="kind" data-testid="new-claim-kind">
            @for (kind of kinds; track kind) {
              <mat-option [value]="kind">{{ kindLabels[kind] }}</mat-option>
            }
          </mat-select>
        </mat-form-field>
      </mat-dialog-content>
      <mat-dialog-actions align="end">
        <button mat-button type="button" mat-dialog-close>Cancel</button>
        <button mat-flat-button type="submit" data-testid="new-claim-confirm">Add claim</button>
      </mat-dialog-actions>
    </form>
  `,
  styles: `
    .wide {
      width: 100%;
    }
    .quote {
      margin: 0 0 12px;
      padding-left: 12px;
      border-left: 3px solid var(--mat-sys-outline);
      white-space: pre-wrap;
    }
    .reasons {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
  `,
})
export class NewClaimDialog {
  protected readonly data = inject<NewClaimDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<NewClaimDialog, ClaimDraft>>(MatDialogRef);
  protected readonly kinds = CLAIM_KINDS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;

  protected readonly form = new FormGroup({
    statement: new FormControl(this.data.statement ?? this.data.quote, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(1000)],
    }),
    kind: new FormControl<ClaimKind>(this.data.kind ?? 'event', { nonNullable: true }),
  });

  protected confirm(): void {
    const statement = this.form.controls.statement.value.trim();
    if (this.form.invalid || statement === '') {
      this.form.controls.statement.setErrors({ required: true });
      this.form.markAllAsTouched();
      return;
    }
    this.dialogRef.close({
      start: this.data.start,
      end: this.data.end,
      statement,
      kind: this.form.controls.kind.value,
    });
  }
}
