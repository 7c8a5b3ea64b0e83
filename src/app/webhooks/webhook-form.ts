import {
  ChangeDetectionStrategy,
  Component,
  effect,
  inject,
  untracked,
  viewChild,
} from '@angular/core';
import { FormBuilder, FormGroupDirective, ReactiveFormsModule, Validators } from '@angular/forms';
import { MatButton } from '@angular/material/button';
import { MatError, MatFormField, MatHint, MatLabel } from '@angular/material/form-field';
import { MatInput } from '@angular/material/input';
import { MatOption, MatSelect } from '@angular/material/select';
import { Store } from '@ngrx/store';
import {
  ALL_WEBHOOK_EVENTS,
  type WebhookEventChoice,
  type WebhookFormat,
  WEBHOOK_EVENT_LABELS,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMAT_LABELS,
  WEBHOOK_FORMATS,
  WEBHOOK_LIMITS,
} from '../../domain/webhooks';
import { webUrlValidator } from '../shell/web-url-validator';
import { WebhooksPageActions } from './state/webhooks.actions';
import { webhooksFeature } from './state/webhooks.feature';
import { randomSecret, WEBHOOK_FIELD_LABELS } from './webhook-wording';

/**
 * Adds a webhook. The secret starts as a fresh random one, shown in clear: this is the
 * only time anyone sees it (the server never returns it), so the admin copies it into
 * the receiver now.
 */
@Component({
  selector: 'cd-webhook-form',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    ReactiveFormsModule,
    MatButton,
    MatError,
    MatFormField,
    MatHint,
    MatInput,
    MatLabel,
    MatOption,
    MatSelect,
  ],
  template: `
    <form [formGroup]="form" (ngSubmit)="add()" class="add" aria-label="Add a webhook">
      <mat-form-field class="url" subscriptSizing="dynamic">
        <mat-label>{{ labels.url }}</mat-label>
        <input matInput type="url" formControlName="url" autocomplete="off" required />
        <mat-hint>A Slack or Mattermost incoming webhook, or your own service</mat-hint>
        <mat-error>An http:// or https:// address</mat-error>
      </mat-form-field>
      <mat-form-field class="format">
        <mat-label>{{ labels.format }}</mat-label>
        <mat-select formControlName="format">
          @for (format of formats; track format) {
            <mat-option [value]="format">{{ formatLabels[format] }}</mat-option>
          }
        </mat-select>
      </mat-form-field>
      <mat-form-field class="events">
        <mat-label>{{ labels.events }}</mat-label>
        <mat-select
          formControlName="events"
          multiple
          (selectionChange)="eventsChanged($event.value)"
        >
          <mat-option [value]="all">Every event</mat-option>
          @for (event of events; track event) {
            <mat-option [value]="event">{{ eventLabels[event] }}</mat-option>
          }
        </mat-select>
        <mat-error>Choose at least one event</mat-error>
      </mat-form-field>
      <mat-form-field class="secret" subscriptSizing="dynamic">
        <mat-label>{{ labels.secret }}</mat-label>
        <input matInput formControlName="secret" autocomplete="off" spellcheck="false" required />
        <mat-hint>Copy it now: it is never shown again</mat-hint>
        <mat-error>At least {{ secretMin }} characters</mat-error>
      </mat-form-field>
      <div class="actions">
        <button mat-button type="button" (click)="newSecret()">New secret</button>
        <button mat-flat-button type="submit" [disabled]="adding()">Add webhook</button>
      </div>
    </form>
    @if (refusal(); as message) {
      <p role="alert" class="refusal" data-testid="webhook-refusal">{{ message }}</p>
    }
  `,
  styles: `
    .add {
      display: flex;
      flex-wrap: wrap;
      gap: 4px 12px;
      align-items: baseline;
    }
    .url {
      flex: 1 1 360px;
    }
    .format {
      flex: 0 0 260px;
    }
    .events {
      flex: 1 1 260px;
    }
    .secret {
      flex: 1 1 360px;
      input {
        font-family: var(--cd-mono-font, monospace);
      }
    }
    .refusal {
      color: var(--mat-sys-error);
    }
  `,
})
export class WebhookForm {
  private readonly store = inject(Store);
  protected readonly adding = this.store.selectSignal(webhooksFeature.selectAdding);
  private readonly added = this.store.selectSignal(webhooksFeature.selectAdded);
  /** The server's reason for refusing the webhook; what was typed stays. */
  protected readonly refusal = this.store.selectSignal(webhooksFeature.selectAddRefusal);
  protected readonly labels = WEBHOOK_FIELD_LABELS;
  protected readonly all = ALL_WEBHOOK_EVENTS;
  protected readonly events = WEBHOOK_EVENTS;
  protected readonly eventLabels = WEBHOOK_EVENT_LABELS;
  protected readonly formats = WEBHOOK_FORMATS;
  protected readonly formatLabels = WEBHOOK_FORMAT_LABELS;
  protected readonly secretMin = WEBHOOK_LIMITS.secretMin;
  protected readonly form = inject(FormBuilder).nonNullable.group({
    url: ['', [Validators.required, Validators.maxLength(WEBHOOK_LIMITS.url), webUrlValidator]],
    format: ['slack' as WebhookFormat],
    events: [[ALL_WEBHOOK_EVENTS] as WebhookEventChoice[], Validators.required],
    secret: [
      randomSecret(),
      [
        Validators.required,
        Validators.minLength(WEBHOOK_LIMITS.secretMin),
        Validators.maxLength(WEBHOOK_LIMITS.secretMax),
      ],
    ],
  });

  private readonly formDirective = viewChild.required(FormGroupDirective);
  /** The events chosen before the latest change of the selection. */
  private previousEvents: WebhookEventChoice[] = [ALL_WEBHOOK_EVENTS];

  constructor() {
    // The form clears, with a new secret, once the server has the webhook; as a form
    // not yet sent, so that the emptied URL is not shown as an error.
    effect(() => {
      if (this.added()) {
        untracked(() => {
          this.previousEvents = [ALL_WEBHOOK_EVENTS];
          this.formDirective().resetForm({ secret: randomSecret() });
        });
      }
    });
  }

  /** "Every event" and single events exclude each other: the latest choice wins. */
  protected eventsChanged(chosen: WebhookEventChoice[]): void {
    const before = this.previousEvents;
    const addedAll = chosen.includes(ALL_WEBHOOK_EVENTS) && !before.includes(ALL_WEBHOOK_EVENTS);
    const next: WebhookEventChoice[] = addedAll
      ? [ALL_WEBHOOK_EVENTS]
      : chosen.length > 1
        ? chosen.filter((event) => event !== ALL_WEBHOOK_EVENTS)
        : chosen;
    this.previousEvents = next;
    this.form.controls.events.setValue(next);
  }
  protected newSecret(): void {
    this.form.controls.secret.setValue(randomSecret());
  }

  protected add(): void {
    if (this.form.invalid) {
      this.form.markAllAsTouched();
      return;
    }
    const { url, format, events, secret } = this.form.getRawValue();
    this.store.dispatch(
      WebhooksPageActions.webhookSubmitted({
        webhook: { url: url.trim(), format, events, secret },
      }),
    );
  }
}
