import { effect, signal, untracked } from '@angular/core';
import { ChangeStatus } from './state/claim-detail.feature';

/**
 * Follows evidence and note requests sent from a form until the server answers,
 * so that the form empties or closes only on success. Must be created in an
 * injection context (it runs an effect).
 */
export class AwaitedChanges {
  /** Request key → the status last seen for it; an answer is a move to saved or failed. */
  private readonly awaiting = signal<ReadonlyMap<string, ChangeStatus | undefined>>(new Map());

  constructor(
    private readonly statusOf: (key: string) => ChangeStatus | undefined,
    settled: (key: string, saved: boolean) => void,
  ) {
    effect(() => {
      for (const [key, seen] of this.awaiting()) {
        const status = this.statusOf(key);
        if (status === seen) {
          continue;
        }
        untracked(() => {
          if (status === 'saved' || status === 'failed') {
            this.awaiting.update((all) => without(all, key));
            settled(key, status === 'saved');
          } else {
            this.awaiting.update((all) => new Map(all).set(key, status));
          }
        });
      }
    });
  }

  /** Call right after dispatching the request named `key`. */
  await(key: string): void {
    const status = untracked(() => this.statusOf(key));
    this.awaiting.update((all) => new Map(all).set(key, status));
  }
}

function without<K, V>(map: ReadonlyMap<K, V>, key: K): ReadonlyMap<K, V> {
  const copy = new Map(map);
  copy.delete(key);
  return copy;
}
