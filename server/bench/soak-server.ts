/**
 * The server side of `npm run bench:soak`: `server.ts` itself, as `npm run server` runs
 * it (configuration from the environment, its own logging), plus a report of the
 * process's memory to the driver every second over the IPC channel.
 */
import type { MemorySample } from './soak-protocol';

const REPORT_EVERY_MS = 1000;

setInterval(() => {
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const sample: MemorySample = {
    type: 'memory',
    at: Date.now(),
    rss,
    heapUsed,
    heapTotal,
    external,
  };
  if (process.connected) {
    process.send?.(sample);
  }
}, REPORT_EVERY_MS).unref();

await import('../server');
