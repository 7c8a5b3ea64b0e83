import {
  ChangeDetectionStrategy,
  Component,
  effect,
  ElementRef,
  inject,
  input,
  output,
  untracked,
  viewChild,
} from '@angular/core';
import { takeUntilDestroyed } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormBuilder,
  FormGroupDirective,
  NgForm,
  ReactiveFormsModule,
  Validators,
} from '@angular/forms';
import { ErrorStateMatcher } from '@angular/material/core';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { Evidence, isWebUrl, SOURCE_TYPES, STANCES } from '../../../domain/claim';
import { webUrlValidator } from '../../shell/web-url-validator';
import { EvidenceDraft } from '../claims-api';
import { FIELD_LIMITS } from '../../../domain/requests';

export function hostOf(value: string): string {
  return isWebUrl(value.trim()) ? new URL(value.trim()).host : '';
}

/** Shows a field's error while it is typed in, not only once it loses focus. */
export class ShowErrorsWhileTyping implements ErrorStateMatcher {
  isErrorState(control: AbstractControl | null, form: FormGroupDirective | NgForm | null): boolean {
    return !!control?.invalid && (control.dirty || control.touched || !!form?.submitted);
  }
}

export const STANCE_LABELS = {
  supports: 'Supports',
  refutes: 'Refutes',
  context: 'Context',
} as const;
export const SOURCE_LABELS = { primary: 'Primary source', secondary: 'Secondary source' } as const;

/** The server's limits (server/routes/evidence.ts), said before the server has to refuse. */
const LIMITS = {
  url: FIELD_LIMITS.url,
  title: FIELD_LIMITS.evidenceTitle,
  publisher: FIELD_LIMITS.publisher,
  quote: FIELD_LIMITS.evidenceQuote,
} as const;

const EMPTY = {
  url: '',
  title: '',
  publisher: '',
  stance: 'supports' as (typeof STANCES)[number],
  sourceType: 'primary' as (typeof SOURCE_TYPES)[number],
  archivedUrl: '',
  quote: '',
};

/**
 * A new evidence link, or an existing one edited in place. The form keeps what
 * was typed until the parent says the server accepted it (`clear`).
 */
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
  providers: [{ provide: ErrorStateMatcher, useClass: ShowErrorsWhileTyping }],
  templateUrl: './evidence-form.html',
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
  /** The last submission is with the server: submitting again would send it twice. */
  readonly pending = input(false);
  readonly saved = output<EvidenceDraft>();
  readonly cancelled = output<void>();
  protected readonly stances = STANCES;
  protected readonly sourceTypes = SOURCE_TYPES;
  protected readonly stanceLabels = STANCE_LABELS;
  protected readonly sourceLabels = SOURCE_LABELS;
  protected readonly limits = LIMITS;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    url: ['', [Validators.required, webUrlValidator, Validators.maxLength(LIMITS.url)]],
    title: [
      '',
      [Validators.required, Validators.pattern(/\S/), Validators.maxLength(LIMITS.title)],
    ],
    publisher: ['', [Validators.maxLength(LIMITS.publisher)]],
    stance: [EMPTY.stance],
    sourceType: [EMPTY.sourceType],
    archivedUrl: ['', [webUrlValidator, Validators.maxLength(LIMITS.url)]],
    quote: ['', [Validators.maxLength(LIMITS.quote)]],
  });
  private readonly formDirective = viewChild.required(FormGroupDirective);
  private readonly urlInput = viewChild.required<ElementRef<HTMLInputElement>>('urlInput');
  /** The site last filled in as publisher: a publisher the person typed is never replaced. */
  private filledPublisher = '';

  constructor() {
    // Follows the saved item (it reloads on every live change), but never over an edit in progress.
    effect(() => {
      const evidence = this.initial();
      if (evidence && untracked(() => !this.form.dirty)) {
        this.form.setValue(
          {
            url: evidence.url,
            title: evidence.title,
            publisher: evidence.publisher,
            stance: evidence.stance,
            sourceType: evidence.sourceType,
            archivedUrl: evidence.archivedUrl ?? '',
            quote: evidence.quote ?? '',
          },
          { emitEvent: false },
        );
        this.filledPublisher = hostOf(evidence.url);
      }
    });
    this.form.controls.url.valueChanges
      .pipe(takeUntilDestroyed())
      .subscribe((url) => this.fillPublisher(url));
  }

  focus(): void {
    this.urlInput().nativeElement.focus();
  }

  /** Empties the form once the server has the link: no "required" errors left showing. */
  clear(): void {
    this.formDirective().resetForm(EMPTY);
    this.filledPublisher = '';
  }

  private fillPublisher(url: string): void {
    const publisher = this.form.controls.publisher;
    const host = hostOf(url);
    if (publisher.value.trim() === '' || publisher.value === this.filledPublisher) {
      publisher.setValue(host);
    }
    this.filledPublisher = host;
  }

  protected submit(): void {
    if (this.form.invalid || this.pending()) {
      this.form.markAllAsTouched();
      return;
    }
    const value = this.form.getRawValue();
    this.saved.emit({
      url: value.url.trim(),
      title: value.title.trim(),
      publisher: value.publisher.trim() || null,
      stance: value.stance,
      sourceType: value.sourceType,
      archivedUrl: value.archivedUrl.trim() || null,
      quote: value.quote.trim() || null,
    });
  }
}
