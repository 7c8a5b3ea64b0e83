/**
 * Server-Sent Events of every change. Each event carries its id, its position in the
 * feed (repositories/events.ts: in commit order, on PostgreSQL across processes too); a
 * client that reconnects with Last-Event-ID, to this process or another on the same
 * database, first receives what it missed, then live events.
 * A stream lives only as long as its session: it ends on sign-out, when the
 * account is disabled or changes role (the client reconnects under the new
 * role), and when the session expires.
 * A `notification.created` event reaches only its recipient's streams, live and on
 * catch-up alike; everyone else's stream passes over it.
 */
import type { FastifyPluginAsync } from 'fastify';
import { currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { ChangeEvent, eventsAfter, latestPosition } from '../repositories/events';
import { findSession } from '../repositories/users';
import { problemRef } from './schemas';

const HEARTBEAT_MS = 25_000;
/** How soon a change made outside this process (the `users` command) ends a stream. */
export const STREAM_SESSION_CHECK_MS = 5_000;
const CATCH_UP_PAGE = 500;
/** setTimeout's ceiling; a later expiry is caught by the periodic check. */
const MAX_TIMER_MS = 2_147_483_647;

/**
 * The event as `username`'s stream shows it, or null when it is not theirs to see: a
 * notification is its recipient's alone (the recipient, kept in the stored payload,
 * is not sent).
 */
export function eventFor(event: ChangeEvent, username: string): ChangeEvent | null {
  if (event.type !== 'notification.created') {
    return event;
  }
  const { recipient, ...data } = (event.data ?? {}) as { recipient?: unknown };
  return recipient === username ? { ...event, data } : null;
}

/**
 * Each event's SSE frame, made once however many streams send it: the feed hands the
 * same event object to every subscriber, and serialising a claim for each of 50 open
 * streams cost a third of the write rate. Kept only as long as the event is.
 */
const frames = new WeakMap<ChangeEvent, string>();

export function frameOf(event: ChangeEvent): string {
  let frame = frames.get(event);
  if (frame === undefined) {
    frame = `id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`;
    frames.set(event, frame);
  }
  return frame;
}

export interface EventsOptions {
  /** Re-validation interval of each stream's session; STREAM_SESSION_CHECK_MS by default. */
  readonly streamSessionCheckMs?: number;
}

const events: FastifyPluginAsync<EventsOptions> = async (app, options) => {
  const sessionCheckMs = options.streamSessionCheckMs ?? STREAM_SESSION_CHECK_MS;

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

      const send = (event: ChangeEvent) => {
        if (event.id <= lastSent || !open()) {
          return;
        }
        lastSent = event.id;
        const shown = eventFor(event, user.username);
        if (shown) {
          raw.write(frameOf(shown));
        }
      };

      // Everything the stream holds is registered before the first await, so that
      // an end (sign-out, shutdown, the client leaving) never misses any of it.
      const unsubscribe = app.changes.subscribe((event) =>
        catchingUp ? pending.push(event) : send(event),
      );
      let ended = false;
      const cleanup = () => {
        ended = true;
        unsubscribe();
        stopClosing();
        release();
        clearInterval(heartbeat);
        clearInterval(check);
        clearTimeout(expiry);
      };
      const end = () => {
        if (!ended) {
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
            page.forEach(send);
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
        pending.splice(0).forEach(send);
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
