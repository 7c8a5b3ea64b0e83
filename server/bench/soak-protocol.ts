/** What the soak benchmark's server process (soak-server.ts) tells its driver (soak.ts). */
export interface MemorySample {
  readonly type: 'memory';
  /** ms since the epoch. */
  readonly at: number;
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
}
