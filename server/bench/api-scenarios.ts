/**
 * What `npm run bench:api` sends: one autocannon set-up per scenario, and the claims the
 * write scenarios check out and back so that every If-Match is current.
 */
import type autocannon from 'autocannon';
import { fmt } from './api-report';
import { CONNECTIONS, type ScenarioKey, STREAMS } from './api-settings';
import { BROWSER_ACCEPT_ENCODING, type ServerReady, type TrackedClaim } from './protocol';

/**
 * Claims free to be written. A PATCH checks a claim out with the version last
 * seen and returns it with the version the response reports, so no two
 * connections write the same claim at once and every If-Match is current:
 * writes spread over all 10,000 claims and a 412 means a real server problem.
 */
export class ClaimPool {
  private readonly ring: (TrackedClaim | undefined)[];
  private head = 0;
  private size: number;

  constructor(claims: readonly TrackedClaim[]) {
    this.ring = claims.map((claim) => ({ ...claim }));
    this.size = this.ring.length;
  }

  take(): TrackedClaim {
    if (this.size === 0) {
      throw new Error('claim pool is empty');
    }
    const claim = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.size -= 1;
    if (!claim) {
      throw new Error('claim pool is corrupt');
    }
    return claim;
  }

  give(claim: TrackedClaim): void {
    this.ring[(this.head + this.size) % this.ring.length] = claim;
    this.size += 1;
  }

  /** Claims taken and not yet given back. */
  get checkedOut(): number {
    return this.ring.length - this.size;
  }

  peek(count: number): TrackedClaim[] {
    const claims: TrackedClaim[] = [];
    for (let i = 0; i < Math.min(count, this.size); i++) {
      const claim = this.ring[(this.head + i) % this.ring.length];
      if (claim) {
        claims.push(claim);
      }
    }
    return claims;
  }
}

interface PatchContext {
  claim?: TrackedClaim;
}

export interface Scenario {
  readonly key: ScenarioKey;
  readonly label: string;
  /** Options for one autocannon run against `baseUrl`, whose state lives in `state`. */
  options(baseUrl: string, state: ScenarioState): autocannon.Options;
}

export interface ScenarioState {
  readonly pool: ClaimPool;
  counter: number;
  /** Responses neither 2xx nor 412 on a PATCH: the claim is dropped from the pool. */
  dropped: number;
}

export function scenarios(ready: ServerReady): Scenario[] {
  const common = { connections: CONNECTIONS, pipelining: 1, timeout: 10 };
  const writeHeaders = { cookie: ready.cookie, 'content-type': 'application/json' };
  const list: Scenario[] = [
    {
      key: 'read',
      label:
        `GET /api/articles/:id/claims (50 claims, ${ready.captured.read.bytes} B ` +
        `${ready.captured.read.encoding ?? 'uncompressed'}, as a browser asks)`,
      options: (baseUrl) => ({
        ...common,
        url: `${baseUrl}/api/articles/${ready.readArticleId}/claims`,
        headers: { cookie: ready.cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
      }),
    },
    {
      key: 'patch',
      label: 'PATCH /api/claims/:id (rationale, If-Match)',
      options: (baseUrl, state) => ({
        ...common,
        url: baseUrl,
        requests: [
          {
            method: 'PATCH',
            setupRequest: (request, context) => {
              const claim = state.pool.take();
              (context as PatchContext).claim = claim;
              state.counter += 1;
              return {
                ...request,
                path: `/api/claims/${claim.id}`,
                headers: { ...writeHeaders, 'if-match': `"${claim.version}"` },
                body: JSON.stringify({
                  rationale: `Benchmark rationale ${state.counter}: checked against the source.`,
                }),
              };
            },
            onResponse: (status, body, context) => {
              const claim = (context as PatchContext).claim;
              if (!claim) {
                return;
              }
              (context as PatchContext).claim = undefined;
              if (status === 200) {
                claim.version = (JSON.parse(body) as { version: number }).version;
              } else if (status === 412) {
                const current = (JSON.parse(body) as { current?: { version?: number } }).current;
                if (current?.version === undefined) {
                  state.dropped += 1;
                  return;
                }
                claim.version = current.version;
              } else {
                state.dropped += 1;
                return;
              }
              state.pool.give(claim);
            },
          },
        ],
      }),
    },
    {
      key: 'note',
      label: 'POST /api/claims/:id/notes',
      options: (baseUrl, state) => ({
        ...common,
        url: baseUrl,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              // Round robin over all claims; appends never conflict.
              const claim = state.pool.take();
              state.pool.give(claim);
              state.counter += 1;
              return {
                ...request,
                path: `/api/claims/${claim.id}/notes`,
                headers: writeHeaders,
                body: JSON.stringify({ text: `Benchmark note ${state.counter}: source called.` }),
              };
            },
          },
        ],
      }),
    },
    {
      key: 'desk',
      label:
        `GET ${ready.desk.path} (page 1: 50 of ${fmt(ready.desk.mine)}; ` +
        `${fmt(ready.desk.claims)} claims in ${fmt(ready.desk.articles)} articles, ` +
        `${ready.captured.desk.bytes} B)`,
      options: (baseUrl) => ({
        ...common,
        url: `${baseUrl}${ready.desk.path}`,
        headers: { cookie: ready.cookie },
      }),
    },
    {
      // The same page for one person alone: its answering time without 31 others queued.
      key: 'desk-alone',
      label: `GET ${ready.desk.path}, 1 connection`,
      options: (baseUrl) => ({
        ...common,
        connections: 1,
        url: `${baseUrl}${ready.desk.path}`,
        headers: { cookie: ready.cookie },
      }),
    },
    {
      // The article list as one person opens it, over the whole desk.
      key: 'articles',
      label:
        `GET /api/articles (${fmt(ready.articleCount)} articles, ` +
        `${fmt(ready.desk.claims)} claims, ${ready.captured.articles.bytes} B), 1 connection`,
      options: (baseUrl) => ({
        ...common,
        connections: 1,
        url: `${baseUrl}/api/articles`,
        headers: { cookie: ready.cookie },
      }),
    },
  ];
  // The same writes while 50 people have the event stream open: every write is an event
  // sent to each of them. Measured against the same writes with no stream open.
  const patch = list.find((scenario) => scenario.key === 'patch');
  if (patch) {
    list.push({
      ...patch,
      key: 'streams',
      label: `PATCH /api/claims/:id with ${STREAMS} event streams open`,
    });
  }
  return list;
}
