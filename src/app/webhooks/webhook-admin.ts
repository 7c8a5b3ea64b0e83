import { DatePipe } from '@angular/common';
import { ChangeDetectionStrategy, Component, inject, signal } from '@angular/core';
import { MatButton } from '@angular/material/button';
import { MatProgressBar } from '@angular/material/progress-bar';
import { Store } from '@ngrx/store';
import { type Webhook, WEBHOOK_FORMAT_LABELS } from '../../domain/webhooks';
import { WebhooksPageActions } from './state/webhooks.actions';
import { webhooksFeature } from './state/webhooks.feature';
import { WebhookDeliveries } from './webhook-deliveries';
import { WebhookForm } from './webhook-form';
import { eventsWording } from './webhook-wording';

/**
 * Admins point the desk's hand-overs (assigned, submitted, approved, a note …) at the
 * newsroom chat or other systems, and see how the deliveries went. The server enforces
 * that only admins may.
 */
@Component({
  selector: 'cd-webhook-admin',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [DatePipe, MatButton, MatProgressBar, WebhookDeliveries, WebhookForm],
  template: `
    <h1>Webhooks</h1>
    <p class="intro">
      Each event on the desk is posted to these addresses as it happens, signed with the webhook's
      secret; a receiver that is down gets it again later.
    </p>
    @if (loading()) {
      <mat-progress-bar mode="indeterminate" aria-label="Loading webhooks" />
    }
    @if (error(); as message) {
      <div role="alert" class="error" data-testid="webhooks-error">
        <p>{{ message }}</p>
        <button mat-stroked-button type="button" (click)="retry()">Try again</button>
      </div>
    }
    @if (webhooks(); as list) {
      @if (list.length === 0) {
        <p class="empty">No webhooks yet: add one below.</p>
      } @else {
        <div class="scroll">
          <table class="webhooks">
            <thead>
              <tr>
                <th scope="col">Receiver</th>
                <th scope="col">Events</th>
                <th scope="col">Format</th>
                <th scope="col">Added</th>
                <th scope="col"><span class="cd-visually-hidden">Actions</span></th>
              </tr>
            </thead>
            <tbody>
              @for (webhook of list; track webhook.id) {
                <tr [class.selected]="selected()?.id === webhook.id">
                  <td class="url">{{ webhook.url }}</td>
                  <td>{{ events(webhook) }}</td>
                  <td>{{ formatLabels[webhook.format] }}</td>
                  <td>{{ webhook.createdAt | date: 'mediumDate' }} by {{ webhook.createdBy }}</td>
                  <td class="actions">
                    @if (confirmingDelete() === webhook.id) {
                      <span class="confirm" role="group" aria-label="Delete this webhook">
                        Nothing more will be sent there.
                        <button mat-button type="button" (click)="remove(webhook)">
                          Yes, delete
                        </button>
                        <button mat-button type="button" (click)="confirmingDelete.set(null)">
                          Cancel
                        </button>
                      </span>
                    } @else {
                      <button
                        mat-button
                        type="button"
                        [attr.aria-pressed]="selected()?.id === webhook.id"
                        (click)="toggleDeliveries(webhook)"
                      >
                        Deliveries
                      </button>
                      <button mat-button type="button" (click)="confirmingDelete.set(webhook.id)">
                        Delete
                      </button>
                    }
                  </td>
                </tr>
              }
            </tbody>
          </table>
        </div>
      }
    }
    @if (selected(); as webhook) {
      <section class="deliveries" aria-label="Deliveries">
        <cd-webhook-deliveries [webhook]="webhook" />
      </section>
    }
    <h2>Add a webhook</h2>
    <cd-webhook-form />
  `,
  styles: `
    :host {
      display: block;
      max-width: 1100px;
      margin: 0 auto;
      padding: 16px;
    }
    h1 {
      font: var(--mat-sys-headline-small);
    }
    h2 {
      font: var(--mat-sys-title-large);
      margin-top: 24px;
    }
    .intro,
    .empty {
      font: var(--mat-sys-body-medium);
      color: var(--mat-sys-on-surface-variant);
    }
    .scroll {
      overflow-x: auto;
    }
    .webhooks {
      width: 100%;
      min-width: 640px;
      border-collapse: collapse;
    }
    th,
    td {
      text-align: left;
      padding: 4px 8px;
      border-bottom: 1px solid var(--mat-sys-outline-variant);
      font: var(--mat-sys-body-medium);
    }
    tr.selected {
      background: var(--mat-sys-secondary-container);
    }
    .url {
      overflow-wrap: anywhere;
    }
    .actions {
      white-space: nowrap;
    }
    .error {
      padding: 8px 16px 16px;
      border-radius: 12px;
      background: var(--mat-sys-error-container);
      color: var(--mat-sys-on-error-container);
    }
    .deliveries {
      margin-top: 16px;
    }
  `,
})
export class WebhookAdmin {
  private readonly store = inject(Store);
  protected readonly webhooks = this.store.selectSignal(webhooksFeature.selectList);
  protected readonly loading = this.store.selectSignal(webhooksFeature.selectLoading);
  protected readonly error = this.store.selectSignal(webhooksFeature.selectError);
  /** The webhook whose deliveries are shown. */
  protected readonly selected = this.store.selectSignal(webhooksFeature.selectShown);
  /** The webhook whose deletion waits for a yes. */
  protected readonly confirmingDelete = signal<string | null>(null);
  protected readonly formatLabels = WEBHOOK_FORMAT_LABELS;
  protected readonly events = (webhook: Webhook) => eventsWording(webhook.events);

  constructor() {
    this.store.dispatch(WebhooksPageActions.opened());
  }

  protected retry(): void {
    this.store.dispatch(WebhooksPageActions.retryClicked());
  }

  protected toggleDeliveries(webhook: Webhook): void {
    this.store.dispatch(
      this.selected()?.id === webhook.id
        ? WebhooksPageActions.deliveriesHidden()
        : WebhooksPageActions.deliveriesShown({ webhookId: webhook.id }),
    );
  }

  protected remove(webhook: Webhook): void {
    this.confirmingDelete.set(null);
    this.store.dispatch(WebhooksPageActions.deleteConfirmed({ webhookId: webhook.id }));
  }
}
