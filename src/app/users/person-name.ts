import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  input,
  output,
  untracked,
} from '@angular/core';
import { FormControl, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { cleanDisplayName } from '../../domain/people';
import { SessionUser } from '../session/session-api';
import { DISPLAY_NAME_ERROR, displayNameValidator } from './display-name';

/**
 * A person's display name on the People page, edited in place: Enter or leaving
 * the field saves a valid new name, Escape goes back to the one saved.
 */
@Component({
  selector: 'cd-person-name',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, MatError, MatFormField, MatInput, MatLabel],
  template: `
    <mat-form-field subscriptSizing="dynamic">
      <mat-label>Display name of {{ person().username }}</mat-label>
      <input
        matInput
        [formControl]="name"
        autocomplete="off"
        (keydown.enter)="save()"
        (keydown.escape)="revert()"
        (blur)="save()"
      />
      <mat-error>{{ error }}</mat-error>
    </mat-form-field>
  `,
  styles: `
    mat-form-field {
      width: 100%;
      min-width: 12em;
    }
  `,
})
export class PersonName {
  readonly person = input.required<SessionUser>();
  /** A valid new name, trimmed. */
  readonly renamed = output<string>();

  protected readonly error = DISPLAY_NAME_ERROR;
  protected readonly name = new FormControl('', {
    nonNullable: true,
    validators: [Validators.required, displayNameValidator],
  });
  /** Only a new name resets the field, not another change to the account. */
  private readonly saved = computed(() => this.person().displayName);

  constructor() {
    // The name as it stands: loaded, saved, rolled back, or changed by someone else.
    effect(() => {
      const saved = this.saved();
      untracked(() => this.name.reset(saved));
    });
  }

  protected save(): void {
    const name = cleanDisplayName(this.name.value);
    if (name === null || this.name.invalid) {
      this.name.markAsTouched();
      return;
    }
    if (name === this.saved()) {
      this.name.reset(name);
    } else {
      this.renamed.emit(name);
    }
  }

  protected revert(): void {
    this.name.reset(this.saved());
  }
}
