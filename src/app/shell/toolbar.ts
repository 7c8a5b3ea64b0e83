import { ChangeDetectionStrategy, Component, inject, Injector } from '@angular/core';
import { MatAnchor, MatButton, MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatToolbar } from '@angular/material/toolbar';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { Store } from '@ngrx/store';
import { ROLE_LABELS } from '../../domain/workflow';
import { InboxButton } from '../notifications/inbox-button';
import { SessionPageActions } from '../session/state/session.actions';
import { sessionFeature } from '../session/state/session.feature';
import { SearchBox } from '../search/search-box';
import { QueueBadges } from './queue-badges';
import { liveFeature } from './state/live.feature';
import { ToolbarActions } from './state/toolbar.actions';
import { Theme } from './theme';

@Component({
  selector: 'cd-toolbar',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    InboxButton,
    MatAnchor,
    MatButton,
    MatIcon,
    MatIconButton,
    MatToolbar,
    MatTooltip,
    QueueBadges,
    RouterLink,
    RouterLinkActive,
    SearchBox,
  ],
  template: `
    <header>
      <mat-toolbar>
        <a class="brand" routerLink="/">Claimdesk</a>
        @if (user()) {
          <div class="desk">
            <nav class="pages" aria-label="Pages">
              <a
                mat-button
                routerLink="/"
                routerLinkActive="active"
                [routerLinkActiveOptions]="{ exact: true }"
                ariaCurrentWhenActive="page"
                >My work</a
              >
              <a
                mat-button
                routerLink="/articles"
                routerLinkActive="active"
                [routerLinkActiveOptions]="{ exact: true }"
                ariaCurrentWhenActive="page"
                >Articles</a
              >
            </nav>
            <cd-queue-badges />
          </div>
          <cd-search-box />
        }
        <span class="spacer"></span>
        <span class="live" role="status" data-testid="live-status">
          @if (paused()) {
            <span class="notice" matTooltip="Changes by others will show once reconnected">
              <mat-icon aria-hidden="true" svgIcon="sync_problem" />
              <span class="notice-text">Live updates paused — reconnecting…</span>
            </span>
          }
        </span>
        @if (user()) {
          <cd-inbox-button />
        }
        <button
          mat-icon-button
          type="button"
          (click)="theme.toggle()"
          [attr.aria-label]="theme.mode() === 'dark' ? 'Use light theme' : 'Use dark theme'"
          [matTooltip]="theme.mode() === 'dark' ? 'Use light theme' : 'Use dark theme'"
        >
          <mat-icon
            aria-hidden="true"
            [svgIcon]="theme.mode() === 'dark' ? 'light_mode' : 'dark_mode'"
          />
        </button>
        @if (user(); as u) {
          @if (u.role === 'admin') {
            <a mat-button routerLink="/people">People</a>
            <a mat-button routerLink="/webhooks">Webhooks</a>
          }
          <button
            mat-button
            type="button"
            class="user"
            data-testid="current-user"
            matTooltip="Change how colleagues see your name"
            (click)="changeName()"
          >
            <span class="name">{{ u.displayName }} · </span
            ><span class="role">{{ roleLabels[u.role] }}</span>
          </button>
          <button mat-button type="button" (click)="signOut()">Sign out</button>
        }
      </mat-toolbar>
    </header>
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
    .desk {
      display: flex;
      align-items: center;
      gap: 8px;
      margin-left: 16px;
    }
    .pages {
      .active {
        background: var(--mat-sys-secondary-container);
        color: var(--mat-sys-on-secondary-container);
      }
    }
    .user {
      font: var(--mat-sys-body-medium);
      margin: 0 4px;
      white-space: nowrap;
    }
    .notice {
      display: inline-flex;
      align-items: center;
      gap: 6px;
      margin: 0 8px;
      padding: 2px 10px 2px 6px;
      border-radius: 16px;
      background: var(--mat-sys-tertiary-container);
      color: var(--mat-sys-on-tertiary-container);
      font: var(--mat-sys-label-medium);
      mat-icon {
        font-size: 18px;
        width: 18px;
        height: 18px;
      }
    }
    // A phone keeps the role (what this person may do) and drops the name; the
    // notice keeps its icon and says the rest to screen readers.
    // Narrower than a laptop, the pages and the queues take a row of their own.
    @media (max-width: 760px) {
      mat-toolbar {
        flex-wrap: wrap;
        height: auto;
        min-height: var(--mat-toolbar-standard-height, 64px);
        padding-bottom: 4px;
      }
      .desk {
        order: 1;
        width: 100%;
        margin-left: 0;
        justify-content: space-between;
      }
    }
    @media (max-width: 480px) {
      .brand {
        font: var(--mat-sys-title-medium);
      }
      .user {
        margin: 0;
        font: var(--mat-sys-body-small);
      }
      .name,
      .notice-text {
        position: absolute;
        width: 1px;
        height: 1px;
        overflow: hidden;
        clip: rect(0 0 0 0);
        white-space: nowrap;
      }
      .notice {
        margin: 0 4px;
        padding: 4px;
      }
    }
  `,
})
export class Toolbar {
  private readonly store = inject(Store);
  private readonly injector = inject(Injector);
  protected readonly theme = inject(Theme);
  protected readonly user = this.store.selectSignal(sessionFeature.selectUser);
  protected readonly paused = this.store.selectSignal(liveFeature.selectPaused);
  protected readonly roleLabels = ROLE_LABELS;

  protected async changeName(): Promise<void> {
    const user = this.user();
    if (!user) {
      return;
    }
    // Loaded on demand: the dialog and forms code stay out of the first download.
    const { askForDisplayName } = await import('../users/display-name-dialog');
    askForDisplayName(this.injector, user.displayName).subscribe((displayName) => {
      if (displayName) {
        this.store.dispatch(
          ToolbarActions.displayNameChanged({ username: user.username, displayName }),
        );
      }
    });
  }

  protected signOut(): void {
    this.store.dispatch(SessionPageActions.signOutClicked());
  }
}
