/**
 * Runs this process's webhook delivery worker (worker.ts) from the moment the app is
 * ready until it closes, woken by every committed change.
 */
import fp from 'fastify-plugin';
import { linkBase } from './links';
import { DEFAULT_WEBHOOK_TIMINGS, type WebhookTimings, WebhookWorker } from './worker';

export interface WebhookDeliveryOptions {
  /** The dashboard's public address, for each delivery's `url`. */
  readonly publicUrl?: string;
  /** Tests shorten these. */
  readonly timings?: Partial<WebhookTimings>;
  /** WEBHOOKS_ALLOW_PRIVATE_NETWORK (destination.ts); public addresses only without it. */
  readonly allowPrivateNetwork?: boolean;
}

export default fp<WebhookDeliveryOptions>(
  async (app, options) => {
    const worker = new WebhookWorker(
      app.db,
      { ...DEFAULT_WEBHOOK_TIMINGS, ...options.timings },
      app.log,
      linkBase(options.publicUrl),
      options.allowPrivateNetwork ?? false,
    );
    const unsubscribe = app.changes.subscribe(() => worker.changed());
    app.addHook('onReady', async () => worker.start());
    // preClose: before the database closes, so attempts under way are recorded or handed back.
    app.addHook('preClose', async () => {
      unsubscribe();
      await worker.stop();
    });
  },
  { name: 'webhook-delivery', dependencies: ['database', 'changes'] },
);
