import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Store } from '@ngrx/store';
import { cleanDisplayName } from '../../domain/people';
import { DISPLAY_NAME_ERROR, displayNameValidator } from '../users/display-name';
import { SessionPageActions } from './state/session.actions';
import { sessionFeature } from './state/session.feature';

/** First run: the person holding the printed one-time link creates the first admin. */
@Component({
  selector: 'cd-setup',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatCard,
    MatCardContent,
    MatCardHeader,
    MatCardTitle,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
  ],
  template: `
    <mat-card class="panel" appearance="outlined">
      <mat-card-header
        ><mat-card-title><h1>Set up Claimdesk</h1></mat-card-title></mat-card-header
      >
      <mat-card-content>
        @if (token()) {
          <p>
            Create the first admin account. Admins add the newsroom's editors and fact-checkers.
          </p>
          <form [formGroup]="form" (ngSubmit)="submit()">
            <mat-form-field>
              <mat-label>Username</mat-label>
              <input matInput formControlName="username" autocomplete="username" required />
              <mat-hint>Lower-case letters, digits, dot, dash or underscore</mat-hint>
              <mat-error>2-64 lower-case letters, digits, dot, dash or underscore</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Your name (as colleagues see it)</mat-label>
              <input matInput formControlName="displayName" autocomplete="name" />
              <mat-hint>Optional: the username if left empty</mat-hint>
              <mat-error>{{ displayNameError }}</mat-error>
            </mat-form-field>
            <mat-form-field>
              <mat-label>Password</mat-label>
              <input
                matInput
                type="password"
                formControlName="password"
                autocomplete="new-password"
                required
              />
              <mat-hint>At least 10 characters</mat-hint>
              <mat-error>At least 10 characters</mat-error>
            </mat-form-field>
            @if (error(); as message) {
              <mat-error role="alert">{{ message }}</mat-error>
            }
            <button mat-flat-button type="submit" [disabled]="status() === 'signing_in'">
              Create admin
            </button>
          </form>
        } @else {
          <p role="alert">
            This page needs the one-time link the server printed on its first start.
          </p>
        }
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './session-page.scss',
})
export class Setup {
  private readonly store = inject(Store);
  readonly token = input<string>('');
  protected readonly error = this.store.selectSignal(sessionFeature.selectError);
  protected readonly status = this.store.selectSignal(sessionFeature.selectStatus);
  protected readonly displayNameError = DISPLAY_NAME_ERROR;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', [Validators.required, Validators.pattern(/^[a-z0-9][a-z0-9._-]{1,63}$/)]],
    displayName: ['', displayNameValidator],
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, displayName, password } = this.form.getRawValue();
    this.store.dispatch(
      SessionPageActions.setupSubmitted({
        token: this.token(),
        username,
        password,
        displayName: cleanDisplayName(displayName),
      }),
    );
  }
}
