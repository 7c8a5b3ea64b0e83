/**
 * Sign-in is decided on the matched route, whatever the spelling of the path;
 * every route is enumerated: the private ones answer 401 without a session and
 * every API route carries its schemas.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify, { type FastifyInstance, type HTTPMethods, type RouteOptions } from 'fastify';
import app from '../app';
import { fastifyOptions, PROJECT_ROOT } from '../config';
import { currentUser } from '../plugins/auth';
import { noQuerystring } from '../routes/schemas';
import { Harness, json, SEED_ARTICLE, startApp, withCast, testDatabase } from './harness';

const PUBLIC_ROUTES = new Set([
  'GET /api/health',
  'POST /api/session',
  'GET /api/session/status',
  'DELETE /api/session',
  'GET /api/setup',
  'POST /api/setup',
  'GET /api/openapi.json',
]);

interface SeenRoute {
  readonly method: string;
  readonly url: string;
  readonly isPublic: boolean;
  readonly declaredQuerystring: boolean;
  readonly route: RouteOptions;
}

/** The app as server.ts builds it, with every route it registers seen on the way. */
async function appWithRoutes(
  dir: string,
  staticDir: string | null,
): Promise<{ instance: FastifyInstance; routes: SeenRoute[] }> {
  const routes: SeenRoute[] = [];
  const instance = Fastify({ ...fastifyOptions(), logger: false });
  // Registered before the app: it sees each route as its module declared it.
  instance.addHook('onRoute', (route) => {
    for (const method of [route.method].flat()) {
      routes.push({
        method,
        url: route.url,
        isPublic: route.config?.public === true,
        declaredQuerystring: route.schema?.querystring !== undefined,
        route,
      });
    }
  });
  await instance.register(app, {
    database: testDatabase(dir),
    claimsDir: join(PROJECT_ROOT, 'claims'),
    staticDir,
    sessionHours: 1,
    loginAttempts: 5,
    loginWindowMinutes: 15,
  });
  // A public route that asks for the user anyway: a 401, never a 500.
  instance.get(
    '/api/test-public-asks-user',
    { config: { public: true }, schema: { querystring: noQuerystring } },
    async (request) => ({ user: currentUser(request).username }),
  );
  await instance.ready();
  return { instance, routes };
}

/** The route's path with every parameter filled in. */
const concrete = (url: string) => url.replace(/:[A-Za-z]+/g, 'pnk-001');

describe('every route, enumerated', () => {
  let dir: string;
  let instance: FastifyInstance;
  let routes: SeenRoute[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'claimdesk-routes-'));
    const staticDir = join(dir, 'browser');
    mkdirSync(staticDir);
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Claimdesk</title>');
    writeFileSync(join(staticDir, 'main.js'), 'console.log(1);');
    ({ instance, routes } = await appWithRoutes(dir, staticDir));
  });
  after(async () => {
    await instance.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const apiRoutes = () =>
    routes.filter((r) => r.url.startsWith('/api/') && r.url !== '/api/test-public-asks-user');

  it('answers 401 without a session on every API route but the public ones', async () => {
    const seen = apiRoutes().filter((r) => r.method !== 'HEAD');
    assert.ok(seen.length >= 29, `only ${seen.length} API routes seen`);
    const publicOnes = seen.filter((r) => r.isPublic).map((r) => `${r.method} ${r.url}`);
    assert.deepEqual(new Set(publicOnes), PUBLIC_ROUTES);
    for (const route of seen.filter((r) => !r.isPublic)) {
      const writes = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
      const response = await instance.inject({
        method: route.method as HTTPMethods,
        url: concrete(route.url),
        ...(writes ? { headers: { 'content-type': 'application/json' }, payload: '{}' } : {}),
      });
      assert.equal(response.statusCode, 401, `${route.method} ${route.url}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
  });

  it('gives every API route a schema for its params, query string, body and responses', () => {
    for (const { method, url, route, declaredQuerystring } of apiRoutes()) {
      const name = `${method} ${url}`;
      const schema = route.schema as Record<string, unknown> | undefined;
      assert.ok(schema, `${name} has no schema`);
      assert.ok(schema['response'], `${name}: response`);
      if (url.includes(':')) {
        const params = schema['params'] as { properties?: Record<string, unknown> } | undefined;
        assert.ok(params, `${name}: params`);
        for (const name_ of url.match(/:([A-Za-z]+)/g) ?? []) {
          assert.ok(params.properties?.[name_.slice(1)], `${name}: params.${name_}`);
        }
      }
      const query = schema['querystring'] as { additionalProperties?: unknown } | undefined;
      assert.ok(query, `${name}: querystring`);
      assert.equal(query.additionalProperties, false, `${name}: querystring refuses unknowns`);
      assert.ok(declaredQuerystring, `${name} declares its query string itself`);
      if (['POST', 'PATCH', 'PUT'].includes(method)) {
        assert.ok(schema['body'], `${name}: body`);
      }
    }
  });

  it('serves only static files outside /api, without a session', async () => {
    const others = routes.filter((r) => !r.url.startsWith('/api/'));
    assert.ok(others.length > 0);
    for (const route of others) {
      assert.ok(['GET', 'HEAD'].includes(route.method), `${route.method} ${route.url}`);
    }
    const file = await instance.inject({ url: '/main.js' });
    assert.equal(file.statusCode, 200);
    const deepLink = await instance.inject({ url: '/articles/x' });
    assert.equal(deepLink.statusCode, 200);
    assert.match(deepLink.body, /Claimdesk/);
  });

  it('answers a route that asks for the user without a session with 401, not 500', async () => {
    const response = await instance.inject({ url: '/api/test-public-asks-user' });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  });

  it('refuses an encoded API path without a session instead of serving the dashboard', async () => {
    for (const url of ['/%61pi/nothing', '/%61pi/articles', '//api/articles', '/API/articles']) {
      const response = await instance.inject({ url });
      assert.equal(response.statusCode, 401, url);
      assert.doesNotMatch(response.body, /<title>/, url);
    }
  });
});

describe('a new API route', () => {
  it('stops the start when it declares no query string, so it cannot forget one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-routes-'));
    const instance = Fastify({ ...fastifyOptions(), logger: false });
    try {
      await instance.register(app, {
        database: testDatabase(dir),
        claimsDir: null,
        staticDir: null,
        sessionHours: 1,
        loginAttempts: 5,
        loginWindowMinutes: 15,
      });
      const registered = instance.register(async (child) => {
        child.get('/not-api', async () => ({}));
        child.get('/api/forgot', { schema: { response: { 200: {} } } }, async () => ({}));
      });
      await assert.rejects(
        async () => registered,
        /GET \/api\/forgot declares no querystring schema/,
      );
    } finally {
      await instance.close().catch(() => undefined);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the path as the router reads it', () => {
  let h: Harness;
  let claimId: string;
  before(async () => {
    h = await startApp();
    await withCast(h);
    claimId = json<{ id: string }[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    )[0].id;
  });
  after(() => h.close());

  const spellings = (path: string) => [
    path.replace('/api/', '/%61pi/'),
    path.replace('/api/', '/%61%70%69/'),
    path.replace('/api/', '/%2Fapi/'),
    path.replace('/api/', '/%2fapi/'),
    path.replace('/api/', '//api/'),
    path.replace('/api/', '/api/../api/'),
    path.replace('/api/', '/API/'),
    path.replace('/api/', '/Api/'),
    path.replace('/api/', '/%41PI/'),
    path.replace('/api/', '/api%2F'),
  ];

  it('refuses reads without a session, however the path is spelled', async () => {
    for (const path of [
      `/api/claims/${claimId}`,
      '/api/articles',
      `/api/articles/${SEED_ARTICLE}/claims`,
      '/api/users',
      '/api/session',
    ]) {
      for (const url of spellings(path)) {
        for (const method of ['GET', 'HEAD'] as const) {
          const response = await h.app.inject({ method, url });
          assert.equal(response.statusCode, 401, `${method} ${url}: ${response.body}`);
          assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        }
      }
    }
  });

  it('refuses the event stream without a session, however the path is spelled', async () => {
    for (const url of spellings('/api/events')) {
      const response = await h.app.inject({ url });
      assert.equal(response.statusCode, 401, url);
    }
  });

  it('refuses writes without a session with 401 (never 500), and writes nothing', async () => {
    const before = await h.app.db
      .selectFrom('history')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const writes: [HTTPMethods, string, unknown][] = [
      ['POST', `/api/claims/${claimId}/notes`, { text: 'forged' }],
      ['PATCH', `/api/claims/${claimId}`, { rationale: 'forged' }],
      ['POST', `/api/claims/${claimId}/transitions`, { action: 'start' }],
      ['POST', '/api/users', { username: 'mallory', role: 'admin', password: 'x'.repeat(12) }],
      ['PATCH', '/api/users/ada', { disabled: true }],
    ];
    for (const [method, path, payload] of writes) {
      for (const url of spellings(path)) {
        const response = await h.app.inject({
          method,
          url,
          headers: { 'if-match': '"1"' },
          payload: payload as object,
        });
        assert.equal(response.statusCode, 401, `${method} ${url}: ${response.body}`);
      }
    }
    const afterCount = await h.app.db
      .selectFrom('history')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
    assert.equal((await h.app.db.selectFrom('users').select('id').execute()).length, 5);
  });

  it('applies the cross-site check to an encoded path of a signed-in user', async () => {
    // text/plain is what a cross-site form or a no-cors fetch can send (and Fastify parses).
    const response = await h.as('dana', {
      method: 'POST',
      url: `/%61pi/claims/${claimId}/notes`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ text: 'forged' }),
    });
    assert.equal(response.statusCode, 415, response.body);
    const bodiless = await h.as('dana', {
      method: 'DELETE',
      url: `/%61pi/claims/${claimId}/evidence/x`,
    });
    assert.equal(bodiless.statusCode, 415, bodiless.body);
  });

  it('takes the JSON media type in any case', async () => {
    const response = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${claimId}/notes`,
      headers: { 'content-type': 'APPLICATION/JSON; Charset=UTF-8' },
      payload: JSON.stringify({ text: 'Upper-case media type.' }),
    });
    assert.equal(response.statusCode, 201, response.body);
  });
});
