/**
 * The Claimdesk application as a Fastify plugin: infrastructure, API routes,
 * OpenAPI and the built dashboard. `server.ts` listens; tests inject.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import swagger from '@fastify/swagger';
import type { FastifyPluginAsync } from 'fastify';
import fp from 'fastify-plugin';
import { loadModel } from './checkworthiness/model';
import type { ServerConfig } from './config';
import { importClaimsDirectory } from './intake/article-file';
import auth, { isApiPath, normalisedPath } from './plugins/auth';
import changes from './plugins/changes';
import compression from './plugins/compression';
import { dashboardFilesOptions } from './plugins/dashboard-files';
import dueReminders from './plugins/due-reminders';
import database from './plugins/database';
import problems, { sendProblem } from './plugins/problems';
import onRequest from './plugins/on-request';
import articles from './routes/articles';
import claims from './routes/claims';
import claimMemory from './routes/claim-memory';
import desk from './routes/desk';
import bulk from './routes/bulk';
import events, { type EventsOptions } from './routes/events';
import evidence from './routes/evidence';
import health from './routes/health';
import intake from './routes/intake';
import match from './routes/match';
import notes from './routes/notes';
import notifications from './routes/notifications';
import reports from './routes/reports';
import search from './routes/search';
import { noQuerystring, problemRef, problemSchema } from './routes/schemas';
import session from './routes/session';
import stats from './routes/stats';
import suggestions from './routes/suggestions';
import users from './routes/users';
import webhooks from './routes/webhooks';
import webhookDelivery from './webhooks/plugin';
import type { WebhookTimings } from './webhooks/worker';

export type AppOptions = Pick<
  ServerConfig,
  'database' | 'claimsDir' | 'staticDir' | 'sessionHours' | 'loginAttempts' | 'loginWindowMinutes'
> &
  Partial<Pick<EventsOptions, 'streamSessionCheckMs'>> & {
    // Tests: the sign-in limits' clock (Date.now unless given).
    loginClock?: () => number;
    // Tests: the webhook worker's timings (server/webhooks/worker.ts).
    webhookTimings?: Partial<WebhookTimings>;
    // The due reminders' clock: ms between runs (0: off; a minute unless given).
    dueReminderMs?: number;
  } &
  // Optional: the reports fall back to placeholders (see routes/reports.ts).
  Partial<
    Pick<
      ServerConfig,
      'organisationName' | 'organisationUrl' | 'publicUrl' | 'webhooksAllowPrivateNetwork'
    >
  >;

const app: FastifyPluginAsync<AppOptions> = async (fastify, options) => {
  // The suggester's check-worthiness model: a missing or broken weights.json fails here, not on the first article.
  loadModel();
  fastify.addSchema(problemSchema);
  await fastify.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Claimdesk API',
        version: '1',
        description: 'Claims, their workflow, evidence, notes and history.',
      },
    },
  });
  await fastify.register(problems);
  await fastify.register(compression);
  await fastify.register(database, { target: options.database });
  await fastify.register(changes, { database: options.database });
  await fastify.register(auth);
  // The proxy warning, security headers and sessions: one hook, first of all.
  await fastify.register(onRequest);

  // Every API route declares its query string (`noQuerystring` when it takes none), so
  // that an unknown parameter is a 400 naming it, never silently ignored. Refusing to
  // start, rather than filling it in, is how a new route cannot forget it.
  fastify.addHook('onRoute', (route) => {
    const url = route.url ?? route.path ?? '';
    if (isApiPath(url) && route.schema?.querystring === undefined) {
      throw new Error(
        `${String(route.method)} ${url} declares no querystring schema ` +
          '(use noQuerystring from routes/schemas.ts when it takes none)',
      );
    }
  });

  if (options.claimsDir && existsSync(options.claimsDir)) {
    const { imported } = await importClaimsDirectory(fastify.db, options.claimsDir);
    if (imported.length > 0) {
      fastify.log.info({ imported }, 'imported new articles from claims/');
    }
    // On PostgreSQL the import's events get their feed positions now, before the app
    // serves anyone: a stream or a listener opened after start is past them.
    await fastify.changes.sync();
  }

  await fastify.register(health);
  await fastify.register(session, options);
  await fastify.register(users);
  await fastify.register(articles);
  await fastify.register(claims);
  await fastify.register(desk);
  await fastify.register(bulk);
  await fastify.register(stats);
  await fastify.register(evidence);
  await fastify.register(notes);
  await fastify.register(notifications);
  await fastify.register(events, { streamSessionCheckMs: options.streamSessionCheckMs });
  await fastify.register(dueReminders, { intervalMs: options.dueReminderMs });
  await fastify.register(intake);
  await fastify.register(suggestions);
  await fastify.register(match);
  await fastify.register(reports, options);
  await fastify.register(search);
  const allowPrivateNetwork = options.webhooksAllowPrivateNetwork ?? false;
  await fastify.register(webhooks, { allowPrivateNetwork });
  await fastify.register(webhookDelivery, {
    publicUrl: options.publicUrl,
    timings: options.webhookTimings,
    allowPrivateNetwork,
  });
  await fastify.register(claimMemory);

  fastify.get(
    '/api/openapi.json',
    {
      config: { public: true },
      schema: {
        hide: true,
        querystring: noQuerystring,
        response: { 200: { type: 'object', additionalProperties: true }, 400: problemRef },
      },
    },
    async () => fastify.swagger(),
  );

  const staticDir = options.staticDir;
  const hasApp = staticDir !== null && existsSync(join(staticDir, 'index.html'));
  if (hasApp) {
    await fastify.register(fastifyStatic, dashboardFilesOptions(staticDir));
  }
  fastify.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0];
    if (
      hasApp &&
      request.method === 'GET' &&
      // Decoded: /%61pi/… is an API path too, and gets a problem, not the dashboard.
      !isApiPath(normalisedPath(request.url)) &&
      !/\.[a-z0-9]+$/i.test(path)
    ) {
      // SPA fallback: the dashboard's router handles deep links.
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    }
    return sendProblem(reply, {
      title: 'Not found',
      status: 404,
      detail: `No route ${request.method} ${path}`,
    });
  });
};

// fp: the decorations (db, changes) are visible to the server that registers the app.
export default fp(app, { name: 'claimdesk' });
