import { ChangeDetectionStrategy, Component, computed, inject, signal } from '@angular/core';
import { MatBadge } from '@angular/material/badge';
import { MatIconAnchor } from '@angular/material/button';
import { MatIcon } from '@angular/material/icon';
import { MatTooltip } from '@angular/material/tooltip';
import { RouterLink } from '@angular/router';
import { Store } from '@ngrx/store';
import { QueueId } from '../../domain/desk';
import { QueueBadge, selectQueueBadges } from '../desk/state/desk.feature';
import { DrawQueue } from './draw-queue';
import { IconName } from './icons';

const QUEUE_ICONS: Readonly<Record<QueueId, IconName>> = {
  sent_back: 'undo',
  researching: 'manage_search',
  assigned_new: 'inbox',
  awaiting_review: 'rate_review',
  overdue: 'alarm',
  unassigned: 'person_off',
};

/** "Waiting for your review: 3 claims": what a badge says to a screen reader and in its tooltip. */
export function queueBadgeLabel({ queue, count }: QueueBadge): string {
  if (count === null) {
    return `${queue.title}: not counted yet`;
  }
  return `${queue.title}: ${count === 0 ? 'no claims' : count === 1 ? '1 claim' : `${count} claims`}`;
}

/** The signed-in person's queues in the toolbar, each with its count; each links to its list on My work. */
@Component({
  selector: 'cd-queue-badges',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [MatBadge, MatIcon, MatIconAnchor, MatTooltip, RouterLink],
  template: `
    @if (badges().length) {
      <nav class="queues" aria-label="Your queues">
        @for (badge of badges(); track badge.queue.id) {
          @if (drawn()) {
            <a
              mat-icon-button
              routerLink="/"
              [fragment]="'queue-' + badge.queue.id"
              [attr.data-queue]="badge.queue.id"
              [attr.aria-label]="badge.label"
              [matTooltip]="badge.label"
              [matBadge]="badge.shown"
              [matBadgeHidden]="!badge.shown"
              [class.late]="badge.queue.id === 'overdue'"
            >
              <mat-icon aria-hidden="true" [svgIcon]="badge.icon" />
            </a>
          } @else {
            <span class="slot"></span>
          }
        }
      </nav>
    }
  `,
  styles: `
    .queues {
      display: inline-flex;
      align-items: center;
      gap: 2px;
    }
    // Where a badge will be, as large as its button, until it is drawn.
    .slot {
      width: var(--mat-icon-button-state-layer-size, 40px);
      height: var(--mat-icon-button-state-layer-size, 40px);
    }
    // The overdue count in the error colour as well as in words (its label).
    .late {
      --mat-badge-background-color: var(--mat-sys-error);
      --mat-badge-text-color: var(--mat-sys-on-error);
    }
  `,
})
export class QueueBadges {
  /** The badges are drawn in a task after the toolbar's (DrawQueue); their places are kept. */
  protected readonly drawn = signal(false);
  private readonly source = inject(Store).selectSignal(selectQueueBadges);
  protected readonly badges = computed(() =>
    this.source().map((badge) => ({
      ...badge,
      icon: QUEUE_ICONS[badge.queue.id],
      label: queueBadgeLabel(badge),
      // Nothing in a queue shows no badge; a long queue is "99+".
      shown: badge.count ? (badge.count > 99 ? '99+' : String(badge.count)) : '',
    })),
  );

  constructor() {
    inject(DrawQueue).draw(() => this.drawn.set(true));
  }
}
