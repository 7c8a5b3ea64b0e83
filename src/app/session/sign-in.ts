import { ChangeDetectionStrategy, Component, inject, input } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatCard, MatCardContent, MatCardHeader, MatCardTitle } from '@angular/material/card';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { Store } from '@ngrx/store';
import { SessionPageActions } from './state/session.actions';
import { sessionFeature } from './state/session.feature';

@Component({
  selector: 'cd-sign-in',
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
    MatInput,
    MatLabel,
  ],
  template: `
    <mat-card class="panel" appearance="outlined">
      <mat-card-header
        ><mat-card-title><h1>Sign in to Claimdesk</h1></mat-card-title></mat-card-header
      >
      <mat-card-content>
        <form [formGroup]="form" (ngSubmit)="submit()">
          <mat-form-field>
            <mat-label>Username</mat-label>
            <input matInput formControlName="username" autocomplete="username" required />
            <mat-error>Enter your username</mat-error>
          </mat-form-field>
          <mat-form-field>
            <mat-label>Password</mat-label>
            <input
              matInput
              type="password"
              formControlName="password"
              autocomplete="current-password"
              required
            />
            <mat-error>Enter your password</mat-error>
          </mat-form-field>
          @if (error(); as message) {
            <mat-error role="alert">{{ message }}</mat-error>
          }
          <button mat-flat-button type="submit" [disabled]="status() === 'signing_in'">
            Sign in
          </button>
        </form>
      </mat-card-content>
    </mat-card>
  `,
  styleUrl: './session-page.scss',
})
export class SignIn {
  private readonly store = inject(Store);
  /** Where to go once signed in: bound from the query string. */
  readonly returnUrl = input<string>('/');
  protected readonly error = this.store.selectSignal(sessionFeature.selectError);
  protected readonly status = this.store.selectSignal(sessionFeature.selectStatus);
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', Validators.required],
    password: ['', Validators.required],
  });

  protected submit(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, password } = this.form.getRawValue();
    const returnUrl = this.returnUrl()?.startsWith('/') ? this.returnUrl() : '/';
    this.store.dispatch(
      SessionPageActions.signInSubmitted({
        username: username.trim().toLowerCase(),
        password,
        returnUrl,
      }),
    );
  }
}
