/**
 * Server-Sent Events of every change. Each event carries its id; a client that
 * reconnects with Last-Event-ID first receives what it missed, then live events.
 */
import type { FastifyPluginAsync } from 'fastify';
import { ChangeEvent, eventsAfter } from '../repositories/events';
import { problemRef } from './schemas';

const HEARTBEAT_MS = 25_000;
const CATCH_UP_PAGE = 500;

async function latestEventId(app: Parameters<FastifyPluginAsync>[0]): Promise<number> {
  const row = await app.db
    .selectFrom('events')
    .select(({ fn }) => fn.max('id').as('id'))
    .executeTakeFirst();
  return Number(row?.id ?? 0);
}

const events: FastifyPluginAsync = async (app) => {
  app.get<{ Headers: { 'last-event-id'?: string }; Querystring: { lastEventId?: number } }>(
    '/api/events',
    {
      schema: {
        summary: 'Server-Sent Events of every change (claims, evidence, notes, articles)',
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
      const header = request.headers['last-event-id'];
      const resumeFrom =
        header !== undefined ? Number(header) : (request.query.lastEventId ?? null);
      const raw = reply.raw;
      let lastSent = resumeFrom ?? (await latestEventId(app));
      let catchingUp = true;
      const pending: ChangeEvent[] = [];

      const send = (event: ChangeEvent) => {
        if (event.id <= lastSent || raw.writableEnded) {
          return;
        }
        lastSent = event.id;
        raw.write(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`);
      };

      // Subscribe before reading the backlog, so nothing falls between the two.
      const unsubscribe = app.changes.subscribe((event) =>
        catchingUp ? pending.push(event) : send(event),
      );
      const heartbeat = setInterval(() => raw.write(': keep-alive\n\n'), HEARTBEAT_MS);
      const stopClosing = app.changes.onClose(() => raw.end());
      const cleanup = () => {
        unsubscribe();
        stopClosing();
        clearInterval(heartbeat);
      };
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
        if (resumeFrom !== null) {
          for (;;) {
            const page = await eventsAfter(app.db, lastSent, CATCH_UP_PAGE);
            page.forEach(send);
            if (page.length < CATCH_UP_PAGE) {
              break;
            }
          }
        }
      } finally {
        catchingUp = false;
        pending.splice(0).forEach(send);
      }
    },
  );
};

export default events;
