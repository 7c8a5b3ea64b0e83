// Cookies set where a route sets them (plugins/cookies.ts): the same Set-Cookie bytes as
// @fastify/cookie writes, over real HTTP, and no onSend hook of the cookie plugin's on the
// app's routes.
//   node --import tsx --test server/test/cookies-where-set.test.ts
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import app from '../app';
import { hashPassword } from '../auth/password';
import { fastifyOptions } from '../config';
import { SESSION_COOKIE } from '../plugins/auth';
import { insertUser } from '../repositories/users';

const PASSWORD = 'cookie test password';

/** What @fastify/cookie itself writes for `set` on a reply, read back through inject. */
async function pluginWrites(
  set: (reply: import('fastify').FastifyReply) => void,
): Promise<string | string[] | undefined> {
  const plain = Fastify();
  await plain.register(cookie);
  plain.get('/', (_request, reply) => {
    set(reply);
    return reply.send('');
  });
  const response = await plain.inject('/');
  await plain.close();
  return response.headers['set-cookie'];
}

describe('cookies set where a route sets them', () => {
  let server: FastifyInstance;
  let origin: string;
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-cookies-'));

  before(async () => {
    server = Fastify({ ...fastifyOptions(), logger: false });
    await server.register(app, {
      database: { engine: 'sqlite', file: join(dir, 'claimdesk.db') },
      claimsDir: null,
      staticDir: null,
      sessionHours: 1,
      loginAttempts: 5,
      loginWindowMinutes: 15,
      dueReminderMs: 0,
    });
    await insertUser(server.db, {
      username: 'casey',
      role: 'fact_checker',
      passwordHash: await hashPassword(PASSWORD),
    });
    origin = await server.listen({ port: 0, host: '127.0.0.1' });
  });
  after(async () => {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes the session cookie on sign-in and clears it on sign-out, byte for byte as the plugin', async () => {
    const signIn = await fetch(`${origin}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'casey', password: PASSWORD }),
    });
    assert.equal(signIn.status, 200);
    const written = signIn.headers.getSetCookie();
    assert.equal(written.length, 1, 'one Set-Cookie');
    const token = /^claimdesk_session=([^;]+);/.exec(written[0] ?? '')?.[1];
    const expires = /; Expires=([^;]+);/.exec(written[0] ?? '')?.[1];
    assert.ok(token && expires, written[0]);
    // As routes/session.ts sets it, on plain HTTP.
    const expected = await pluginWrites((reply) =>
      reply.setCookie(SESSION_COOKIE, token, {
        path: '/',
        httpOnly: true,
        sameSite: 'strict',
        secure: false,
        expires: new Date(expires),
      }),
    );
    assert.deepEqual(written, [expected]);

    const session = await fetch(`${origin}/api/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    assert.equal(session.status, 200, 'the cookie reads back');

    const signOut = await fetch(`${origin}/api/session`, {
      method: 'DELETE',
      headers: { cookie: `${SESSION_COOKIE}=${token}`, 'x-claimdesk-request': '1' },
    });
    assert.equal(signOut.status, 204);
    const cleared = await pluginWrites((reply) => reply.clearCookie(SESSION_COOKIE, { path: '/' }));
    assert.deepEqual(signOut.headers.getSetCookie(), [cleared]);
    const after = await fetch(`${origin}/api/session`, {
      headers: { cookie: `${SESSION_COOKIE}=${token}` },
    });
    assert.equal(after.status, 401, 'signed out');
  });

  it('runs no hook of the cookie plugin on the answers of the other routes', () => {
    const routes = server.printRoutes({ includeHooks: true, commonPrefix: false });
    // A tree of path segments, each route with its hooks by name.
    assert.match(routes, /\/claims \(GET\)/, 'the claims list is listed');
    assert.match(routes, /\(onRequest\)/, 'hooks are listed');
    assert.doesNotMatch(routes, /fastifyCookie/);
  });
});
