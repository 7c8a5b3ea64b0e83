import { Injectable, NgZone, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ChangeEvent } from '../../domain/change-event';

export type { ChangeEvent };

export type LiveMessage =
  { kind: 'open' } | { kind: 'error' } | { kind: 'change'; event: ChangeEvent };

/**
 * The server's change feed as an Observable. EventSource reconnects by itself
 * and sends Last-Event-ID, so the server replays whatever was missed.
 */
@Injectable({ providedIn: 'root' })
export class LiveUpdates {
  private readonly zone = inject(NgZone);

  connect(url = '/api/events'): Observable<LiveMessage> {
    return new Observable<LiveMessage>((subscriber) => {
      const source = new EventSource(url, { withCredentials: true });
      source.onopen = () => this.zone.run(() => subscriber.next({ kind: 'open' }));
      source.onerror = () => this.zone.run(() => subscriber.next({ kind: 'error' }));
      source.onmessage = (message: MessageEvent<string>) => {
        try {
          const event = JSON.parse(message.data) as ChangeEvent;
          this.zone.run(() => subscriber.next({ kind: 'change', event }));
        } catch {
          // A malformed message is dropped; the next full event carries the state anyway.
        }
      };
      return () => source.close();
    });
  }
}
