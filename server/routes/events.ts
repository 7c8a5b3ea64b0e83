/**
 * Server-Sent Events of every change. Each event carries its id, its position in the
 * feed (repositories/events.ts: in commit order, on PostgreSQL across processes too); a
 * client that reconnects with Last-Event-ID, to this process or another on the same
 * database, first receives what it missed, then live events.
 * A stream lives only as long as its session: it ends on sign-out, when the
 * account is disabled or changes role (the client reconnects under the new
 * role), and when the session expires.
 * A person's own events (`notification.created`, `notifications.read`) reach only their
 * streams, live and on catch-up alike; everyone else's stream passes over them.
 */
import type { FastifyPluginAsync } from 'fastify';
import { PERSONAL_CHANGE_TYPES } from '../../src/domain/change-event';
import { currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { ChangeEvent, eventsAfter, latestPosition } from '../repositories/events';
import { findSession } from '../repositories/users';
import { EventFanOut, frameOf } from './event-fan-out';
import { problemRef } from './schemas';

const HEARTBEAT_MS = 25_000;
/** How soon a change made outside this process (the `users` command) ends a stream. */
export const STREAM_SESSION_CHECK_MS = 5_000;
const CATCH_UP_PAGE = 500;
/** setTimeout's ceiling; a later expiry is caught by the periodic check. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The event as `username`'s stream shows it, or null when it is not theirs to see: a
 * personal event is its recipient's alone (the recipient, kept in the stored payload,
 * is not sent).
 */
export function eventFor(event: ChangeEvent, username: string): ChangeEvent | null {
  if (!PERSONAL_CHANGE_TYPES.has(event.type)) {
    return event;
  }
  const { recipient, ...data } = (event.data ?? {}) as { recipient?: unknown };
  return recipient === username ? { ...event, data } : null;
}

export interface EventsOptions {
  /** Re-validation interval of each stream's session; STREAM_SESSION_CHECK_MS by default. */
  readonly streamSessionCheckMs?: number;
}

const events: FastifyPluginAsync<EventsOptions> = async (app, options) => {
  const sessionCheckMs = options.streamSessionCheckMs ?? STREAM_SESSION_CHECK_MS;
  const fanOut = new EventFanOut();
  const unsubscribe = app.changes.subscribe((event) => fanOut.take(event));
  app.addHook('onClose', async () => {
    unsubscribe();
    fanOut.flush();
  });

  app.get<{ Headers: { 'last-event-id'?: string }; Querystring: { lastEventId?: number } }>(
    '/api/events',
    {
      schema: {
        summary:
          'Server-Sent Events of every change (claims, evidence, notes, articles, suggestions, accounts)',
        description:
          'The stream ends when its session does (sign-out, expiry, account disabled) and when ' +
          'the account changes role; reconnecting opens it under the current role.',
        headers: {
          type: 'object',
          properties: { 'last-event-id': { type: 'string', pattern: '^\\d{1,15}$' } },
        },
        querystring: {
          type: 'object',
          properties: { lastEventId: { type: 'integer', minimum: 0 } },
          additionalProperties: false,
        },
        response: {
          200: { description: 'text/event-stream', type: 'string' },
          400: problemRef,
          401: problemRef,
        },
      },
    },
    async (request, reply) => {
      const user = currentUser(request);
      const session = request.session;
      if (!session) {
        throw new ProblemError({ title: 'Sign in required', status: 401 });
      }
      const header = request.headers['last-event-id'];
      const resumeFrom =
        header !== undefined ? Number(header) : (request.query.lastEventId ?? null);
      const raw = reply.raw;
      const open = () => !raw.writableEnded && !raw.destroyed;
      let lastSent = resumeFrom ?? Number.MAX_SAFE_INTEGER;
      let catchingUp = true;
      const pending: ChangeEvent[] = [];

      /** Events in feed order, as this stream shows them, in one write. */
      const send = (events: readonly ChangeEvent[], everyFrame?: () => Buffer | null) => {
        if (events.length === 0 || !open()) {
          return;
        }
        const all = everyFrame && events[0].id > lastSent ? everyFrame() : null;
        if (all) {
          lastSent = events[events.length - 1].id;
          raw.write(all);
          return;
        }
        const out: Buffer[] = [];
        for (const event of events) {
          if (event.id > lastSent) {
            lastSent = event.id;
            const shown = eventFor(event, user.username);
            if (shown) {
              out.push(frameOf(shown));
            }
          }
        }
        if (out.length > 0) {
          raw.write(out.length === 1 ? out[0] : Buffer.concat(out));
        }
      };

      // Everything the stream holds is registered before the first await, so that
      // an end (sign-out, shutdown, the client leaving) never misses any of it.
      const removeSink = fanOut.add({
        receive: (events, everyFrame) =>
          catchingUp ? pending.push(...events) : send(events, everyFrame),
      });
      let ended = false;
      const cleanup = () => {
        ended = true;
        removeSink();
        stopClosing();
        release();
        clearInterval(heartbeat);
        clearInterval(check);
        clearTimeout(expiry);
      };
      const end = () => {
        if (!ended) {
          // What committed before the end goes out before it (a sign-out's own events).
          fanOut.flush();
          cleanup();
          if (open()) {
            raw.end();
          }
        }
      };
      const stopClosing = app.changes.onClose(end);
      const release = app.sessions.hold({ token: session.token, username: user.username, end });
      const heartbeat = setInterval(() => {
        if (open()) {
          raw.write(': keep-alive\n\n');
        }
      }, HEARTBEAT_MS);
      const check = setInterval(() => {
        findSession(app.db, session.token).then((live) => {
          if (!live || live.user.role !== user.role) {
            end();
          }
          // Fail closed: a stream whose session cannot be checked ends; the client reconnects.
        }, end);
      }, sessionCheckMs);
      const expiry = setTimeout(
        end,
        Math.min(Math.max(Date.parse(session.expiresAt) - Date.now(), 0), MAX_TIMER_MS),
      );
      request.raw.on('close', cleanup);

      reply.hijack();
      raw.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
      });
      raw.write('retry: 3000\n\n');
      try {
        // Every event committed before the stream opened is then behind the cursor a new
        // client starts from, and in the catch-up of one that resumes.
        await app.changes.sync();
        if (resumeFrom === null) {
          // A new client starts from now: events committed before this point are not its news.
          lastSent = await latestPosition(app.db);
        } else {
          for (;;) {
            const page = await eventsAfter(app.db, lastSent, CATCH_UP_PAGE);
            send(page);
            if (page.length < CATCH_UP_PAGE) {
              break;
            }
          }
        }
      } catch (error) {
        request.log.error({ err: error }, 'event stream catch-up failed');
        end();
      } finally {
        catchingUp = false;
        send(pending.splice(0));
        // An SSE comment (EventSource ignores it): from here on every change reaches this
        // stream. A client that must not miss what it does next waits for it.
        if (open()) {
          raw.write(': live\n\n');
        }
      }
    },
  );
};

export default events;
