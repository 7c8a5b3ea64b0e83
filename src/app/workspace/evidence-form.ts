import { ChangeDetectionStrategy, Component, effect, input, output } from '@angular/core';
import {
  AbstractControl,
  FormBuilder,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
import { inject } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { map } from 'rxjs';
import { Evidence, isWebUrl, SOURCE_TYPES, STANCES } from '../../domain/claim';
import { EvidenceDraft } from './claims-api';

/** Only http and https links are evidence: `javascript:` and friends are refused as typed. */
export function webUrlValidator(control: AbstractControl<string>): ValidationErrors | null {
  const value = (control.value ?? '').trim();
  return value === '' || isWebUrl(value) ? null : { webUrl: true };
}

export function hostOf(value: string): string {
  return isWebUrl(value.trim()) ? new URL(value.trim()).host : '';
}

const STANCE_LABELS = { supports: 'Supports', refutes: 'Refutes', context: 'Context' } as const;
const SOURCE_LABELS = { primary: 'Primary source', secondary: 'Secondary source' } as const;

@Component({
  selector: 'cd-evidence-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="submit()" class="grid" [attr.aria-label]="submitLabel()">
      <mat-form-field class="wide">
        <mat-label>Link (http or https)</mat-label>
        <input
          matInput
          formControlName="url"
          type="url"
          inputmode="url"
          required
          data-testid="evidence-url"
        />
        @if (form.controls.url.hasError('webUrl')) {
          <mat-error>Only http:// and https:// links can be evidence.</mat-error>
        } @else {
          <mat-error>A link is required.</mat-error>
        }
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>Title</mat-label>
        <input matInput formControlName="title" required />
        <mat-error>A title is required.</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Publisher</mat-label>
        <input matInput formControlName="publisher" [placeholder]="host()" />
        <mat-hint>{{
          host() ? 'Leave empty for ' + host() : 'Defaults to the link’s site'
        }}</mat-hint>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Stance</mat-label>
        <mat-select formControlName="stance">
          @for (s of stances; track s) {
            <mat-option [value]="s">{{ stanceLabels[s] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Source type</mat-label>
        <mat-select formControlName="sourceType">
          @for (s of sourceTypes; track s) {
            <mat-option [value]="s">{{ sourceLabels[s] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Archived link</mat-label>
        <input matInput formControlName="archivedUrl" type="url" />
        <mat-error>Only http:// and https:// links.</mat-error>
      </mat-form-field>
      <mat-form-field class="wide">
        <mat-label>Quote from the source</mat-label>
        <textarea matInput formControlName="quote" rows="2"></textarea>
      </mat-form-field>
      <div class="wide">
        <button mat-flat-button type="submit">{{ submitLabel() }}</button>
        @if (initial()) {
          <button mat-button type="button" (click)="cancelled.emit()">Cancel</button>
        }
      </div>
    </form>
  `,
  styles: `
    .grid {
      display: grid;
      grid-template-columns: repeat(auto-fill, minmax(200px, 1fr));
      gap: 0 12px;
    }
    .wide {
      grid-column: 1 / -1;
    }
  `,
})
export class EvidenceForm {
  /** Evidence to edit; empty for a new link. */
  readonly initial = input<Evidence | null>(null);
  readonly submitLabel = input('Add evidence');
  readonly added = output<EvidenceDraft>();
  readonly cancelled = output<void>();
  protected readonly stances = STANCES;
  protected readonly sourceTypes = SOURCE_TYPES;
  protected readonly stanceLabels = STANCE_LABELS;
  protected readonly sourceLabels = SOURCE_LABELS;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    url: ['', [Validators.required, webUrlValidator, Validators.maxLength(2048)]],
    title: ['', [Validators.required, Validators.pattern(/\S/)]],
    publisher: [''],
    stance: ['supports' as (typeof STANCES)[number]],
    sourceType: ['primary' as (typeof SOURCE_TYPES)[number]],
    archivedUrl: ['', [webUrlValidator]],
    quote: [''],
  });
  constructor() {
    effect(() => {
      const evidence = this.initial();
      if (evidence) {
        this.form.setValue({
          url: evidence.url,
          title: evidence.title,
          publisher: evidence.publisher,
          stance: evidence.stance,
          sourceType: evidence.sourceType,
          archivedUrl: evidence.archivedUrl ?? '',
          quote: evidence.quote ?? '',
        });
      }
    });
  }

  protected readonly host = toSignal(this.form.controls.url.valueChanges.pipe(map(hostOf)), {
    initialValue: '',
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.added.emit({
      url: value.url.trim(),
      title: value.title.trim(),
      publisher: value.publisher.trim() || null,
      stance: value.stance,
      sourceType: value.sourceType,
      archivedUrl: value.archivedUrl.trim() || null,
      quote: value.quote.trim() || null,
    });
    this.form.reset();
  }
}
