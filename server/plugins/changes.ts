/** In-process fan-out of committed change events to the live SSE streams. */
import { EventEmitter } from 'node:events';
import fp from 'fastify-plugin';
import type { ChangeEvent } from '../repositories/events';

export class ChangeHub {
  private readonly emitter = new EventEmitter();

  constructor() {
    // One listener per open browser tab; a newsroom has more than ten.
    this.emitter.setMaxListeners(0);
  }

  /** Call only after the transaction that wrote the events has committed. */
  publish(...events: ChangeEvent[]): void {
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

export default fp(
  async (app) => {
    const hub = new ChangeHub();
    app.decorate('changes', hub);
    app.addHook('preClose', async () => hub.closeAll());
  },
  { name: 'changes' },
);
