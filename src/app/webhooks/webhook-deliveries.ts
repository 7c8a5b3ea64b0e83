import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, computed, inject, input } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { type Webhook, WEBHOOK_EVENT_LABELS, WEBHOOK_LIMITS } from '../../domain/webhooks';
import { WebhooksPageActions } from './state/webhooks.actions';
import { webhooksFeature } from './state/webhooks.feature';
import { deliveryWording } from './webhook-wording';

/** A webhook's latest deliveries: what was sent, how the receiver answered, what comes next. */
@Component({
  selector: 'cd-webhook-deliveries',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton, MatProgressBar],
  template: `
    <div class="head">
      <h2>Deliveries to {{ webhook().url }}</h2>
      <button mat-stroked-button type="button" (click)="refresh()">Refresh</button>
    </div>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading deliveries" />
    }
    @if (error(); as message) {
      <p role="alert" class="error">The deliveries cannot be shown: {{ message }}</p>
    } @else if (deliveries(); as list) {
      @if (list.length === 0) {
        <p class="empty">Nothing sent yet. Events are sent as they happen on the desk.</p>
      } @else {
        <div class="scroll">
          <table class="deliveries">
            <caption class="cd-visually-hidden">
              The latest
              {{
                listed
              }}
              deliveries, newest first
            </caption>
            <thead>
              <tr>
                <th scope="col">Event</th>
                <th scope="col">Queued</th>
                <th scope="col">State</th>
                <th scope="col">Answer</th>
                <th scope="col">Last error</th>
                <th scope="col">Delivered / next try</th>
              </tr>
            </thead>
            <tbody>
              @for (delivery of list; track delivery.id) {
                <tr [class]="delivery.status">
                  <td>{{ eventLabels[delivery.event] }}</td>
                  <td>{{ delivery.createdAt | date: 'medium' }}</td>
                  <td>{{ wording(delivery) }}</td>
                  <td>{{ delivery.lastStatusCode ?? '—' }}</td>
                  <td class="last-error">{{ delivery.lastError ?? '' }}</td>
                  <td>
                    @if (delivery.deliveredAt) {
                      {{ delivery.deliveredAt | date: 'medium' }}
                    } @else if (delivery.status === 'pending' && delivery.attempts === 0) {
                      in line
                    } @else if (delivery.nextAttemptAt) {
                      next {{ delivery.nextAttemptAt | date: 'mediumTime' }}
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
  `,
  styles: `
    .head {
      display: flex;
      align-items: center;
      gap: 16px;
      h2 {
        font: var(--mat-sys-title-medium);
        overflow-wrap: anywhere;
      }
    }
    .scroll {
      overflow-x: auto;
    }
    .deliveries {
      width: 100%;
      min-width: 720px;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-medium);
    }
    tr.failed td {
      color: var(--mat-sys-error);
    }
    .last-error {
      overflow-wrap: anywhere;
    }
    .error {
      color: var(--mat-sys-error);
    }
  `,
})
export class WebhookDeliveries {
  private readonly store = inject(Store);
  /** The webhook shown; its deliveries are asked for when it is chosen (WebhookAdmin). */
  readonly webhook = input.required<Webhook>();
  private readonly state = this.store.selectSignal(webhooksFeature.selectDeliveries);
  /** Only what belongs to the webhook shown. */
  private readonly shown = computed(() => {
    const state = this.state();
    return state?.webhookId === this.webhook().id ? state : null;
  });
  protected readonly deliveries = computed(() => this.shown()?.list ?? null);
  protected readonly loading = computed(() => this.shown()?.loading ?? false);
  protected readonly error = computed(() => this.shown()?.error ?? null);
  protected readonly eventLabels = WEBHOOK_EVENT_LABELS;
  protected readonly listed = WEBHOOK_LIMITS.deliveriesListed;
  protected readonly wording = deliveryWording;

  protected refresh(): void {
    this.store.dispatch(
      WebhooksPageActions.deliveriesRefreshClicked({ webhookId: this.webhook().id }),
    );
  }
}
