/**
 * Fan-out of committed change events to the live SSE streams of this process.
 *
 * SQLite has one writer and one process: a route's `publish` after commit hands its
 * events straight to the streams. PostgreSQL may serve several processes, and an
 * event's place in the feed is only known after commit (repositories/events.ts): there
 * `publish` asks the feed (feed/postgres-feed.ts) to number the new events, and the
 * feed delivers every process's events, read back in feed order, to these streams.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { EventEmitter } from 'node:events';
import fp from 'fastify-plugin';
import { type DatabaseTarget, isPostgres } from '../database/engine';
import { PostgresFeed } from '../feed/postgres-feed';
import type { ChangeEvent } from '../repositories/events';

/** The sequencing rounds a request's `publish` asked for, awaited before its answer. */
const requestRounds = new AsyncLocalStorage<Promise<void>[]>();

export class ChangeHub {
  private readonly emitter = new EventEmitter();
  private feed: PostgresFeed | null = null;

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
        // On PostgreSQL an event's id is its row's until it is numbered (recordEvent).
        const round = this.feed.kick(events.map((event) => event.id));
        requestRounds.getStore()?.push(round);
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
    return this.feed ? this.feed.kick() : Promise.resolve();
  }

  /** Hands events, in feed order, to every stream. */
  deliver(events: readonly ChangeEvent[]): void {
    for (const event of events) {
      this.emitter.emit('change', event);
    }
  }

  subscribe(listener: (event: ChangeEvent) => void): () => void {
    this.emitter.on('change', listener);
    return () => this.emitter.off('change', listener);
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
      const feed = new PostgresFeed(app.db, (events) => hub.deliver(events), {
        listenUrl: target?.engine === 'postgres' ? target.url : undefined,
        log: app.log,
      });
      await feed.start();
      hub.useFeed(feed);
      // A write is answered once its events are in the feed and delivered here, as on
      // SQLite: the caches that listen to the feed (claim lists, desk, stats) are then
      // fresh for the writer's next read, a client that then opens a stream, here or on
      // another process, is past them, and one that resumes from an earlier id gets them.
      // A failed round never fails the request: the write has committed, and the timer
      // numbers what it left. The store is entered after the body is parsed (preHandler),
      // so that the handler, and its `publish`, run inside it.
      const rounds = new WeakMap<object, Promise<void>[]>();
      app.addHook('preHandler', (request, _reply, done) => {
        const store: Promise<void>[] = [];
        rounds.set(request, store);
        requestRounds.run(store, done);
      });
      app.addHook('onSend', async (request, _reply, payload) => {
        const store = rounds.get(request);
        if (store && store.length > 0) {
          await Promise.all(store.splice(0));
        }
        return payload;
      });
      app.addHook('onClose', async () => feed.stop());
    }
  },
  { name: 'changes', dependencies: ['database'] },
);
