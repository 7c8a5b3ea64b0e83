import { HttpClient } from '@angular/common/http';
import { Injectable, inject } from '@angular/core';
import { Observable } from 'rxjs';
import type { NewWebhook, Webhook, WebhookDelivery } from '../../domain/webhooks';

/** The admin-only webhook endpoints (server/routes/webhooks.ts). */
@Injectable({ providedIn: 'root' })
export class WebhooksApi {
  private readonly http = inject(HttpClient);

  list(): Observable<Webhook[]> {
    return this.http.get<Webhook[]>('/api/webhooks');
  }

  add(webhook: NewWebhook): Observable<Webhook> {
    return this.http.post<Webhook>('/api/webhooks', webhook);
  }

  remove(id: string): Observable<void> {
    return this.http.delete<void>(`/api/webhooks/${encodeURIComponent(id)}`);
  }

  /** The latest deliveries, newest first. */
  deliveries(id: string): Observable<WebhookDelivery[]> {
    return this.http.get<WebhookDelivery[]>(`/api/webhooks/${encodeURIComponent(id)}/deliveries`);
  }
}
