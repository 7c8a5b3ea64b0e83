/**
 * The delivery worker: sends queued deliveries (repositories/webhooks.ts) outside every
 * request. It looks for due deliveries when a change is committed (woken by the change
 * feed, which on PostgreSQL hears every process's changes) and on a timer (retries that
 * fall due, leases of crashed processes that ran out). Each process runs one; the
 * database's leases make each delivery go out from one of them at a time, and each
 * webhook's deliveries one after another, in order.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyBaseLogger } from 'fastify';
import type { Kysely } from 'kysely';
import { Agent, type Dispatcher, fetch } from 'undici';
import { DELIVERY_HEADER, SIGNATURE_HEADER } from '../../src/domain/webhooks';
import type { Database } from '../database/schema';
import {
  type ClaimedDelivery,
  claimDueDeliveries,
  completeDelivery,
  failDelivery,
  hasActiveWebhooks,
  pruneDeliveries,
  releaseDelivery,
} from '../repositories/webhook-deliveries';
import {
  ALLOW_PRIVATE_NETWORK_SETTING,
  PrivateDestinationError,
  publicOnlyDispatcher,
  refusedByAddress,
} from './destination';
import { signature } from './signature';

export interface WebhookTimings {
  /** How often to look for due deliveries besides being woken by changes. */
  readonly pollMs: number;
  /** The first retry's delay; each further one doubles it, up to `retryMaxMs`. */
  readonly retryBaseMs: number;
  readonly retryMaxMs: number;
  /** Attempts in all before a delivery is given up as failed. */
  readonly maxAttempts: number;
  /** A receiver that has not answered by then has failed the attempt. */
  readonly timeoutMs: number;
  /** How long a process holds a delivery it sends; well above `timeoutMs`. */
  readonly leaseMs: number;
  /** Webhooks sent to at once by one process (each webhook's deliveries go one at a time). */
  readonly concurrency: number;
  /** How long settled deliveries stay listed before they are forgotten. */
  readonly keepDeliveriesMs: number;
  /**
   * How long a stop waits for the attempts under way to be answered (and recorded) before
   * it cuts them off and hands them back untried, for another process to send again.
   */
  readonly stopGraceMs: number;
}

/** How often, at most, old deliveries are forgotten. */
const PRUNE_EVERY_MS = 60 * 60_000;

/**
 * Retries after 5 s, 10 s, 20 s … 15 min: 10 attempts over about three quarters of an
 * hour, so a chat server's short outage loses nothing.
 */
export const DEFAULT_WEBHOOK_TIMINGS: WebhookTimings = {
  pollMs: 1000,
  retryBaseMs: 5000,
  retryMaxMs: 15 * 60_000,
  maxAttempts: 10,
  timeoutMs: 10_000,
  leaseMs: 60_000,
  concurrency: 4,
  keepDeliveriesMs: 30 * 24 * 60 * 60_000,
  stopGraceMs: 5_000,
};

/** The delay before the next attempt, once `attemptsMade` attempts have failed. */
export function retryDelayMs(attemptsMade: number, timings: WebhookTimings): number {
  return Math.min(timings.retryBaseMs * 2 ** Math.max(0, attemptsMade - 1), timings.retryMaxMs);
}

type Outcome =
  { ok: true; statusCode: number } | { ok: false; statusCode: number | null; error: string };

export class WebhookWorker {
  /** This process, as the lease holder. */
  private readonly owner = randomUUID();
  /** Set by stop(): no more deliveries are taken. */
  private closing = false;
  /** Aborted once stop()'s grace is over: the attempts still under way are cut off. */
  private readonly stopping = new AbortController();
  private readonly sending = new Map<string, Promise<void>>();
  private timer: NodeJS.Timeout | null = null;
  private pass: Promise<void> | null = null;
  private again = false;
  /** Whether the last look found an active webhook. */
  private anyActive = false;
  /** When old deliveries were last forgotten (ms since the epoch). */
  private prunedAt = 0;
  /** Connections for deliveries: to public addresses only, unless private ones are allowed. */
  private readonly dispatcher: Dispatcher;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly timings: WebhookTimings,
    private readonly log: FastifyBaseLogger,
    /** This app's public address, for each delivery's `url` (links.ts). */
    private readonly linkBase: string,
    /** WEBHOOKS_ALLOW_PRIVATE_NETWORK: deliveries may reach private and local addresses. */
    private readonly allowPrivateNetwork: boolean,
  ) {
    this.dispatcher = allowPrivateNetwork ? new Agent() : publicOnlyDispatcher();
  }

  start(): void {
    this.timer = setInterval(() => this.wake(), this.timings.pollMs);
    this.timer.unref();
    this.wake();
  }

  /**
   * A committed change: look now, if any webhook was active at the last look. Without
   * one, the timer alone looks (a webhook added since is seen within `pollMs`): a desk
   * without webhooks pays one small read per `pollMs`, not one after every write.
   */
  changed(): void {
    if (this.anyActive) {
      this.wake();
    }
  }

  /** Look for due deliveries soon, never inside the caller's turn (a request's, say). */
  wake(): void {
    if (this.closing) {
      return;
    }
    if (this.pass) {
      this.again = true;
      return;
    }
    this.pass = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => this.takeDue())
      .catch((error: unknown) =>
        this.log.error({ err: error }, 'webhook deliveries: look-up failed'),
      )
      .finally(() => {
        this.pass = null;
        if (this.again) {
          this.again = false;
          this.wake();
        }
      });
  }

  /**
   * Stops taking deliveries and lets the attempts under way finish and be recorded, for
   * at most `stopGraceMs`: an attempt cut off is handed back untried, and another process
   * (or this one, restarted) sends it again with the same id, which a receiver that has
   * already answered it sees twice. Those still under way after the grace are cut off.
   */
  async stop(): Promise<void> {
    this.closing = true;
    if (this.timer) {
      clearInterval(this.timer);
    }
    await this.pass;
    const finished = Promise.allSettled([...this.sending.values()]);
    let graceOver: NodeJS.Timeout | undefined;
    const grace = new Promise<void>((resolve) => {
      graceOver = setTimeout(resolve, this.timings.stopGraceMs);
    });
    await Promise.race([finished, grace]);
    clearTimeout(graceOver);
    this.stopping.abort();
    await finished;
    await this.dispatcher.close();
  }

  private async takeDue(): Promise<void> {
    const free = this.timings.concurrency - this.sending.size;
    if (free <= 0) {
      return;
    }
    await this.pruneNowAndThen();
    this.anyActive = await hasActiveWebhooks(this.db);
    if (!this.anyActive) {
      return;
    }
    const now = Date.now();
    const claimed = await claimDueDeliveries(this.db, {
      now: new Date(now).toISOString(),
      leaseUntil: new Date(now + this.timings.leaseMs).toISOString(),
      owner: this.owner,
      limit: free,
      busy: new Set(this.sending.keys()),
      linkBase: this.linkBase,
    });
    for (const delivery of claimed) {
      const sent = this.send(delivery).finally(() => {
        this.sending.delete(delivery.webhookId);
        // Its webhook's next delivery may go now.
        this.wake();
      });
      this.sending.set(delivery.webhookId, sent);
    }
  }

  private async pruneNowAndThen(): Promise<void> {
    const now = Date.now();
    if (now - this.prunedAt < Math.min(PRUNE_EVERY_MS, this.timings.keepDeliveriesMs)) {
      return;
    }
    this.prunedAt = now;
    await pruneDeliveries(this.db, new Date(now - this.timings.keepDeliveriesMs).toISOString());
  }

  private async send(delivery: ClaimedDelivery): Promise<void> {
    const outcome = await this.post(delivery);
    try {
      if (this.stopping.signal.aborted && !outcome.ok) {
        await releaseDelivery(this.db, delivery.seq, this.owner);
      } else if (outcome.ok) {
        await completeDelivery(this.db, {
          seq: delivery.seq,
          owner: this.owner,
          statusCode: outcome.statusCode,
          at: new Date().toISOString(),
        });
      } else {
        const attemptsMade = delivery.attempts + 1;
        const retryAt =
          attemptsMade >= this.timings.maxAttempts
            ? null
            : new Date(Date.now() + retryDelayMs(attemptsMade, this.timings)).toISOString();
        await failDelivery(this.db, {
          seq: delivery.seq,
          owner: this.owner,
          statusCode: outcome.statusCode,
          error: outcome.error,
          retryAt,
        });
      }
    } catch (error) {
      // The lease runs out and another attempt follows: nothing is lost.
      this.log.error({ err: error, delivery: delivery.id }, 'webhook delivery: recording failed');
    }
  }

  private async post(delivery: ClaimedDelivery): Promise<Outcome> {
    const refused = this.allowPrivateNetwork ? null : refusedByAddress(delivery.url);
    if (refused) {
      return { ok: false, statusCode: null, error: refusal(refused) };
    }
    // Not AbortSignal.timeout(): AbortSignal.any() holds its sources weakly and Node's timer
    // holds a timeout signal weakly too, so after a garbage collection that signal is gone
    // and a receiver that never answers would hold its webhook's queue for good. The timer
    // below holds its controller until it fires or is cleared.
    const timeout = new AbortController();
    const timer = setTimeout(
      () => timeout.abort(new DOMException('No answer in time', 'TimeoutError')),
      this.timings.timeoutMs,
    );
    try {
      const response = await fetch(delivery.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Claimdesk-Webhooks/1',
          [SIGNATURE_HEADER]: signature(delivery.secret, delivery.body),
          [DELIVERY_HEADER]: delivery.id,
        },
        body: delivery.body,
        dispatcher: this.dispatcher,
        // A redirect is an answer other than 2xx: followed, it would re-send the body elsewhere.
        redirect: 'manual',
        signal: AbortSignal.any([this.stopping.signal, timeout.signal]),
      });
      // The answer's body is not needed; reading it frees the connection.
      await response.body?.cancel();
      if (response.status >= 200 && response.status < 300) {
        return { ok: true, statusCode: response.status };
      }
      return {
        ok: false,
        statusCode: response.status,
        error: `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
      };
    } catch (error) {
      return { ok: false, statusCode: null, error: this.describe(error) };
    } finally {
      clearTimeout(timer);
    }
  }

  private describe(error: unknown): string {
    if (error instanceof Error && error.name === 'TimeoutError') {
      return `No answer within ${this.timings.timeoutMs / 1000} s`;
    }
    const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
    if (cause instanceof PrivateDestinationError) {
      return refusal(cause);
    }
    if (cause?.code === 'ECONNREFUSED') {
      return 'Connection refused';
    }
    if (typeof cause?.code === 'string') {
      return `Could not connect (${cause.code})`;
    }
    // fetch refuses some ports outright (the Fetch standard's "bad ports": 25, 6000 …).
    if (typeof cause?.message === 'string') {
      return `Could not send: ${cause.message}`;
    }
    return error instanceof Error ? error.message : String(error);
  }
}

function refusal(error: PrivateDestinationError): string {
  return `Not sent: ${error.message} (${ALLOW_PRIVATE_NETWORK_SETTING} allows it)`;
}
