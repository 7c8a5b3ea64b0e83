/** Messages between the benchmark driver (api.ts) and its server process (api-server.ts). */

export interface TrackedClaim {
  readonly id: string;
  version: number;
}

export interface ServerReady {
  readonly type: 'ready';
  /** The Claimdesk app. */
  readonly appUrl: string;
  /** The bare Fastify instance serving captured bytes from memory. */
  readonly bareUrl: string;
  readonly cookie: string;
  readonly readArticleId: string;
  /** Every claim with its version after the capture requests. */
  readonly claims: TrackedClaim[];
  readonly seedMs: number;
  readonly captured: Readonly<Record<'read' | 'patch' | 'note', { bytes: number; type: string }>>;
}

export interface ServerClosed {
  readonly type: 'closed';
}

export interface ServerFailed {
  readonly type: 'failed';
  readonly message: string;
}

export type ServerMessage = ServerReady | ServerClosed | ServerFailed;

export interface DriverClose {
  readonly type: 'close';
}
