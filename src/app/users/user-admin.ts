import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { FormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatSnackBar } from '@angular/material/snack-bar';
import { Store } from '@ngrx/store';
import { Observable } from 'rxjs';
import { Role, ROLE_LABELS, ROLES } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';
import { sessionFeature } from '../session/state/session.feature';
import { describeHttpError } from '../shell/http-errors';
import { UsersApi } from './users-api';

/** Admins add the newsroom's people, change their role or disable them. The server enforces it. */
@Component({
  selector: 'cd-user-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatError,
    MatFormField,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
  ],
  template: `
    <h1>People</h1>
    <table class="users">
      <thead>
        <tr>
          <th scope="col">Username</th>
          <th scope="col">Role</th>
          <th scope="col">Status</th>
          <th scope="col"><span class="cd-visually-hidden">Actions</span></th>
        </tr>
      </thead>
      <tbody>
        @for (user of users(); track user.username) {
          <tr>
            <td>{{ user.username }}</td>
            <td>
              <mat-form-field subscriptSizing="dynamic">
                <mat-label>Role of {{ user.username }}</mat-label>
                <mat-select
                  [value]="user.role"
                  [disabled]="user.username === me()?.username"
                  (valueChange)="update(user, { role: $event })"
                >
                  @for (role of roles; track role) {
                    <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
                  }
                </mat-select>
              </mat-form-field>
            </td>
            <td>{{ user.disabled ? 'Disabled' : 'Active' }}</td>
            <td>
              @if (user.username !== me()?.username) {
                <button
                  mat-button
                  type="button"
                  (click)="update(user, { disabled: !user.disabled })"
                >
                  {{ user.disabled ? 'Enable' : 'Disable' }}
                </button>
              }
            </td>
          </tr>
        }
      </tbody>
    </table>
    <h2>Add a person</h2>
    <form [formGroup]="form" (ngSubmit)="add()" class="add">
      <mat-form-field>
        <mat-label>Username</mat-label>
        <input matInput formControlName="username" autocomplete="off" required />
        <mat-error>2-64 lower-case letters, digits, dot, dash or underscore</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Role</mat-label>
        <mat-select formControlName="role">
          @for (role of roles; track role) {
            <mat-option [value]="role">{{ roleLabels[role] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Initial password</mat-label>
        <input
          matInput
          type="password"
          formControlName="password"
          autocomplete="new-password"
          required
        />
        <mat-error>At least 10 characters</mat-error>
      </mat-form-field>
      <button mat-flat-button type="submit">Add</button>
    </form>
  `,
  styles: `
    :host {
      display: block;
      max-width: 960px;
      margin: 0 auto;
      padding: 16px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    .users {
      width: 100%;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
    }
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: 0 12px;
      align-items: baseline;
    }
  `,
})
export class UserAdmin {
  private readonly api = inject(UsersApi);
  private readonly snackBar = inject(MatSnackBar);
  protected readonly me = inject(Store).selectSignal(sessionFeature.selectUser);
  protected readonly users = signal<SessionUser[]>([]);
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: ['', [Validators.required, Validators.pattern(/^[a-z0-9][a-z0-9._-]{1,63}$/)]],
    role: ['fact_checker' as Role],
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  constructor() {
    this.reload();
  }

  protected add(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, role, password } = this.form.getRawValue();
    this.run(this.api.add(username, role, password), `Added ${username}`, () => this.form.reset());
  }

  protected update(user: SessionUser, changes: { role?: Role; disabled?: boolean }): void {
    this.run(this.api.update(user.username, changes), `Updated ${user.username}`);
  }

  private run(request: Observable<unknown>, done: string, after?: () => void): void {
    request.subscribe({
      next: () => {
        this.snackBar.open(done, 'Dismiss', { duration: 3000 });
        after?.();
        this.reload();
      },
      error: (error: unknown) => {
        this.snackBar.open(describeHttpError(error), 'Dismiss', { duration: 8000 });
        this.reload();
      },
    });
  }

  private reload(): void {
    this.api
      .list()
      .subscribe({ next: (users) => this.users.set(users), error: () => this.users.set([]) });
  }
}
