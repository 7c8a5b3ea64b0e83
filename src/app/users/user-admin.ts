import {
  ChangeDetectionStrategy,
  Component,
  computed,
  effect,
  inject,
  signal,
  untracked,
  viewChild,
} from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { cleanDisplayName } from '../../domain/people';
import { Role, ROLE_LABELS, ROLES } from '../../domain/workflow';
import { SessionUser } from '../session/session-api';
import { sessionFeature } from '../session/state/session.feature';
import { DISPLAY_NAME_ERROR, displayNameValidator } from './display-name';
import { PersonName } from './person-name';
import { AccountChanges, PeoplePageActions } from './state/users.actions';
import { usersFeature } from './state/users.feature';
import { USERNAME_RULE } from '../../domain/requests';

/**
 * Admins add the newsroom's people, change their display name or role, or
 * disable them. The server enforces it.
 */
@Component({
  selector: 'cd-user-admin',
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
    MatProgressBar,
    MatSelect,
    PersonName,
  ],
  template: `
    <h1>People</h1>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading people" />
    }
    @if (error(); as message) {
      <div role="alert" class="error" data-testid="people-error">
        <p>The list of people cannot be shown: {{ message }}</p>
        <button mat-stroked-button type="button" (click)="retry()">Try again</button>
      </div>
    } @else if (!firstLoad()) {
      <table class="users">
        <thead>
          <tr>
            <th scope="col">Username</th>
            <th scope="col">Display name</th>
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
                <cd-person-name [person]="user" (renamed)="update(user, { displayName: $event })" />
              </td>
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
                @if (user.username === me()?.username) {
                  <!-- Nobody disables themself. -->
                } @else if (confirmingDisable() === user.username) {
                  <span
                    class="confirm"
                    role="group"
                    [attr.aria-label]="'Disable ' + user.displayName"
                  >
                    {{ user.displayName }} will no longer be able to sign in.
                    <button mat-button type="button" (click)="disable(user)">Yes, disable</button>
                    <button mat-button type="button" (click)="confirmingDisable.set(null)">
                      Cancel
                    </button>
                  </span>
                } @else if (user.disabled) {
                  <button mat-button type="button" (click)="update(user, { disabled: false })">
                    Enable
                  </button>
                } @else {
                  <button mat-button type="button" (click)="confirmingDisable.set(user.username)">
                    Disable
                  </button>
                }
              </td>
            </tr>
          }
        </tbody>
      </table>
    }
    <h2>Add a person</h2>
    <form [formGroup]="form" (ngSubmit)="add()" class="add">
      <mat-form-field>
        <mat-label>Username</mat-label>
        <input matInput formControlName="username" autocomplete="off" required />
        <mat-error data-testid="username-error">{{
          usernameRefusal() ?? '2-64 lower-case letters, digits, dot, dash or underscore'
        }}</mat-error>
      </mat-form-field>
      <mat-form-field>
        <mat-label>Display name</mat-label>
        <input matInput formControlName="displayName" autocomplete="off" />
        <mat-hint>As colleagues see it; the username if left empty</mat-hint>
        <mat-error>{{ displayNameError }}</mat-error>
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
      <button mat-flat-button type="submit" [disabled]="adding()">Add</button>
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
    .error {
      padding: 8px 16px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .confirm {
      font: var(--mat-sys-body-medium);
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
  private readonly store = inject(Store);
  protected readonly me = this.store.selectSignal(sessionFeature.selectUser);
  protected readonly users = this.store.selectSignal(usersFeature.selectAll);
  protected readonly loading = this.store.selectSignal(usersFeature.selectLoading);
  protected readonly firstLoad = this.store.selectSignal(usersFeature.selectFirstLoad);
  protected readonly error = this.store.selectSignal(usersFeature.selectError);
  protected readonly adding = this.store.selectSignal(usersFeature.selectAdding);
  private readonly added = this.store.selectSignal(usersFeature.selectAdded);
  private readonly addRefusal = this.store.selectSignal(usersFeature.selectAddRefusal);
  /** The server's reason for refusing the username, shown under its field. */
  protected readonly usernameRefusal = computed(() => {
    const refusal = this.addRefusal();
    return refusal?.field === 'username' ? refusal.message : null;
  });
  /** The person whose disabling waits for a yes. */
  protected readonly confirmingDisable = signal<string | null>(null);
  protected readonly roles = ROLES;
  protected readonly roleLabels = ROLE_LABELS;
  protected readonly displayNameError = DISPLAY_NAME_ERROR;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    username: [
      '',
      [
        Validators.required,
        Validators.minLength(USERNAME_RULE.minLength),
        Validators.maxLength(USERNAME_RULE.maxLength),
        Validators.pattern(new RegExp(USERNAME_RULE.pattern)),
      ],
    ],
    displayName: ['', displayNameValidator],
    role: ['fact_checker' as Role],
    password: ['', [Validators.required, Validators.minLength(10)]],
  });

  private readonly formDirective = viewChild.required(FormGroupDirective);

  constructor() {
    this.store.dispatch(PeoplePageActions.opened());
    // The form clears once the server has the new account, and keeps what was typed if
    // refused; it clears as a form not yet sent (resetForm, not reset), so that the emptied
    // required fields are not shown as errors.
    effect(() => {
      if (this.added()) {
        untracked(() => this.formDirective().resetForm());
      }
    });
    // A refused username marks its field, until the admin types another.
    effect(() => {
      const message = this.usernameRefusal();
      if (message !== null) {
        untracked(() => {
          const username = this.form.controls.username;
          username.setErrors({ ...username.errors, refused: message });
          username.markAsTouched();
        });
      }
    });
  }

  protected retry(): void {
    this.store.dispatch(PeoplePageActions.retryClicked());
  }

  protected add(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { username, displayName, role, password } = this.form.getRawValue();
    this.store.dispatch(
      PeoplePageActions.personAdded({
        username,
        role,
        password,
        displayName: cleanDisplayName(displayName),
      }),
    );
  }

  protected disable(user: SessionUser): void {
    this.confirmingDisable.set(null);
    this.update(user, { disabled: true });
  }

  protected update(user: SessionUser, changes: AccountChanges): void {
    this.store.dispatch(PeoplePageActions.accountChanged({ previous: user, changes }));
  }
}
