import {
  ChangeDetectionStrategy,
  Component,
  computed,
  DestroyRef,
  inject,
  signal,
} from '@angular/core';
import { takeUntilDestroyed, toSignal } from '@angular/core/rxjs-interop';
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
import { Store } from '@ngrx/store';
import { catchError, EMPTY } from 'rxjs';
import {
  CLAIM_KIND_LABELS,
  CLAIM_KINDS,
  CLAIMANT_MAX_LENGTH,
  CLAIMANT_TYPES,
  ClaimantType,
  ClaimKind,
} from '../../domain/claim';
import { CheckedBefore } from '../claim-memory/checked-before';
import { ClaimDraft, NewClaimsApi } from './new-claims-api';
import { suggestionsFeature } from './state/suggestions.feature';
import { FIELD_LIMITS } from '../../domain/requests';

export interface NewClaimDialogData {
  readonly title: string;
  readonly quote: string;
  readonly start: number;
  readonly end: number;
  readonly statement?: string;
  readonly kind?: ClaimKind;
  /** Why the passage was suggested, shown to help the editor decide. */
  readonly reasons?: readonly string[];
  /** The article of the passage; the workspace's article when left out. */
  readonly articleId?: string;
  /**
   * Who the text says made the claim, as the suggester read it (null: it names
   * nobody). Left out, the dialog asks the server about the passage's sentence.
   */
  readonly claimant?: string | null;
  readonly claimantType?: ClaimantType;
}

export const CLAIMANT_TYPE_LABELS: Readonly<Record<ClaimantType, string>> = {
  Person: 'Person',
  Organization: 'Organisation',
};

/**
 * Confirms a passage as a claim: the editor restates it in checkable form,
 * says what kind of assertion it is and who made it (filled in from the
 * sentence when it names someone, for the editor to check). Closes with a
 * `ClaimDraft`, or nothing.
 */
@Component({
  selector: 'cd-new-claim-dialog',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    CheckedBefore,
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
        <cd-checked-before [text]="data.quote" [articleId]="data.articleId ?? null" />
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
        <div class="claimant">
          <mat-form-field class="claimant-name">
            <mat-label>{{
              fromText() ? 'Claimant (from the text — check it)' : 'Claimant'
            }}</mat-label>
            <input
              matInput
              formControlName="claimant"
              autocomplete="off"
              data-testid="new-claim-claimant"
            />
            <mat-hint
              >Who made the claim: a person or an organisation. Leave empty if unsure.</mat-hint
            >
            @if (form.controls.claimant.hasError('maxlength')) {
              <mat-error>At most {{ claimantMax }} characters.</mat-error>
            }
          </mat-form-field>
          <mat-form-field class="claimant-type">
            <mat-label>Claimant is a</mat-label>
            <mat-select formControlName="claimantType" data-testid="new-claim-claimant-type">
              @for (type of claimantTypes; track type) {
                <mat-option [value]="type">{{ claimantTypeLabels[type] }}</mat-option>
              }
            </mat-select>
          </mat-form-field>
        </div>
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
    .claimant {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
    }
    .claimant-name {
      flex: 2 1 240px;
    }
    .claimant-type {
      flex: 1 1 140px;
    }
  `,
})
export class NewClaimDialog {
  protected readonly data = inject<NewClaimDialogData>(MAT_DIALOG_DATA);
  private readonly dialogRef = inject<MatDialogRef<NewClaimDialog, ClaimDraft>>(MatDialogRef);
  private readonly api = inject(NewClaimsApi);
  private readonly store = inject(Store);
  private readonly destroyRef = inject(DestroyRef);
  protected readonly kinds = CLAIM_KINDS;
  protected readonly kindLabels = CLAIM_KIND_LABELS;
  protected readonly claimantTypes = CLAIMANT_TYPES;
  protected readonly claimantTypeLabels = CLAIMANT_TYPE_LABELS;
  protected readonly claimantMax = CLAIMANT_MAX_LENGTH;

  protected readonly form = new FormGroup({
    statement: new FormControl(this.data.statement ?? this.data.quote, {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(FIELD_LIMITS.statement)],
    }),
    kind: new FormControl<ClaimKind>(this.data.kind ?? 'event', { nonNullable: true }),
    claimant: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(CLAIMANT_MAX_LENGTH)],
    }),
    claimantType: new FormControl<ClaimantType>('Person', { nonNullable: true }),
  });

  /** The claimant the text gave, while the field still holds it. */
  private readonly guessed = signal<string | null>(null);
  private readonly claimantValue = toSignal(this.form.controls.claimant.valueChanges, {
    initialValue: this.form.controls.claimant.value,
  });
  protected readonly fromText = computed(() => {
    const guessed = this.guessed();
    return guessed !== null && this.claimantValue().trim() === guessed;
  });

  constructor() {
    if (this.data.claimant !== undefined) {
      this.fill(this.data.claimant, this.data.claimantType ?? 'Person');
      return;
    }
    const articleId =
      this.data.articleId ?? this.store.selectSignal(suggestionsFeature.selectArticleId)();
    if (!articleId) {
      return;
    }
    this.api
      .attribution(articleId, this.data.start, this.data.end)
      .pipe(
        // Only a help: without it, the editor types the claimant.
        catchError(() => EMPTY),
        takeUntilDestroyed(this.destroyRef),
      )
      .subscribe((guess) => {
        // Never over what the editor has typed meanwhile.
        if (this.form.controls.claimant.value === '' && this.form.controls.claimant.pristine) {
          this.fill(guess.claimant, guess.claimantType);
        }
      });
  }

  private fill(claimant: string | null, claimantType: ClaimantType): void {
    if (!claimant?.trim()) {
      return;
    }
    this.guessed.set(claimant.trim());
    this.form.patchValue({ claimant: claimant.trim(), claimantType });
  }

  protected confirm(): void {
    const statement = this.form.controls.statement.value.trim();
    if (statement === '') {
      // White space passes Validators.required.
      this.form.controls.statement.setErrors({ required: true });
    }
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const claimant = this.form.controls.claimant.value.replace(/\s+/g, ' ').trim();
    this.dialogRef.close({
      start: this.data.start,
      end: this.data.end,
      statement,
      kind: this.form.controls.kind.value,
      ...(claimant ? { claimant, claimantType: this.form.controls.claimantType.value } : {}),
    });
  }
}
