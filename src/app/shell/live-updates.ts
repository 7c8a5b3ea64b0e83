import { Injectable, NgZone, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ChangeType } from '../../domain/change-event';
import { ArticleSummary, ClaimSummary } from '../../domain/claim';
import { SessionUser } from '../session/session-api';

/** One change as the server's event stream sends it. */
export interface ChangeEvent {
  readonly id: number;
  readonly at: string;
  readonly type: ChangeType;
  readonly articleId: string | null;
  readonly claimId: string | null;
  readonly data: {
    readonly claim?: ClaimSummary;
    readonly articleId?: string;
    /** `article.updated`: the article as it now stands (details, version, archived). */
    readonly article?: ArticleSummary;
    /** `user.changed`: the account as it now stands. */
    readonly user?: SessionUser;
  };
}

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
