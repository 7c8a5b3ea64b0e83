import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatBadge } from '@angular/material/badge';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { Store } from '@ngrx/store';
import { DrawQueue } from '../shell/draw-queue';
import { InboxMenu } from './inbox-menu';
import { badgeText, inboxLabel } from './inbox-wording';
import { inboxFeature } from './state/notifications.feature';

/**
 * The toolbar's bell: the unread count as a badge, and the notifications in a menu.
 * The menu and its list (InboxMenu) load once the app is idle, or at the first click
 * before that (which then opens it): they are needed only after a click, so they stay
 * out of the first download. Until then the same bell shows, without the menu.
 */
@Component({
  selector: 'cd-inbox-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [InboxMenu, MatBadge, MatIcon, MatIconButton, MatTooltip, NgTemplateOutlet],
  template: `
    <ng-template #bell>
      <mat-icon
        aria-hidden="true"
        [svgIcon]="unread() ? 'notifications_unread' : 'notifications'"
      />
    </ng-template>
    @if (!drawn()) {
      <span class="slot"></span>
    } @else {
      @defer (on idle; on interaction) {
        <cd-inbox-menu
          [icon]="bell"
          [label]="label()"
          [badge]="badge()"
          [unread]="unread()"
          [openAtOnce]="clickedEarly()"
        />
      } @placeholder {
        <button
          mat-icon-button
          type="button"
          data-testid="inbox-button"
          [attr.aria-label]="label()"
          [matTooltip]="label()"
          [matBadge]="badge()"
          [matBadgeHidden]="unread() === 0"
          matBadgeColor="warn"
          (click)="clickedEarly.set(true)"
        >
          <ng-container [ngTemplateOutlet]="bell" />
        </button>
      }
    }
  `,
  styles: `
    // Where the bell will be, as large as its button, until it is drawn (DrawQueue).
    .slot {
      display: inline-block;
      vertical-align: middle;
      width: var(--mat-icon-button-state-layer-size, 40px);
      height: var(--mat-icon-button-state-layer-size, 40px);
    }
  `,
})
export class InboxButton {
  private readonly store = inject(Store);
  protected readonly unread = this.store.selectSignal(inboxFeature.selectUnread);
  protected readonly label = computed(() => inboxLabel(this.unread()));
  protected readonly badge = computed(() => badgeText(this.unread()));
  protected readonly clickedEarly = signal(false);
  /** Drawn in a task after the toolbar's, in its place. */
  protected readonly drawn = signal(false);

  constructor() {
    inject(DrawQueue).draw(() => this.drawn.set(true));
  }
}
