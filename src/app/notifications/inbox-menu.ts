import {
  afterNextRender,
  ChangeDetectionStrategy,
  Component,
  input,
  TemplateRef,
  viewChild,
  ViewEncapsulation,
} from '@angular/core';
import { NgTemplateOutlet } from '@angular/common';
import { MatBadge } from '@angular/material/badge';
import { MatIconButton } from '@angular/material/button';
import { MatMenu, MatMenuContent, MatMenuTrigger } from '@angular/material/menu';
import { MatTooltip } from '@angular/material/tooltip';
import { InboxPanel } from './inbox-panel';

/**
 * The bell as a menu trigger, and the notifications in the menu. Loaded after the
 * first render (see InboxButton): the menu and list code stay out of the first download.
 */
@Component({
  selector: 'cd-inbox-menu',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    InboxPanel,
    MatBadge,
    MatIconButton,
    MatMenu,
    MatMenuContent,
    MatMenuTrigger,
    MatTooltip,
    NgTemplateOutlet,
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
      <ng-container [ngTemplateOutlet]="icon()" />
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
export class InboxMenu {
  /** The bell icon (InboxButton's, shown the same before and after loading). */
  readonly icon = input.required<TemplateRef<unknown>>();
  readonly label = input.required<string>();
  readonly badge = input.required<string>();
  readonly unread = input.required<number>();
  /** The bell was clicked before this loaded: open once shown, as that click asked. */
  readonly openAtOnce = input(false);

  private readonly trigger = viewChild.required(MatMenuTrigger);

  constructor() {
    afterNextRender(() => {
      if (this.openAtOnce()) {
        this.trigger().openMenu();
      }
    });
  }
}
