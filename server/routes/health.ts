import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { sendProblem } from '../plugins/problems';
import { noQuerystring, problemRef } from './schemas';

const health: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness with a database round trip',
        querystring: noQuerystring,
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, database: { type: 'string' } },
            required: ['status', 'database'],
          },
          400: problemRef,
          503: problemRef,
        },
      },
    },
    async (request, reply) => {
      try {
        await sql`select 1`.execute(app.db);
      } catch (error) {
        // A monitor or load balancer reads 503 as "take me out of rotation", not as a crash.
        request.log.error({ err: error }, 'health check: database unreachable');
        return sendProblem(reply, {
          title: 'Service unavailable',
          status: 503,
          detail: 'The database cannot be reached.',
        });
      }
      return { status: 'ok', database: 'reachable' };
    },
  );
};

export default health;
