/**
 * Fan-out of committed change events to the live SSE streams of this process.
 *
 * SQLite has one writer and one process: a route's `publish` after commit hands its
 * events straight to the streams. PostgreSQL may serve several processes, and an
 * event's place in the feed is only known after commit (repositories/events.ts): there
 * `publish` asks the feed (feed/postgres-feed.ts) to number the new events, and the
 * feed delivers every process's events, read back in feed order, to these streams.
 * A write is not held back for that numbering: the caches of this process hear of it
 * at once (`onCommitted`), and a stream opened after it numbers it first (`sync`).
 */
import { EventEmitter } from 'node:events';
import fp from 'fastify-plugin';
import { type DatabaseTarget, isPostgres } from '../database/engine';
import { PostgresFeed } from '../feed/postgres-feed';
import type { ChangeEvent } from '../repositories/events';

export class ChangeHub {
  private readonly emitter = new EventEmitter();
  private feed: PostgresFeed | null = null;
  /** Row ids of this process's events whose caches were told at commit, not yet numbered. */
  private readonly toldAtCommit = new Set<number>();

  constructor() {
    // One listener per open browser tab; a newsroom has more than ten.
    this.emitter.setMaxListeners(0);
  }

  /** PostgreSQL: events reach the streams through the feed, in feed order. */
  useFeed(feed: PostgresFeed): void {
    this.feed = feed;
  }

  /**
   * Call only after the transaction that wrote the events has committed. The route call
   * sites are the same on both engines; see the module comment for what differs.
   */
  publish(...events: ChangeEvent[]): void {
    if (this.feed) {
      if (events.length > 0) {
        // The writer's next read, here, must not find what it changed in a cache; the
        // streams wait for the feed's order.
        // On PostgreSQL an event's id is its row's until it is numbered (recordEvent).
        for (const event of events) {
          this.toldAtCommit.add(event.id);
          this.emitter.emit('committed', event);
        }
        // A failed round never fails the write: it has committed, and the timer numbers it.
        this.feed.kick().catch(() => undefined);
      }
      return;
    }
    this.deliver(events);
  }

  /**
   * Settles once every event committed so far has its place in the feed and has reached
   * this process's subscribers: on PostgreSQL also those written outside a request (the
   * import of claims/ on start, the `users` command), which the feed's timer would
   * otherwise number within a second.
   */
  sync(): Promise<void> {
    return this.feed ? this.feed.sync() : Promise.resolve();
  }

  /**
   * Hands events, in feed order, to every stream, and to the caches unless they heard of
   * them at commit (`rowIds`: the feed's, with the row id of each event).
   */
  deliver(events: readonly ChangeEvent[], rowIds: readonly number[] = []): void {
    events.forEach((event, index) => {
      const rowId = rowIds[index];
      if (rowId === undefined || !this.toldAtCommit.delete(rowId)) {
        this.emitter.emit('committed', event);
      }
      this.emitter.emit('change', event);
    });
  }

  /** Every committed event once, in feed order: streams, indexes, the webhook worker. */
  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
  }

  /**
   * For caches, which only drop what an event makes stale: this process's own events as
   * soon as their transaction has committed (on PostgreSQL before the feed numbers them,
   * so a writer's next read here is fresh), and every process's events in feed order. A
   * listener may hear of one event twice.
   */
  onCommitted(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('committed', listener);
    return () => this.emitter.off('committed', listener);
  }

  /** Ends every open stream on shutdown. */
  closeAll(): void {
    this.emitter.emit('close');
  }

  onClose(listener: () => void): () => void {
    this.emitter.on('close', listener);
    return () => this.emitter.off('close', listener);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    changes: ChangeHub;
  }
}

export interface ChangesOptions {
  /** The database's target: on PostgreSQL its URL opens the feed's LISTEN connection. */
  readonly database?: DatabaseTarget;
}

export default fp<ChangesOptions>(
  async (app, options) => {
    const hub = new ChangeHub();
    app.decorate('changes', hub);
    app.addHook('preClose', async () => hub.closeAll());
    if (isPostgres(app.db)) {
      const target = options.database;
      const feed = new PostgresFeed(app.db, (events, rowIds) => hub.deliver(events, rowIds), {
        listenUrl: target?.engine === 'postgres' ? target.url : undefined,
        log: app.log,
      });
      await feed.start();
      hub.useFeed(feed);
      app.addHook('onClose', async () => feed.stop());
    }
  },
  { name: 'changes', dependencies: ['database'] },
);
