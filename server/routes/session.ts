/** Sign in, sign out, who am I, and the first-run setup of the first admin. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { DECOY_HASH, hashPassword, verifyPassword } from '../auth/password';
import { currentUser, SESSION_COOKIE } from '../plugins/auth';
import { sendProblem } from '../plugins/problems';
import {
  toPublicUser,
  completeSetup,
  countUsers,
  createSession,
  deleteSession,
  findUserByName,
  SETUP_TOKEN_HOURS,
  User,
} from '../repositories/users';
import {
  displayNameSchema,
  noQuerystring,
  passwordSchema,
  problemRef,
  userSchema,
  usernameSchema,
} from './schemas';

interface Credentials {
  username: string;
  password: string;
}

const sessionResponse = {
  type: 'object',
  properties: { user: userSchema },
  required: ['user'],
  additionalProperties: false,
};

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

interface Count {
  count: number;
  /** When the last attempt was counted (ms). */
  lastMs: number;
  /** When the count is forgotten (ms). */
  readonly untilMs: number;
}

export interface Attempt {
  readonly pair: Count;
  readonly person: Count;
  readonly address: Count;
}

export interface Refusal {
  /** How long until an attempt may pass, in whole seconds (for Retry-After). */
  readonly retryAfterSeconds: number;
}

/**
 * Sign-in attempts in flight or failed, in memory (a restart forgives). An
 * attempt is counted before the password is checked, so that parallel requests
 * cannot all pass the check before any failure is counted, and uncounted when it
 * succeeds. Three counts:
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
export class LoginThrottle {
  private readonly counts = new Map<string, Count>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  private live(key: string, nowMs: number): Count | undefined {
    const entry = this.counts.get(key);
    return entry && nowMs < entry.untilMs ? entry : undefined;
  }

  private counted(key: string, nowMs: number, windowMs: number): Count {
    let entry = this.live(key, nowMs);
    if (!entry) {
      entry = { count: 0, lastMs: nowMs, untilMs: nowMs + windowMs };
      this.counts.set(key, entry);
    }
    entry.count += 1;
    entry.lastMs = nowMs;
    return entry;
  }

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

  /** Counts an attempt and returns its counts, or a refusal when a limit is reached. */
  begin(username: string, address: string): Attempt | Refusal {
    const nowMs = this.now();
    const pairKey = `pair:${address} ${username}`;
    const personKey = `user:${username}`;
    const addressKey = `addr:${address}`;
    const waits: number[] = [];
    const pair = this.live(pairKey, nowMs);
    if (pair && pair.count >= this.limit) {
      waits.push(pair.untilMs - nowMs);
    }
    const byAddress = this.live(addressKey, nowMs);
    if (byAddress && byAddress.count >= this.limit * ADDRESS_ATTEMPTS_FACTOR) {
      waits.push(byAddress.untilMs - nowMs);
    }
    const person = this.live(personKey, nowMs);
    if (person) {
      const readyMs = person.lastMs + this.personDelayMs(person.count);
      if (readyMs > nowMs) {
        waits.push(readyMs - nowMs);
      }
    }
    if (waits.length > 0) {
      return { retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)) };
    }
    if (this.counts.size > 10_000) {
      this.prune(nowMs);
    }
    return {
      pair: this.counted(pairKey, nowMs, this.windowMs),
      person: this.counted(personKey, nowMs, this.windowMs * PERSON_WINDOW_FACTOR),
      address: this.counted(addressKey, nowMs, this.windowMs),
    };
  }

  /**
   * The right password: the failures of this username from this address are
   * forgiven (the person proved who they are there); this attempt is uncounted
   * elsewhere, and the failures from other addresses or at other usernames stay.
   */
  succeeded(attempt: Attempt): void {
    attempt.pair.count = 0;
    attempt.person.count = Math.max(0, attempt.person.count - 1);
    attempt.address.count = Math.max(0, attempt.address.count - 1);
  }

  private prune(nowMs: number): void {
    for (const [key, entry] of this.counts) {
      if (nowMs >= entry.untilMs) {
        this.counts.delete(key);
      }
    }
  }
}

const session: FastifyPluginAsync<{
  sessionHours: number;
  loginAttempts: number;
  loginWindowMinutes: number;
  loginClock?: () => number;
}> = async (app, options) => {
  const throttle = new LoginThrottle(
    options.loginAttempts,
    options.loginWindowMinutes * 60_000,
    options.loginClock,
  );

  async function startSession(request: FastifyRequest, reply: FastifyReply, user: User) {
    const { token, expiresAt } = await createSession(app.db, user.id, options.sessionHours);
    reply.setCookie(SESSION_COOKIE, token, {
      path: '/',
      httpOnly: true,
      sameSite: 'strict',
      secure: request.protocol === 'https',
      expires: expiresAt,
    });
    return { user: toPublicUser(user) };
  }

  app.post<{ Body: Credentials }>(
    '/api/session',
    {
      config: { public: true },
      schema: {
        summary: 'Sign in',
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            username: { type: 'string', minLength: 1, maxLength: 64 },
            password: { type: 'string', minLength: 1, maxLength: 1024 },
          },
          required: ['username', 'password'],
          additionalProperties: false,
        },
        response: { 200: sessionResponse, 400: problemRef, 401: problemRef, 429: problemRef },
      },
    },
    async (request, reply) => {
      const username = request.body.username.trim().toLowerCase();
      // Counted before the first await: see LoginThrottle.
      const attempt = throttle.begin(username, request.ip);
      if ('retryAfterSeconds' in attempt) {
        const wait = attempt.retryAfterSeconds;
        reply.header('retry-after', String(wait));
        return sendProblem(reply, {
          title: 'Too many attempts',
          status: 429,
          detail: `Too many failed sign-ins. Try again in ${
            wait < 90 ? `${wait} second${wait === 1 ? '' : 's'}` : `${Math.ceil(wait / 60)} minutes`
          }.`,
        });
      }
      const user = await findUserByName(app.db, username);
      const valid = await verifyPassword(request.body.password, user?.passwordHash ?? DECOY_HASH);
      if (!user || !valid || user.disabled) {
        return sendProblem(reply, {
          title: 'Sign in failed',
          status: 401,
          detail: 'The username or password is not right.',
        });
      }
      throttle.succeeded(attempt);
      return startSession(request, reply, user);
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        summary: 'The signed-in user',
        querystring: noQuerystring,
        response: { 200: sessionResponse, 400: problemRef, 401: problemRef },
      },
    },
    async (request) => ({ user: toPublicUser(currentUser(request)) }),
  );

  app.delete(
    '/api/session',
    {
      config: { public: true },
      schema: {
        summary: 'Sign out (ends the session’s live event streams too)',
        querystring: noQuerystring,
        response: { 204: { type: 'null' }, 400: problemRef },
      },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        await deleteSession(app.db, token);
        app.sessions.sessionEnded(token);
      }
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/setup',
    {
      config: { public: true },
      schema: {
        summary: 'Whether the first admin still has to be created',
        querystring: noQuerystring,
        response: {
          400: problemRef,
          200: {
            type: 'object',
            properties: { needed: { type: 'boolean' } },
            required: ['needed'],
          },
        },
      },
    },
    async () => ({ needed: (await countUsers(app.db)) === 0 }),
  );

  app.post<{ Body: Credentials & { token: string; displayName?: string } }>(
    '/api/setup',
    {
      config: { public: true },
      schema: {
        summary: `Create the first admin with the one-time token printed on start (valid ${SETUP_TOKEN_HOURS} h); the display name is the username unless given`,
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            token: { type: 'string', minLength: 10, maxLength: 200 },
            username: usernameSchema,
            password: passwordSchema,
            displayName: displayNameSchema,
          },
          required: ['token', 'username', 'password'],
          additionalProperties: false,
        },
        response: { 201: sessionResponse, 400: problemRef, 403: problemRef },
      },
    },
    async (request, reply) => {
      const user = await completeSetup(app.db, request.body.token, {
        username: request.body.username,
        passwordHash: await hashPassword(request.body.password),
        displayName: request.body.displayName?.trim(),
      });
      if (!user) {
        return sendProblem(reply, {
          title: 'Not allowed',
          status: 403,
          detail:
            `This setup link is not valid any more: it was used, replaced by a newer one or is older than ${SETUP_TOKEN_HOURS} hours. ` +
            'Restart the server for a new one, or ask an admin.',
        });
      }
      reply.status(201);
      return startSession(request, reply, user);
    },
  );
};

export default session;
