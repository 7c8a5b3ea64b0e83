/**
 * Sign-in limits. The counts live in the database (repositories/login-attempts.ts),
 * so that several server processes behind one load balancer count the same
 * attempts: a guesser gains nothing by landing on another process.
 *
 * An attempt is counted before the password is checked, in a transaction of its own,
 * so that parallel requests cannot all pass the check before any failure is counted,
 * and uncounted when it succeeds. Three counts:
 * - per username and address: `limit` failures block that username *from that
 *   address* for the window, so that a stranger's guesses do not lock the person
 *   out at their own address;
 * - per address: ADDRESS_ATTEMPTS_FACTOR times the limit, across usernames, so
 *   that one person's typos do not lock out the rest of the newsroom;
 * - per username across all addresses: after PERSON_ATTEMPTS_FACTOR times the
 *   limit, each further attempt waits (1 s, 2 s, 4 s … up to two minutes) since
 *   the last one: spread-out guessing slows to a crawl, and the person can still
 *   sign in after a short wait (a backoff, never a lockout).
 */
import type { Kysely } from 'kysely';
import type { Database } from '../database/schema';
import { writeTransaction } from '../database/transaction';
import {
  type LoginCount,
  pruneLoginCounts,
  readLoginCounts,
  saveLoginCounts,
} from '../repositories/login-attempts';

/** An address may fail this many times more often than one username there: a newsroom shares one NAT. */
export const ADDRESS_ATTEMPTS_FACTOR = 20;
/**
 * One person may fail this many times the limit across all addresses before each
 * further attempt at their name waits (PERSON_BACKOFF_*): against guessing spread
 * over many addresses, without letting strangers lock the person out.
 */
export const PERSON_ATTEMPTS_FACTOR = 3;
/** The per-person count runs over this many sign-in windows. */
export const PERSON_WINDOW_FACTOR = 4;
/** The first wait once a person's free attempts are used; it doubles with each further attempt… */
export const PERSON_BACKOFF_BASE_MS = 1000;
/** …up to this. */
export const PERSON_BACKOFF_MAX_MS = 120_000;
/** Counts are read, checked and written back: no other transaction may slip in between. */
const SERIALIZABLE = { serializable: true } as const;
/** One attempt in this many also forgets every count whose window has passed. */
const PRUNE_EVERY = 100;

/** The keys an attempt counted under, for `succeeded`. */
export interface Attempt {
  readonly pairKey: string;
  readonly personKey: string;
  readonly addressKey: string;
}

export interface Refusal {
  /** How long until an attempt may pass, in whole seconds (for Retry-After). */
  readonly retryAfterSeconds: number;
}

export class LoginThrottle {
  private attempts = 0;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** How long an attempt at a person with this many counted attempts waits after the last one. */
  personDelayMs(count: number): number {
    const free = this.limit * PERSON_ATTEMPTS_FACTOR;
    if (count < free) {
      return 0;
    }
    return Math.min(
      PERSON_BACKOFF_BASE_MS * 2 ** Math.min(count - free, 30),
      PERSON_BACKOFF_MAX_MS,
    );
  }

  /** Counts an attempt and returns its keys, or a refusal when a limit is reached. */
  async begin(username: string, address: string): Promise<Attempt | Refusal> {
    const attempt: Attempt = {
      pairKey: `pair:${address} ${username}`,
      personKey: `user:${username}`,
      addressKey: `addr:${address}`,
    };
    this.attempts += 1;
    if (this.attempts % PRUNE_EVERY === 0) {
      await pruneLoginCounts(this.db, this.now());
    }
    return writeTransaction(
      this.db,
      async (trx) => {
        // Read anew when a conflict runs the transaction again: the attempts it lost
        // to were counted at a later time than this one began.
        const nowMs = this.now();
        const stored = await readLoginCounts(trx, [
          attempt.pairKey,
          attempt.personKey,
          attempt.addressKey,
        ]);
        const live = (key: string) => {
          const count = stored.get(key);
          return count && nowMs < count.untilMs ? count : undefined;
        };
        const waits: number[] = [];
        const pair = live(attempt.pairKey);
        if (pair && pair.count >= this.limit) {
          waits.push(pair.untilMs - nowMs);
        }
        const byAddress = live(attempt.addressKey);
        if (byAddress && byAddress.count >= this.limit * ADDRESS_ATTEMPTS_FACTOR) {
          waits.push(byAddress.untilMs - nowMs);
        }
        const person = live(attempt.personKey);
        const personDelayMs = person ? this.personDelayMs(person.count) : 0;
        if (person && personDelayMs > 0) {
          const readyMs = person.lastMs + personDelayMs;
          if (readyMs > nowMs) {
            waits.push(readyMs - nowMs);
          }
        }
        if (waits.length > 0) {
          return { retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
        }
        const counted = (key: string, windowMs: number): LoginCount => {
          const current = live(key);
          return {
            key,
            count: (current?.count ?? 0) + 1,
            lastMs: nowMs,
            untilMs: current?.untilMs ?? nowMs + windowMs,
          };
        };
        await saveLoginCounts(trx, [
          counted(attempt.pairKey, this.windowMs),
          counted(attempt.personKey, this.windowMs * PERSON_WINDOW_FACTOR),
          counted(attempt.addressKey, this.windowMs),
        ]);
        return attempt;
      },
      SERIALIZABLE,
    );
  }

  /**
   * The right password: the failures of this username from this address are
   * forgiven (the person proved who they are there); this attempt is uncounted
   * elsewhere, and the failures from other addresses or at other usernames stay.
   */
  async succeeded(attempt: Attempt): Promise<void> {
    await writeTransaction(
      this.db,
      async (trx) => {
        const stored = await readLoginCounts(trx, [
          attempt.pairKey,
          attempt.personKey,
          attempt.addressKey,
        ]);
        const lowered = (key: string, to: (count: number) => number) => {
          const count = stored.get(key);
          return count ? [{ ...count, count: to(count.count) }] : [];
        };
        await saveLoginCounts(trx, [
          ...lowered(attempt.pairKey, () => 0),
          ...lowered(attempt.personKey, (count) => Math.max(0, count - 1)),
          ...lowered(attempt.addressKey, (count) => Math.max(0, count - 1)),
        ]);
      },
      SERIALIZABLE,
    );
  }
}
