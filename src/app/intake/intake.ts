import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnInit,
  signal,
} from '@angular/core';
import { FormControl, FormGroup, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatButtonToggle, MatButtonToggleGroup } from '@angular/material/button-toggle';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { NewArticle } from '../articles/articles-api';
import { IntakePageActions } from '../articles/state/articles.actions';
import { articlesFeature } from '../articles/state/articles.feature';
import { sessionFeature } from '../session/state/session.feature';
import { ARTICLE_FIELD_LABELS } from '../articles/article-field-labels';
import { webUrlValidator } from '../shell/web-url-validator';

/** What the chosen file holds, read in the browser before anything is sent. */
interface ChosenFile {
  readonly name: string;
  readonly content: unknown;
  /** The article id the file gives: the one a copy is stored beside. */
  readonly id: string | null;
  readonly headline: string | null;
  readonly claims: number | null;
}

/**
 * Adds an article: pasted with what the desk knows about it, or uploaded as
 * the `claims/` file format or a JSON report. The server validates; its
 * refusal names the field.
 */
@Component({
  selector: 'cd-intake',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatButtonToggle,
    MatButtonToggleGroup,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatProgressBar,
    RouterLink,
  ],
  templateUrl: './intake.html',
  styleUrl: './intake.scss',
})
export class Intake implements OnInit {
  private readonly store = inject(Store);
  protected readonly isEditor = this.store.selectSignal(sessionFeature.selectIsEditor);
  protected readonly intake = this.store.selectSignal(articlesFeature.selectIntake);
  protected readonly mode = signal<'text' | 'file'>('text');
  protected readonly chosen = signal<ChosenFile | null>(null);
  protected readonly fileError = signal<string | null>(null);
  protected readonly textLength = signal(0);
  protected readonly labels = ARTICLE_FIELD_LABELS;
  protected readonly maxText = 200_000;
  protected readonly remaining = computed(() => this.maxText - this.textLength());
  /** The chosen file's article is already here: it can still go in beside it, as a copy. */
  protected readonly exists = computed(
    () => this.mode() === 'file' && this.chosen() !== null && this.intake().code === 'exists',
  );

  protected readonly form = new FormGroup({
    headline: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(300)],
    }),
    outlet: new FormControl('', { nonNullable: true, validators: [Validators.maxLength(200)] }),
    url: new FormControl('', {
      nonNullable: true,
      validators: [Validators.maxLength(2048), webUrlValidator],
    }),
    publishedAt: new FormControl('', { nonNullable: true }),
    text: new FormControl('', {
      nonNullable: true,
      validators: [Validators.required, Validators.maxLength(200_000)],
    }),
  });

  ngOnInit(): void {
    this.store.dispatch(IntakePageActions.opened());
    this.form.controls.text.valueChanges.subscribe((text) => this.textLength.set(text.length));
  }

  protected submitText(): void {
    const value = this.form.getRawValue();
    if (this.form.invalid || value.headline.trim() === '' || value.text.trim() === '') {
      this.form.markAllAsTouched();
      return;
    }
    const article: NewArticle = {
      source: 'text',
      headline: value.headline.trim(),
      text: value.text,
      ...(value.outlet.trim() ? { outlet: value.outlet.trim() } : {}),
      ...(value.url.trim() ? { url: value.url.trim() } : {}),
      ...(value.publishedAt ? { publishedAt: value.publishedAt } : {}),
    };
    this.store.dispatch(IntakePageActions.submitted({ article }));
  }

  protected async choose(input: HTMLInputElement): Promise<void> {
    this.chosen.set(null);
    this.fileError.set(null);
    this.store.dispatch(IntakePageActions.fileChosen());
    const file = input.files?.[0];
    if (!file) {
      return;
    }
    try {
      const content = JSON.parse(await file.text()) as unknown;
      const article = (content as { article?: { id?: unknown; headline?: unknown } } | null)
        ?.article;
      const claims = (content as { claims?: unknown } | null)?.claims;
      this.chosen.set({
        name: file.name,
        content,
        id: typeof article?.id === 'string' ? article.id : null,
        headline: typeof article?.headline === 'string' ? article.headline : null,
        claims: Array.isArray(claims) ? claims.length : null,
      });
    } catch {
      this.fileError.set(
        `${file.name} is not JSON. Choose a Claimdesk article file or JSON report.`,
      );
    }
  }

  /** Sends the chosen file; `asCopy` after the server said its article is already here. */
  protected submitFile(asCopy = false): void {
    const chosen = this.chosen();
    if (chosen) {
      const article: NewArticle = {
        source: 'file',
        file: chosen.content,
        ...(asCopy ? { asCopy: true } : {}),
      };
      this.store.dispatch(IntakePageActions.submitted({ article }));
    }
  }
}
