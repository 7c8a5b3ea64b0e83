import { ApplicationRef, Injectable, NgZone, inject } from '@angular/core';
import { Observable } from 'rxjs';
import { ChangeEvent } from '../../domain/change-event';

export type { ChangeEvent };

export type LiveMessage =
  { kind: 'open' } | { kind: 'error' } | { kind: 'change'; event: ChangeEvent };

/**
 * How long the stream's messages wait at most for the app's first page (see `connect`): a
 * page that never settles (a request that never ends) must not keep the stream quiet.
 */
export const FIRST_PAGE_WAIT_MS = 5000;

/**
 * The server's change feed as an Observable. EventSource reconnects by itself
 * and sends Last-Event-ID, so the server replays whatever was missed.
 */
@Injectable({ providedIn: 'root' })
export class LiveUpdates {
  private readonly zone = inject(NgZone);
  private readonly appRef = inject(ApplicationRef);
  private firstPage: Promise<unknown> | null = null;

  /**
   * The stream opens as the app starts, but its messages are handed on only once the first
   * page has been drawn (the app is stable), in the order they came: its opening loads what
   * the stream does not carry (people, inbox, queue counts: `refreshDue`), which would
   * otherwise share a slow phone's few connections with the page's own scripts and data,
   * and its work would fall in the page's first tasks. Nothing is lost: the messages wait.
   */
  connect(url = '/api/events'): Observable<LiveMessage> {
    return new Observable<LiveMessage>((subscriber) => {
      const held: LiveMessage[] = [];
      let ready = false;
      const deliver = (message: LiveMessage) => {
        if (ready) {
          this.zone.run(() => subscriber.next(message));
        } else {
          held.push(message);
        }
      };
      void this.whenFirstPageDrawn().then(() => {
        ready = true;
        for (const message of held.splice(0)) {
          if (subscriber.closed) {
            return;
          }
          this.zone.run(() => subscriber.next(message));
        }
      });
      const source = new EventSource(url, { withCredentials: true });
      source.onopen = () => deliver({ kind: 'open' });
      source.onerror = () => deliver({ kind: 'error' });
      source.onmessage = (message: MessageEvent<string>) => {
        try {
          const event = JSON.parse(message.data) as ChangeEvent;
          deliver({ kind: 'change', event });
        } catch {
          // A malformed message is dropped; the next full event carries the state anyway.
        }
      };
      return () => source.close();
    });
  }

  /**
   * Once the app has first been stable (its first page rendered) and the browser has painted
   * it, or after FIRST_PAGE_WAIT_MS at most (a hidden tab paints no frames).
   */
  private whenFirstPageDrawn(): Promise<unknown> {
    this.firstPage ??= Promise.race([
      this.appRef.whenStable().then(afterNextPaint),
      new Promise((waited) => setTimeout(waited, FIRST_PAGE_WAIT_MS)),
    ]);
    return this.firstPage;
  }
}

/** The task after the next frame: its rendering callbacks run, then the frame is painted. */
function afterNextPaint(): Promise<void> {
  return new Promise((painted) => requestAnimationFrame(() => setTimeout(painted)));
}
