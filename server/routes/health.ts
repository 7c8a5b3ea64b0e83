import type { FastifyPluginAsync } from 'fastify';
import { sql } from 'kysely';
import { problemRef } from './schemas';

const health: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/health',
    {
      config: { public: true },
      schema: {
        summary: 'Liveness with a database round trip',
        response: {
          200: {
            type: 'object',
            properties: { status: { type: 'string' }, database: { type: 'string' } },
            required: ['status', 'database'],
          },
          503: problemRef,
        },
      },
    },
    async () => {
      await sql`select 1`.execute(app.db);
      return { status: 'ok', database: 'reachable' };
    },
  );
};

export default health;
