/**
 * Sessions and roles. Every /api route needs a session except the few marked
 * public; state-changing requests must carry JSON or the custom header, which a
 * cross-site form cannot send. Both are decided on the route the router matched,
 * never on the raw URL: `/%61pi/…` reaches the same handler as `/api/…`.
 */
import type {
  FastifyContextConfig,
  FastifyReply,
  FastifyRequest,
  HookHandlerDoneFunction,
} from 'fastify';
import fp from 'fastify-plugin';
import { isEditorial, Role } from '../../src/domain/workflow';
import { findSession, SignedInSession, User } from '../repositories/users';
import cookies from './cookies';
import { ProblemError, sendProblem } from './problems';

export const SESSION_COOKIE = 'claimdesk_session';
export const CSRF_HEADER = 'x-claimdesk-request';

declare module 'fastify' {
  interface FastifyRequest {
    user: User | null;
    /** The session the cookie names, when it is live. */
    session: { readonly token: string; readonly expiresAt: string } | null;
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
 * Session lookups are on every request. Sign-out and changes to an account
 * through the API drop entries at once; a change made from the `users` command
 * in another process takes effect within SESSION_CACHE_MS.
 */
const SESSION_CACHE_MS = 2000;

/** Something kept open on the strength of a session (a live event stream). */
export interface SessionHolder {
  readonly token: string;
  readonly username: string;
  end(): void;
}

export class SessionCache {
  private readonly entries = new Map<string, { session: SignedInSession; until: number }>();
  private readonly holders = new Set<SessionHolder>();

  get(token: string): SignedInSession | undefined {
    const entry = this.entries.get(token);
    if (entry && entry.until > Date.now()) {
      return entry.session;
    }
    this.entries.delete(token);
    return undefined;
  }

  set(token: string, session: SignedInSession): void {
    if (this.entries.size > 10_000) {
      this.entries.clear();
    }
    const until = Math.min(Date.now() + SESSION_CACHE_MS, Date.parse(session.expiresAt));
    this.entries.set(token, { session, until });
  }

  /** Ends `holder` with its session or account; returns the way to let go of it. */
  hold(holder: SessionHolder): () => void {
    this.holders.add(holder);
    return () => this.holders.delete(holder);
  }

  /** The session was signed out: forget it and end what it held open. */
  sessionEnded(token: string): void {
    this.entries.delete(token);
    this.endHolders((holder) => holder.token === token);
  }

  /**
   * The account changed (role, disabled): forget its sessions and end what they
   * held open, so that nothing goes on under the old role.
   */
  userChanged(username: string): void {
    this.userRenamed(username);
    this.endHolders((holder) => holder.username === username);
  }

  /**
   * Only the display name changed: forget its sessions, so that the next request
   * reads the new name, but leave what they hold open (nothing it may do changed).
   */
  userRenamed(username: string): void {
    for (const [token, entry] of this.entries) {
      if (entry.session.user.username === username) {
        this.entries.delete(token);
      }
    }
  }

  private endHolders(matches: (holder: SessionHolder) => boolean): void {
    for (const holder of [...this.holders]) {
      if (matches(holder)) {
        this.holders.delete(holder);
        holder.end();
      }
    }
  }
}

/** The signed-in user; a 401 problem should a route without a session ever ask. */
export function currentUser(request: FastifyRequest): User {
  if (!request.user) {
    throw new ProblemError({
      title: 'Sign in required',
      status: 401,
      detail: 'Your session has ended or you are not signed in.',
    });
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

export function isApiPath(path: string): boolean {
  return path === '/api' || path.startsWith('/api/');
}

/**
 * The path as a router would read it, for requests no route matched: decoded,
 * without repeated slashes, in lower case. Only decides between 401 and 404.
 */
export function normalisedPath(url: string): string {
  const path = url.split('?')[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    decoded = path;
  }
  return decoded.replace(/\/{2,}/g, '/').toLowerCase();
}

const COOKIE_HEADERS_KEPT = 4096;

/** The symbol under which Fastify keeps a request's route context (found on the first request). */
let routeContextSymbol: symbol | null | undefined;

/**
 * The matched route's config with its `url` pattern; undefined when no route matched.
 * `request.routeOptions` gives the same, but Fastify builds it anew on every read (an
 * object of thirteen fields and a call): on every request, for two fields. Its route
 * context holds them; should a Fastify version keep it elsewhere, routeOptions it is.
 */
function matchedRouteConfig(
  request: FastifyRequest,
): (FastifyContextConfig & { url?: string }) | undefined {
  if (routeContextSymbol === undefined) {
    routeContextSymbol =
      Object.getOwnPropertySymbols(request).find(
        (symbol) => symbol.description === 'fastify.context',
      ) ?? null;
  }
  const context =
    routeContextSymbol === null
      ? undefined
      : (
          request as unknown as Record<symbol, { config?: FastifyContextConfig & { url?: string } }>
        )[routeContextSymbol];
  if (context === undefined) {
    const options = request.routeOptions;
    return options.url === undefined ? undefined : { ...options.config, url: options.url };
  }
  return context.config?.url === undefined ? undefined : context.config;
}

/** `application/json` in any case, with or without parameters. */
function isJson(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0]?.trim().toLowerCase() === 'application/json';
}

/**
 * The session part of the app's one onRequest hook (plugins/on-request.ts): decides the
 * request on its matched route and its session, and calls `done` unless it answered.
 */
export type SessionGate = (
  request: FastifyRequest,
  reply: FastifyReply,
  done: HookHandlerDoneFunction,
) => void;

declare module 'fastify' {
  interface FastifyInstance {
    sessionGate: SessionGate;
  }
}

export default fp(
  async (app) => {
    // Cookies are read by the gate below, only for API routes, and set where a route sets
    // them (cookies.ts): nothing of theirs runs on the other answers.
    await app.register(cookies);
    app.decorateRequest('user', null);
    app.decorateRequest('session', null);
    const sessions = new SessionCache();
    app.decorate('sessions', sessions);

    // A browser sends the same Cookie header on every request: parsed once, kept frozen
    // (routes only read request.cookies), a few thousand headers at most.
    const cookieHeaders = new Map<string, Readonly<Record<string, string | undefined>>>();
    const parsedCookies = (header: string) => {
      let cookies = cookieHeaders.get(header);
      if (cookies === undefined) {
        if (cookieHeaders.size >= COOKIE_HEADERS_KEPT) {
          cookieHeaders.clear();
        }
        cookies = Object.freeze(app.parseCookie(header));
        cookieHeaders.set(header, cookies);
      }
      return cookies;
    };

    /** Decides the request with its session (undefined: none); false when it was answered. */
    const admit = (
      request: FastifyRequest,
      reply: FastifyReply,
      publicRoute: boolean,
      token: string | undefined,
      session: SignedInSession | undefined,
    ): boolean => {
      request.user = session?.user ?? null;
      request.session = token && session ? { token, expiresAt: session.expiresAt } : null;
      // Deny by default: only a matched route that says so is reachable without a session.
      if (!request.user && !publicRoute) {
        sendProblem(reply, {
          title: 'Sign in required',
          status: 401,
          detail: 'Your session has ended or you are not signed in.',
        });
        return false;
      }
      return true;
    };

    // A callback, not an async hook: with the session in the cache (every request but
    // one in SESSION_CACHE_MS per session) it decides synchronously, without a promise and
    // its microtasks on every request. When it answers, it does not call `done`.
    const gate: SessionGate = (request, reply, done) => {
      const config = matchedRouteConfig(request);
      // The pattern of the matched route; undefined when none matched (a 404 to come).
      const route = config?.url;
      if (!isApiPath(route ?? normalisedPath(request.url))) {
        done();
        return;
      }
      if (!SAFE_METHODS.has(request.method)) {
        if (
          !isJson(request.headers['content-type']) &&
          request.headers[CSRF_HEADER] === undefined
        ) {
          sendProblem(reply, {
            title: 'Unsupported media type',
            status: 415,
            detail: `Send a JSON body or the ${CSRF_HEADER} header.`,
          });
          return;
        }
      }
      const publicRoute = route !== undefined && config?.public === true;
      const header = request.headers.cookie;
      // As the cookie plugin's hook parsed them, for the routes that read request.cookies.
      const cookies = header ? parsedCookies(header) : {};
      request.cookies = cookies;
      const token = cookies[SESSION_COOKIE];
      const cached = token ? sessions.get(token) : undefined;
      if (!token || cached) {
        if (admit(request, reply, publicRoute, token, cached)) {
          done();
        }
        return;
      }
      findSession(app.db, token).then((session) => {
        if (session) {
          sessions.set(token, session);
        }
        if (admit(request, reply, publicRoute, token, session)) {
          done();
        }
      }, done);
    };
    app.decorate('sessionGate', gate);
  },
  { name: 'auth', dependencies: ['database', 'problems'] },
);
