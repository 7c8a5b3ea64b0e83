/**
 * Sessions and roles. Every /api route needs a session except the few marked
 * public; state-changing requests must carry JSON or the custom header, which a
 * cross-site form cannot send.
 */
import cookie from '@fastify/cookie';
import type { FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { isEditorial, Role } from '../../src/domain/workflow';
import { findSessionUser, User } from '../repositories/users';
import { sendProblem } from './problems';

export const SESSION_COOKIE = 'claimdesk_session';
export const CSRF_HEADER = 'x-claimdesk-request';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
  }
  interface FastifyInstance {
    sessions: SessionCache;
  }
  interface FastifyContextConfig {
    /** Reachable without a session. */
    public?: boolean;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Session lookups are on every request. Sign-out and disabling through the API
 * drop entries at once; a change made from the `users` command in another
 * process takes effect within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 2000;

export class SessionCache {
  private readonly entries = new Map<string, { user: User; until: number }>();

  get(token: string): User | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.until > Date.now()) {
      return entry.user;
    }
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, user: User): void {
    if (this.entries.size > 10_000) {
      this.entries.clear();
    }
    this.entries.set(token, { user, until: Date.now() + SESSION_CACHE_MS });
  }

  forgetToken(token: string): void {
    this.entries.delete(token);
  }

  forgetUser(username: string): void {
    for (const [token, entry] of this.entries) {
      if (entry.user.username === username) {
        this.entries.delete(token);
      }
    }
  }
}

export function currentUser(request: FastifyRequest): User {
  if (!request.user) {
    throw new Error('route reached without a session');
  }
  return request.user;
}

/** For routes limited to editors (and admins). Returns false after answering 403. */
export function requireRole(
  request: FastifyRequest,
  reply: FastifyReply,
  allowed: 'editor' | 'admin',
): boolean {
  const role: Role = currentUser(request).role;
  const ok = allowed === 'admin' ? role === 'admin' : isEditorial(role);
  if (!ok) {
    sendProblem(reply, {
      title: 'Not allowed',
      status: 403,
      detail: allowed === 'admin' ? 'Only an admin can do this.' : 'Only an editor can do this.',
    });
  }
  return ok;
}

export default fp(
  async (app) => {
    await app.register(cookie);
    app.decorateRequest('user', null);
    const sessions = new SessionCache();
    app.decorate('sessions', sessions);

    app.addHook('onRequest', async (request, reply) => {
      if (!request.url.startsWith('/api/')) {
        return;
      }
      if (!SAFE_METHODS.has(request.method)) {
        const type = request.headers['content-type'] ?? '';
        if (!type.startsWith('application/json') && request.headers[CSRF_HEADER] === undefined) {
          return sendProblem(reply, {
            title: 'Unsupported media type',
            status: 415,
            detail: `Send a JSON body or the ${CSRF_HEADER} header.`,
          });
        }
      }
      const token = request.cookies[SESSION_COOKIE];
      let user = token ? sessions.get(token) : undefined;
      if (token && !user) {
        user = await findSessionUser(app.db, token);
        if (user) {
          sessions.set(token, user);
        }
      }
      request.user = user ?? null;
      if (!request.user && request.routeOptions.config.public !== true) {
        return sendProblem(reply, {
          title: 'Sign in required',
          status: 401,
          detail: 'Your session has ended or you are not signed in.',
        });
      }
    });
  },
  { name: 'auth', dependencies: ['database', 'problems'] },
);
