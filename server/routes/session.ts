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
  User,
} from '../repositories/users';
import { passwordSchema, problemRef, userSchema, usernameSchema } from './schemas';

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

/** Failed sign-ins per username and per address, in memory: a restart forgives. */
class LoginThrottle {
  private readonly failures = new Map<string, { count: number; since: number }>();

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
  ) {}

  private keys(username: string, address: string): string[] {
    return [`user:${username}`, `addr:${address}`];
  }

  blocked(username: string, address: string): boolean {
    const nowMs = Date.now();
    return this.keys(username, address).some((key, index) => {
      const entry = this.failures.get(key);
      // An address gets more tries than one username: a newsroom shares one NAT.
      const limit = index === 0 ? this.limit : this.limit * 4;
      return entry !== undefined && nowMs - entry.since < this.windowMs && entry.count >= limit;
    });
  }

  fail(username: string, address: string): void {
    const nowMs = Date.now();
    for (const key of this.keys(username, address)) {
      const entry = this.failures.get(key);
      if (!entry || nowMs - entry.since >= this.windowMs) {
        this.failures.set(key, { count: 1, since: nowMs });
      } else {
        entry.count += 1;
      }
    }
  }

  succeed(username: string): void {
    this.failures.delete(`user:${username}`);
  }
}

const session: FastifyPluginAsync<{
  sessionHours: number;
  loginAttempts: number;
  loginWindowMinutes: number;
}> = async (app, options) => {
  const throttle = new LoginThrottle(options.loginAttempts, options.loginWindowMinutes * 60_000);

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
      if (throttle.blocked(username, request.ip)) {
        return sendProblem(reply, {
          title: 'Too many attempts',
          status: 429,
          detail: 'Too many failed sign-ins. Wait a few minutes and try again.',
        });
      }
      const user = await findUserByName(app.db, username);
      const valid = await verifyPassword(request.body.password, user?.passwordHash ?? DECOY_HASH);
      if (!user || !valid || user.disabled) {
        throttle.fail(username, request.ip);
        return sendProblem(reply, {
          title: 'Sign in failed',
          status: 401,
          detail: 'The username or password is not right.',
        });
      }
      throttle.succeed(username);
      return startSession(request, reply, user);
    },
  );

  app.get(
    '/api/session',
    {
      schema: {
        summary: 'The signed-in user',
        response: { 200: sessionResponse, 401: problemRef },
      },
    },
    async (request) => ({ user: toPublicUser(currentUser(request)) }),
  );

  app.delete(
    '/api/session',
    {
      config: { public: true },
      schema: { summary: 'Sign out', response: { 204: { type: 'null' } } },
    },
    async (request, reply) => {
      const token = request.cookies[SESSION_COOKIE];
      if (token) {
        app.sessions.forgetToken(token);
        await deleteSession(app.db, token);
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
        response: {
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

  app.post<{ Body: Credentials & { token: string } }>(
    '/api/setup',
    {
      config: { public: true },
      schema: {
        summary: 'Create the first admin with the one-time token printed on first start',
        body: {
          type: 'object',
          properties: {
            token: { type: 'string', minLength: 10, maxLength: 200 },
            username: usernameSchema,
            password: passwordSchema,
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
      });
      if (!user) {
        return sendProblem(reply, {
          title: 'Not allowed',
          status: 403,
          detail:
            'This setup link is not valid any more. Restart the server for a new one, or ask an admin.',
        });
      }
      reply.status(201);
      return startSession(request, reply, user);
    },
  );
};

export default session;
