import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import {
  AbstractControl,
  FormControl,
  FormGroup,
  ReactiveFormsModule,
  ValidationErrors,
  Validators,
} from '@angular/forms';
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
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { ArticleSummary } from '../../domain/claim';
import { webUrlValidator } from '../shell/web-url-validator';
import { ARTICLE_FIELD_LABELS } from './article-field-labels';
import { ArticleChanges } from './articles-api';
import { ArticleActionsActions } from './state/articles.actions';
import { articlesFeature } from './state/articles.feature';
import { FIELD_LIMITS } from '../../domain/requests';

export interface ArticleEditDialogData {
  readonly article: ArticleSummary;
}

const HEADLINE_MAX = FIELD_LIMITS.headline;
const OUTLET_MAX = FIELD_LIMITS.outlet;

const notBlank = (control: AbstractControl<string>): ValidationErrors | null =>
  control.value.trim() === '' ? { required: true } : null;

type DetailField = 'headline' | 'outlet' | 'url' | 'publishedAt';
type Details = Record<DetailField, string>;

const FIELDS: readonly { key: DetailField; label: string }[] = [
  { key: 'headline', label: 'Headline' },
  { key: 'outlet', label: 'Outlet' },
  { key: 'url', label: 'Address' },
  { key: 'publishedAt', label: 'Published' },
];

function detailsOf(article: ArticleSummary): Details {
  return {
    headline: article.headline,
    outlet: article.outlet ?? '',
    url: article.url ?? '',
    publishedAt: article.publishedAt ?? '',
  };
}

/** Only what differs from `base`; an emptied optional field is cleared (null). */
export function articleChanges(typed: Details, base: ArticleSummary): ArticleChanges {
  const was = detailsOf(base);
  const changes: { -readonly [K in keyof ArticleChanges]: ArticleChanges[K] } = {};
  const headline = typed.headline.replace(/\s+/g, ' ').trim();
  if (headline !== was.headline) {
    changes.headline = headline;
  }
  for (const key of ['outlet', 'url', 'publishedAt'] as const) {
    const value = typed[key].trim();
    if (value !== was[key]) {
      changes[key] = value === '' ? null : value;
    }
  }
  return changes;
}

/**
 * An article's headline, outlet, address and publication date. Saved on the
 * version the edit started from; when someone else saved first, the dialog shows
 * what they saved beside what was typed, and the person re-applies or takes theirs.
 */
@Component({
  selector: 'cd-article-edit-dialog',
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
    MatProgressBar,
  ],
  templateUrl: './article-edit-dialog.html',
  styles: `
    .full {
      width: min(520px, 80vw);
      display: block;
    }
    .conflict {
      border-collapse: collapse;
      margin: 8px 0 16px;
      width: 100%;
      th,
      td {
        text-align: left;
        padding: 4px 8px;
        border-bottom: 1px solid var(--mat-sys-outline-variant);
        overflow-wrap: anywhere;
      }
      th[scope='row'] {
        white-space: nowrap;
      }
      .differs td {
        font-weight: 600;
      }
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class ArticleEditDialog {
  private readonly data = inject<ArticleEditDialogData>(MAT_DIALOG_DATA);
  private readonly ref = inject<MatDialogRef<ArticleEditDialog>>(MatDialogRef);
  private readonly store = inject(Store);
  protected readonly edit = this.store.selectSignal(articlesFeature.selectEdit);
  protected readonly fields = FIELDS;
  protected readonly labels = ARTICLE_FIELD_LABELS;

  /** What "unchanged" means: the article as the edit started, or as taken from the other person. */
  private readonly base = signal(this.data.article);
  /** The version the next save is made on. */
  private readonly version = signal(this.data.article.version);

  protected readonly form = new FormGroup({
    headline: new FormControl(this.data.article.headline, {
      nonNullable: true,
      validators: [notBlank, Validators.maxLength(HEADLINE_MAX)],
    }),
    outlet: new FormControl(this.data.article.outlet ?? '', {
      nonNullable: true,
      validators: [Validators.maxLength(OUTLET_MAX)],
    }),
    url: new FormControl(this.data.article.url ?? '', {
      nonNullable: true,
      validators: [webUrlValidator],
    }),
    publishedAt: new FormControl(this.data.article.publishedAt ?? '', { nonNullable: true }),
  });
  private readonly typed = toSignal(this.form.valueChanges, { initialValue: this.form.value });

  protected readonly saving = computed(() => this.edit().status === 'saving');
  /** Someone else's save, field by field beside what was typed. */
  protected readonly conflict = computed(() => {
    const edit = this.edit();
    if (edit.status !== 'conflict' || edit.current === null) {
      return null;
    }
    this.typed();
    const theirs = detailsOf(edit.current);
    const mine = this.form.getRawValue();
    return FIELDS.map(({ key, label }) => ({
      label,
      mine: mine[key].trim() || '—',
      theirs: theirs[key] || '—',
      differs: mine[key].trim() !== theirs[key],
    }));
  });

  constructor() {
    this.store.dispatch(ArticleActionsActions.editOpened({ articleId: this.data.article.id }));
    effect(() => {
      if (this.edit().status === 'saved') {
        this.ref.close(true);
      }
    });
  }

  protected save(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const changes = articleChanges(this.form.getRawValue(), this.base());
    if (Object.keys(changes).length === 0) {
      this.ref.close(false);
      return;
    }
    this.store.dispatch(
      ArticleActionsActions.editSubmitted({
        article: { ...this.base(), version: this.version() },
        changes,
      }),
    );
  }

  /** Mine over theirs: the same changes, now on the version they saved. */
  protected reapply(): void {
    const current = this.edit().current;
    if (current) {
      this.version.set(current.version);
      this.save();
    }
  }

  /** Theirs: the form shows what is saved, and nothing of mine is sent. */
  protected takeTheirs(): void {
    const current = this.edit().current;
    if (current) {
      this.base.set(current);
      this.version.set(current.version);
      this.form.setValue(detailsOf(current));
      this.store.dispatch(ArticleActionsActions.editOpened({ articleId: current.id }));
    }
  }
}
