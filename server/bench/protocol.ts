/** Messages between the benchmark driver (api.ts) and its server process (api-server.ts). */

/** What Chromium sends: the read scenario asks as a browser does, and gets what it gets. */
export const BROWSER_ACCEPT_ENCODING = 'gzip, deflate, br, zstd';

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
  /** The desk scenario: a page of `path` as the benchmark user, over the whole database. */
  readonly desk: {
    readonly path: string;
    readonly articles: number;
    readonly claims: number;
    /** Claims assigned to the benchmark user outside archived articles: the page's total. */
    readonly mine: number;
    readonly seedMs: number;
  };
  /** The article list (`GET /api/articles`): how many articles it names. */
  readonly articleCount: number;
  readonly captured: Readonly<
    Record<
      'read' | 'patch' | 'note' | 'desk' | 'articles',
      { bytes: number; type: string; encoding?: string }
    >
  >;
}

export interface ServerClosed {
  readonly type: 'closed';
}

export interface ServerFailed {
  readonly type: 'failed';
  readonly message: string;
}

/** The server process's CPU time so far (user + system), in microseconds. */
export interface ServerCpu {
  readonly type: 'cpu';
  readonly micros: number;
}

export type ServerMessage = ServerReady | ServerClosed | ServerFailed | ServerCpu;

export interface DriverClose {
  readonly type: 'close';
}

/** Asks for a ServerCpu answer. */
export interface DriverCpu {
  readonly type: 'cpu';
}
