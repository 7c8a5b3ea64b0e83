import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatAnchor, MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatToolbar } from '@angular/material/toolbar';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { ROLE_LABELS } from '../../domain/workflow';
import { SessionPageActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';
import { Theme } from './theme';

@Component({
  selector: 'cd-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatAnchor, MatButton, MatIcon, MatIconButton, MatToolbar, MatTooltip, RouterLink],
  template: `
    <mat-toolbar>
      <a class="brand" routerLink="/">Claimdesk</a>
      <span class="spacer"></span>
      <button
        mat-icon-button
        type="button"
        (click)="theme.toggle()"
        [attr.aria-label]="theme.mode() === 'dark' ? 'Use light theme' : 'Use dark theme'"
        [matTooltip]="theme.mode() === 'dark' ? 'Use light theme' : 'Use dark theme'"
      >
        <mat-icon aria-hidden="true">{{
          theme.mode() === 'dark' ? 'light_mode' : 'dark_mode'
        }}</mat-icon>
      </button>
      @if (user(); as u) {
        @if (u.role === 'admin') {
          <a mat-button routerLink="/people">People</a>
        }
        <span class="user" data-testid="current-user"
          >{{ u.displayName }} · {{ roleLabels[u.role] }}</span
        >
        <button mat-button type="button" (click)="signOut()">Sign out</button>
      }
    </mat-toolbar>
  `,
  styles: `
    .brand {
      color: inherit;
      text-decoration: none;
      font: var(--mat-sys-title-large);
    }
    .spacer {
      flex: 1;
    }
    .user {
      font: var(--mat-sys-body-medium);
      margin: 0 8px;
    }
    @media (max-width: 480px) {
      .user {
        display: none;
      }
    }
  `,
})
export class Toolbar {
  private readonly store = inject(Store);
  protected readonly theme = inject(Theme);
  protected readonly user = this.store.selectSignal(sessionFeature.selectUser);
  protected readonly roleLabels = ROLE_LABELS;

  protected signOut(): void {
    this.store.dispatch(SessionPageActions.signOutClicked());
  }
}
