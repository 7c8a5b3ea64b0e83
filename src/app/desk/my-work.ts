import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  inject,
  OnDestroy,
  OnInit,
} from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute } from '@angular/router';
import { Store } from '@ngrx/store';
import { QueueId } from '../../domain/desk';
import { isEditorial } from '../../domain/workflow';
import { SelectionBar } from '../bulk/selection-bar';
import { sessionFeature } from '../session/state/session.feature';
import { DeskClaimList } from './desk-claim-list';
import { MyWorkPageActions } from './state/desk.actions';
import { deskFeature } from './state/desk.feature';

/**
 * My work: the page people land on after signing in. A fact-checker's claims
 * sent back, in research and newly assigned; an editor's (and admin's) review
 * queue, what is overdue across the desk and what nobody has taken.
 */
@Component({
  selector: 'cd-my-work',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DeskClaimList, SelectionBar],
  template: `
    <h1>My work</h1>
    <p class="intro">{{ intro() }}</p>
    @for (item of queues(); track item.queue.id) {
      <section
        class="queue"
        [id]="'queue-' + item.queue.id"
        [attr.aria-labelledby]="'queue-title-' + item.queue.id"
        [attr.data-queue]="item.queue.id"
      >
        <h2 [id]="'queue-title-' + item.queue.id">
          {{ item.queue.title }}
          @if (item.total !== null) {
            <span class="total" [attr.aria-label]="'(' + item.total + ')'">{{ item.total }}</span>
          }
        </h2>
        <cd-desk-claim-list
          [label]="item.queue.title"
          [view]="item"
          [empty]="item.queue.empty"
          [selectedIds]="selectedIds()"
          (showMore)="showMore(item.queue.id)"
          (retry)="retry(item.queue.id)"
          (selectionChange)="select($event.ids, $event.selected)"
        />
      </section>
    }
    <cd-selection-bar class="selection" [claims]="selected()" (cleared)="clearSelection()" />
  `,
  styles: `
    :host {
      display: block;
      max-width: 960px;
      margin: 0 auto;
      padding: 16px 16px 96px;
    }
    h1 {
      font: var(--mat-sys-headline-medium);
      margin-bottom: 4px;
    }
    .intro {
      margin-top: 0;
      color: var(--mat-sys-on-surface-variant);
    }
    .queue {
      margin: 24px 0 8px;
      scroll-margin-top: 16px;
    }
    h2 {
      display: flex;
      align-items: center;
      gap: 10px;
      font: var(--mat-sys-title-large);
      margin: 0 0 4px;
    }
    .selection {
      position: sticky;
      bottom: 8px;
      margin-top: 16px;
    }
    .total {
      min-width: 1.6em;
      padding: 0 8px;
      border-radius: 12px;
      background: var(--mat-sys-secondary-container);
      color: var(--mat-sys-on-secondary-container);
      font: var(--mat-sys-label-large);
      text-align: center;
    }
  `,
})
export class MyWork implements OnInit, OnDestroy {
  private readonly store = inject(Store);
  protected readonly queues = this.store.selectSignal(deskFeature.selectMyQueues);
  protected readonly selectedIds = this.store.selectSignal(deskFeature.selectSelectedIdSet);
  protected readonly selected = this.store.selectSignal(deskFeature.selectSelectedClaims);
  private readonly user = this.store.selectSignal(sessionFeature.selectUser);
  protected readonly intro = computed(() => {
    const user = this.user();
    return user && isEditorial(user.role)
      ? 'What waits for your review, what is late across the desk, and what nobody has taken yet.'
      : 'Your claims across every article: what was sent back, what you are researching, and what is new.';
  });
  /** A toolbar badge links to its queue: `/#queue-overdue`. */
  private readonly fragment = toSignal(inject(ActivatedRoute).fragment);

  /** The fragment last scrolled to: each link scrolls once, not on every live refresh. */
  private scrolledTo: string | null = null;

  constructor() {
    // Once the queues have loaded, so that the page is as long as it will be.
    afterRenderEffect(() => {
      const fragment = this.fragment() ?? null;
      const loaded = this.queues().every((queue) => !queue.loading);
      if (fragment !== this.scrolledTo && loaded) {
        this.scrolledTo = fragment;
        if (fragment) {
          document.getElementById(fragment)?.scrollIntoView({ block: 'start' });
        }
      }
    });
  }

  ngOnInit(): void {
    this.store.dispatch(MyWorkPageActions.opened());
  }

  ngOnDestroy(): void {
    this.store.dispatch(MyWorkPageActions.closed());
  }

  protected showMore(queue: QueueId): void {
    this.store.dispatch(MyWorkPageActions.showMoreClicked({ queue }));
  }

  protected retry(queue: QueueId): void {
    this.store.dispatch(MyWorkPageActions.retryClicked({ queue }));
  }

  protected select(ids: readonly string[], selected: boolean): void {
    this.store.dispatch(MyWorkPageActions.selectionChanged({ ids, selected }));
  }

  protected clearSelection(): void {
    this.store.dispatch(MyWorkPageActions.selectionCleared());
  }
}
