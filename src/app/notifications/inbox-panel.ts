import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenuItem } from '@angular/material/menu';
import { MatProgressBar } from '@angular/material/progress-bar';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { Notification } from '../../domain/notifications';
import { relativeTime } from '../workspace/claims-table/relative-time';
import { minuteClock } from '../workspace/minute-clock';
import { NOTIFICATION_ICONS } from './inbox-wording';
import { InboxPanelActions } from './state/notifications.actions';
import { inboxFeature } from './state/notifications.feature';

/**
 * The notifications list inside the toolbar's menu: newest first, unread ones
 * marked, each a link to its claim in its article. Mark all read and Show more
 * keep the menu open (they stop the click before the menu closes itself).
 */
@Component({
  selector: 'cd-inbox-panel',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatButton, MatIcon, MatMenuItem, MatProgressBar, RouterLink],
  template: `
    <div class="head">
      <h2 id="inbox-title">Notifications</h2>
      <button
        mat-button
        type="button"
        [disabled]="unread() === 0"
        (click)="markAllRead($event)"
        data-testid="mark-all-read"
      >
        Mark all read
      </button>
    </div>
    @if (error(); as message) {
      <p role="alert" class="error">
        {{ message }}
        <button mat-button type="button" (click)="retry($event)">Try again</button>
      </p>
    }
    @for (item of items(); track item.id) {
      <a
        mat-menu-item
        class="item"
        [class.unread]="item.readAt === null"
        [routerLink]="['/articles', item.articleId]"
        [queryParams]="{ claim: item.claimId }"
        (click)="open(item)"
        data-testid="notification"
      >
        <mat-icon aria-hidden="true" [svgIcon]="icons[item.kind]" />
        <span class="body">
          @if (item.readAt === null) {
            <span class="text"
              ><span class="dot" aria-hidden="true"></span
              ><span class="cd-visually-hidden">Unread: </span>{{ item.text }}</span
            >
          } @else {
            <span class="text">{{ item.text }}</span>
          }
          <span class="meta"
            >{{ item.actor?.displayName ?? 'Reminder' }} ·
            <time [attr.datetime]="item.createdAt">{{ ago(item.createdAt) }}</time></span
          >
        </span>
      </a>
    } @empty {
      @if (!loading() && !error()) {
        <p class="none">Nothing yet: you are told here when work reaches you.</p>
      }
    }
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading notifications" />
    }
    @if (hasMore()) {
      <button
        mat-button
        type="button"
        class="more"
        [disabled]="loading()"
        (click)="showMore($event)"
      >
        Show more
      </button>
    }
  `,
  styles: `
    :host {
      display: block;
      width: min(420px, 92vw);
    }
    .head {
      display: flex;
      align-items: center;
      justify-content: space-between;
      padding: 0 8px 0 16px;
      h2 {
        font: var(--mat-sys-title-small);
        margin: 0;
      }
    }
    .item {
      height: auto;
      min-height: 56px;
      padding-top: 6px;
      padding-bottom: 6px;
      white-space: normal;
    }
    .body {
      display: flex;
      flex-direction: column;
    }
    .meta {
      font: var(--mat-sys-body-small);
      color: var(--mat-sys-on-surface-variant);
    }
    .unread .text {
      font-weight: 600;
    }
    .dot {
      display: inline-block;
      width: 8px;
      height: 8px;
      border-radius: 50%;
      background: var(--mat-sys-primary);
      margin-right: 6px;
      vertical-align: middle;
    }
    .none,
    .error {
      padding: 8px 16px;
      margin: 0;
      font: var(--mat-sys-body-medium);
    }
    .error {
      color: var(--mat-sys-error);
    }
    .more {
      width: 100%;
    }
  `,
})
export class InboxPanel {
  private readonly store = inject(Store);
  private readonly now = minuteClock();
  protected readonly icons = NOTIFICATION_ICONS;
  protected readonly items = this.store.selectSignal(inboxFeature.selectNotifications);
  protected readonly unread = this.store.selectSignal(inboxFeature.selectUnread);
  protected readonly loading = this.store.selectSignal(inboxFeature.selectLoading);
  protected readonly error = this.store.selectSignal(inboxFeature.selectError);
  protected readonly hasMore = this.store.selectSignal(inboxFeature.selectHasMore);

  protected ago(iso: string): string {
    return relativeTime(iso, this.now());
  }

  protected open(notification: Notification): void {
    this.store.dispatch(
      InboxPanelActions.notificationOpened({ notification, at: new Date().toISOString() }),
    );
  }

  protected markAllRead(event: Event): void {
    event.stopPropagation();
    this.store.dispatch(InboxPanelActions.markAllReadClicked({ at: new Date().toISOString() }));
  }

  protected showMore(event: Event): void {
    event.stopPropagation();
    this.store.dispatch(InboxPanelActions.showMoreClicked());
  }

  protected retry(event: Event): void {
    event.stopPropagation();
    this.store.dispatch(InboxPanelActions.retryClicked());
  }
}
