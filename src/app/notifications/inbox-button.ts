import {
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  ViewEncapsulation,
} from '@angular/core';
import { MatBadge } from '@angular/material/badge';
import { MatIconButton } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatMenu, MatMenuContent, MatMenuTrigger } from '@angular/material/menu';
import { MatTooltip } from '@angular/material/tooltip';
import { Store } from '@ngrx/store';
import { InboxPanel } from './inbox-panel';
import { badgeText, inboxLabel } from './inbox-wording';
import { inboxFeature } from './state/notifications.feature';

/** The toolbar's bell: the unread count as a badge, and the notifications in a menu. */
@Component({
  selector: 'cd-inbox-button',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    InboxPanel,
    MatBadge,
    MatIcon,
    MatIconButton,
    MatMenu,
    MatMenuContent,
    MatMenuTrigger,
    MatTooltip,
  ],
  template: `
    <button
      mat-icon-button
      type="button"
      data-testid="inbox-button"
      [matMenuTriggerFor]="inbox"
      [attr.aria-label]="label()"
      [matTooltip]="label()"
      [matBadge]="badge()"
      [matBadgeHidden]="unread() === 0"
      matBadgeColor="warn"
    >
      <mat-icon aria-hidden="true">{{
        unread() ? 'notifications_unread' : 'notifications'
      }}</mat-icon>
    </button>
    <mat-menu #inbox="matMenu" xPosition="before" class="cd-inbox-menu">
      <ng-template matMenuContent>
        <cd-inbox-panel />
      </ng-template>
    </mat-menu>
  `,
  // The menu's panel lives in an overlay, outside this component: its width is set globally.
  encapsulation: ViewEncapsulation.None,
  styles: `
    .mat-mdc-menu-panel.cd-inbox-menu {
      max-width: none;
    }
  `,
})
export class InboxButton {
  private readonly store = inject(Store);
  protected readonly unread = this.store.selectSignal(inboxFeature.selectUnread);
  protected readonly label = computed(() => inboxLabel(this.unread()));
  protected readonly badge = computed(() => badgeText(this.unread()));
}
