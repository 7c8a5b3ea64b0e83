/** Sign in, sign out, who am I, and the first-run setup of the first admin. */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { LoginThrottle } from '../auth/login-throttle';
import { DECOY_HASH, hashPassword, verifyPassword } from '../auth/password';
import { currentUser, SESSION_COOKIE } from '../plugins/auth';
import { sendProblem } from '../plugins/problems';
import { completeSetup, SETUP_TOKEN_HOURS } from '../repositories/setup';
import {
  toPublicUser,
  countUsers,
  createSession,
  deleteSession,
  findUserByName,
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

const sessionStatusResponse = {
  type: 'object',
  properties: { user: { anyOf: [userSchema, { type: 'null' }] } },
  required: ['user'],
  additionalProperties: false,
};

const session: FastifyPluginAsync<{
  sessionHours: number;
  loginAttempts: number;
  loginWindowMinutes: number;
  loginClock?: () => number;
}> = async (app, options) => {
  const throttle = new LoginThrottle(
    app.db,
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
      // Counted before the password is checked: see LoginThrottle.
      const attempt = await throttle.begin(username, request.ip);
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
      await throttle.succeeded(attempt);
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

  // The dashboard asks this on every start. Signed out is an answer here, not a 401: browsers
  // log every 4xx to the console, and the sign-in page would open with an error in it.
  app.get(
    '/api/session/status',
    {
      config: { public: true },
      schema: {
        summary: 'Who is signed in, if anyone (`user` null when nobody is)',
        querystring: noQuerystring,
        response: { 200: sessionStatusResponse, 400: problemRef },
      },
    },
    async (request) => ({ user: request.user ? toPublicUser(request.user) : null }),
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
