import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import Fastify from 'fastify';
import app from '../app';
import { hashPassword } from '../auth/password';
import { fastifyOptions, trustProxyFromEnv } from '../config';
import { createSetupToken, SETUP_TOKEN_HOURS } from '../repositories/setup';
import { insertUser } from '../repositories/users';
import {
  LoginThrottle,
  PERSON_ATTEMPTS_FACTOR,
  PERSON_BACKOFF_MAX_MS,
} from '../auth/login-throttle';
import { Harness, json, PASSWORD, startApp, withCast, testDatabase } from './harness';

const signIn = (h: Harness, username: string, password: string, remoteAddress?: string) =>
  h.app.inject({
    method: 'POST',
    url: '/api/session',
    payload: { username, password },
    ...(remoteAddress ? { remoteAddress } : {}),
  });

const statusCounts = (statuses: number[]) =>
  statuses.reduce<Record<number, number>>((counts, status) => {
    counts[status] = (counts[status] ?? 0) + 1;
    return counts;
  }, {});

describe('sessions and setup', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null, loginAttempts: 3 });
  });
  after(() => h.close());

  it('answers health without a session', async () => {
    const response = await h.app.inject({ method: 'GET', url: '/api/health' });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(json(response), { status: 'ok', database: 'reachable' });
  });

  it('creates the first admin once through the setup token, never twice', async () => {
    assert.deepEqual(json(await h.app.inject({ url: '/api/setup' })), { needed: true });
    const token = await createSetupToken(h.app.db);
    const stale = await createSetupToken(h.app.db);
    assert.notEqual(token, stale);
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, username: 'founder', password: PASSWORD },
    });
    assert.equal(wrong.statusCode, 403, 'a replaced token no longer works');
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: stale, username: 'founder', password: PASSWORD },
    });
    assert.equal(ok.statusCode, 201);
    assert.equal(json<{ user: { role: string } }>(ok).user.role, 'admin');
    assert.ok(ok.cookies.some((c) => c.name === 'claimdesk_session'));
    const again = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: stale, username: 'mallory', password: PASSWORD },
    });
    assert.equal(again.statusCode, 403);
    assert.deepEqual(json(await h.app.inject({ url: '/api/setup' })), { needed: false });
  });

  it('rejects a short password at setup with the field named', async () => {
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: 'x'.repeat(20), username: 'ada2', password: 'short' },
    });
    assert.equal(response.statusCode, 400);
    assert.equal(response.headers['content-type'], 'application/problem+json; charset=utf-8');
    assert.equal(json<{ field: string }>(response).field, '/body/password');
  });

  it('signs in with an HttpOnly SameSite=Strict cookie, reports the user, signs out', async () => {
    await withCast(h);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'dana', password: PASSWORD },
    });
    assert.equal(response.statusCode, 200);
    const cookie = response.cookies.find((c) => c.name === 'claimdesk_session');
    assert.ok(cookie);
    assert.equal(cookie.httpOnly, true);
    assert.equal(cookie.sameSite, 'Strict');
    assert.ok(!String(response.body).includes('password'));
    const header = `claimdesk_session=${cookie.value}`;
    const me = await h.app.inject({ url: '/api/session', headers: { cookie: header } });
    assert.equal(json<{ user: { username: string; role: string } }>(me).user.role, 'editor');
    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: header, 'x-claimdesk-request': '1' },
    });
    assert.equal(out.statusCode, 204);
    const after = await h.app.inject({ url: '/api/session', headers: { cookie: header } });
    assert.equal(after.statusCode, 401);
  });

  it('tells who is signed in, or that nobody is, without a 401 (the dashboard asks on start)', async () => {
    // The cast was added by the test before.
    const signedIn = await signIn(h, 'dana', PASSWORD);
    const cookie = signedIn.cookies.find((c) => c.name === 'claimdesk_session');
    assert.ok(cookie);
    const header = `claimdesk_session=${cookie.value}`;
    const status = (cookieHeader?: string) =>
      h.app.inject({
        url: '/api/session/status',
        ...(cookieHeader ? { headers: { cookie: cookieHeader } } : {}),
      });
    const me = await status(header);
    assert.equal(me.statusCode, 200);
    assert.equal(json<{ user: { username: string } }>(me).user.username, 'dana');
    assert.ok(!me.body.includes('password'));
    for (const response of [await status(), await status('claimdesk_session=nope')]) {
      assert.equal(response.statusCode, 200);
      assert.deepEqual(json(response), { user: null });
    }
    await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: header, 'x-claimdesk-request': '1' },
    });
    assert.deepEqual(json(await status(header)), { user: null }, 'signed out');
  });

  it('answers 401 on every other API route without a session', async () => {
    for (const url of [
      '/api/articles',
      '/api/claims/x',
      '/api/users',
      '/api/events',
      '/api/nothing',
    ]) {
      const response = await h.app.inject({ url });
      assert.equal(response.statusCode, 401, url);
      assert.match(String(response.headers['content-type']), /problem\+json/);
    }
  });

  it('refuses a wrong password without saying which part was wrong', async () => {
    const unknown = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'nobody', password: PASSWORD },
    });
    const wrong = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'eli', password: 'not the password' },
    });
    assert.equal(unknown.statusCode, 401);
    assert.equal(wrong.statusCode, 401);
    assert.equal(json<{ detail: string }>(unknown).detail, json<{ detail: string }>(wrong).detail);
  });

  it('rate-limits failed sign-ins per username and address', async () => {
    const attempt = (password: string) =>
      h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'robin', password },
      });
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await attempt('wrong password')).statusCode, 401);
    }
    const blocked = await attempt(PASSWORD);
    assert.equal(blocked.statusCode, 429, 'even the right password waits once the limit is hit');
  });

  it('refuses a state-changing request that is neither JSON nor carries the custom header', async () => {
    const cookie = await h.signIn('casey');
    const form = await h.app.inject({
      method: 'POST',
      url: '/api/claims/x/notes',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'text=forged',
    });
    assert.equal(form.statusCode, 415);
    const plain = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ username: 'casey', password: PASSWORD }),
    });
    assert.equal(plain.statusCode, 415);
  });

  it('ends the sessions of a disabled account', async () => {
    const cookie = await h.signIn('eli');
    const admin = await h.signIn('ada');
    const disable = await h.app.inject({
      method: 'PATCH',
      url: '/api/users/eli',
      headers: { cookie: admin },
      payload: { disabled: true },
    });
    assert.equal(disable.statusCode, 200);
    assert.equal(
      (await h.app.inject({ url: '/api/articles', headers: { cookie } })).statusCode,
      401,
    );
  });
});

describe('the sign-in limit', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null, loginAttempts: 3 });
    await withCast(h);
  });
  after(() => h.close());

  it('holds against parallel wrong passwords: exactly the limit gets checked', async () => {
    const responses = await Promise.all(
      Array.from({ length: 40 }, () => signIn(h, 'robin', 'wrong password', '198.51.100.1')),
    );
    assert.deepEqual(statusCounts(responses.map((r) => r.statusCode)), { 401: 3, 429: 37 });
    assert.equal((await signIn(h, 'robin', PASSWORD, '198.51.100.1')).statusCode, 429);
    assert.equal(
      (await signIn(h, 'robin', PASSWORD, '198.51.100.9')).statusCode,
      200,
      'the guesses from one address do not lock the person out at another',
    );
  });

  it('lets other people behind the same address sign in after someone else’s burst', async () => {
    await Promise.all(
      Array.from({ length: 40 }, () => signIn(h, 'eli', 'wrong password', '198.51.100.2')),
    );
    assert.equal((await signIn(h, 'casey', PASSWORD, '198.51.100.2')).statusCode, 200);
  });

  it('counts a correct sign-in against nothing, and forgives earlier typos', async () => {
    assert.equal((await signIn(h, 'dana', 'wrong password', '198.51.100.3')).statusCode, 401);
    assert.equal((await signIn(h, 'dana', 'wrong password', '198.51.100.3')).statusCode, 401);
    for (let i = 0; i < 6; i += 1) {
      assert.equal((await signIn(h, 'dana', PASSWORD, '198.51.100.3')).statusCode, 200);
    }
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await signIn(h, 'dana', 'wrong password', '198.51.100.3')).statusCode, 401);
    }
    assert.equal((await signIn(h, 'dana', PASSWORD, '198.51.100.3')).statusCode, 429);
  });

  it('blocks an address that tries many usernames, at a much higher ceiling', async () => {
    const address = '198.51.100.4';
    // 3 attempts x 20: twenty usernames may each fail three times from one address.
    for (let i = 0; i < 20; i += 1) {
      const responses = await Promise.all(
        Array.from({ length: 3 }, () => signIn(h, `guess${i}`, 'wrong password', address)),
      );
      assert.ok(responses.every((r) => r.statusCode === 401));
    }
    assert.equal((await signIn(h, 'ada', PASSWORD, address)).statusCode, 429);
    assert.equal((await signIn(h, 'ada', PASSWORD, '198.51.100.5')).statusCode, 200);
  });
});

describe('the sign-in limit per person and address', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null, loginAttempts: 3 });
    await withCast(h);
  });
  after(() => h.close());

  it('does not let a stranger’s guesses lock the person out at their own address', async () => {
    const stranger = '203.0.113.50';
    for (let i = 0; i < 3; i += 1) {
      assert.equal((await signIn(h, 'ada', 'wrong password', stranger)).statusCode, 401);
    }
    const blocked = await signIn(h, 'ada', PASSWORD, stranger);
    assert.equal(blocked.statusCode, 429, 'the stranger’s address waits');
    assert.ok(Number(blocked.headers['retry-after']) > 0, 'with a Retry-After');
    const own = await signIn(h, 'ada', PASSWORD, '198.51.100.20');
    assert.equal(own.statusCode, 200, 'the person at their own address signs in');
    // And the person's own typos count at their address only.
    assert.equal((await signIn(h, 'ada', 'wrong password', '198.51.100.20')).statusCode, 401);
    assert.equal((await signIn(h, 'ada', PASSWORD, '198.51.100.20')).statusCode, 200);
  });
});

describe('the per-person backoff over HTTP', () => {
  it('slows guessing spread over many addresses, then lets the person in after the wait', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-backoff-'));
    let nowMs = 1_000_000;
    const server = Fastify({ ...fastifyOptions(), logger: false });
    await server.register(app, {
      database: testDatabase(dir),
      claimsDir: null,
      staticDir: null,
      sessionHours: 1,
      loginAttempts: 3,
      loginWindowMinutes: 15,
      loginClock: () => nowMs,
    });
    await server.ready();
    try {
      for (const username of ['casey', 'dana']) {
        await insertUser(server.db, {
          username,
          role: 'fact_checker',
          passwordHash: await hashPassword(PASSWORD),
        });
      }
      const attempt = (username: string, password: string, remoteAddress: string) =>
        server.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username, password },
          remoteAddress,
        });
      // 3 attempts x PERSON_ATTEMPTS_FACTOR (3): nine free failures across addresses.
      for (let i = 0; i < 9; i += 1) {
        assert.equal((await attempt('casey', 'wrong password', `192.0.2.${i}`)).statusCode, 401);
      }
      const waits = await attempt('casey', PASSWORD, '198.51.100.30');
      assert.equal(waits.statusCode, 429, 'the next attempt at that person waits, from anywhere');
      assert.equal(waits.headers['retry-after'], '1');
      assert.match(json<{ detail: string }>(waits).detail, /Try again in 1 second\./);
      assert.equal(
        (await attempt('dana', PASSWORD, '198.51.100.30')).statusCode,
        200,
        'other people are not slowed down',
      );
      nowMs += 1000;
      assert.equal((await attempt('casey', 'wrong password', '192.0.2.77')).statusCode, 401);
      const longer = await attempt('casey', PASSWORD, '198.51.100.30');
      assert.equal(longer.statusCode, 429);
      assert.equal(longer.headers['retry-after'], '2', 'each further attempt waits twice as long');
      nowMs += 2000;
      assert.equal(
        (await attempt('casey', PASSWORD, '198.51.100.30')).statusCode,
        200,
        'a backoff, not a lockout: the right password works after the wait',
      );
    } finally {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('LoginThrottle', () => {
  const clock = () => {
    let nowMs = 1_000_000;
    return { now: () => nowMs, advance: (ms: number) => (nowMs += ms) };
  };
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
  });
  after(() => h.close());

  it('waits longer after each attempt beyond the free ones, up to a cap, never for good', async () => {
    const time = clock();
    const throttle = new LoginThrottle(h.app.db, 5, 15 * 60_000, time.now);
    const free = 5 * PERSON_ATTEMPTS_FACTOR;
    for (let i = 0; i < free; i += 1) {
      assert.ok('pairKey' in (await throttle.begin('gus', `192.0.2.${i}`)), `free attempt ${i}`);
    }
    const waited: number[] = [];
    for (let i = 0; i < 12; i += 1) {
      const refused = await throttle.begin('gus', `198.51.100.${i}`);
      assert.ok('retryAfterSeconds' in refused, `attempt ${i} waits`);
      waited.push(refused.retryAfterSeconds);
      time.advance(refused.retryAfterSeconds * 1000);
      const attempt = await throttle.begin('gus', `198.51.100.${i}`);
      assert.ok('pairKey' in attempt, `attempt ${i} passes after its wait`);
    }
    assert.deepEqual(waited.slice(0, 8), [1, 2, 4, 8, 16, 32, 64, 120]);
    assert.ok(waited.every((seconds) => seconds <= PERSON_BACKOFF_MAX_MS / 1000));
  });

  it('forgives a person’s failures from an address when they sign in there, not the others', async () => {
    const time = clock();
    const throttle = new LoginThrottle(h.app.db, 3, 15 * 60_000, time.now);
    for (let i = 0; i < 2; i += 1) {
      assert.ok('pairKey' in (await throttle.begin('ivy', '192.0.2.1')));
      assert.ok('pairKey' in (await throttle.begin('ivy', '192.0.2.2')));
    }
    const right = await throttle.begin('ivy', '192.0.2.1');
    assert.ok('pairKey' in right);
    await throttle.succeeded(right);
    for (let i = 0; i < 3; i += 1) {
      assert.ok(
        'pairKey' in (await throttle.begin('ivy', '192.0.2.1')),
        `typo ${i} after signing in`,
      );
    }
    assert.ok('pairKey' in (await throttle.begin('ivy', '192.0.2.2')), 'the third failure there');
    assert.ok('retryAfterSeconds' in (await throttle.begin('ivy', '192.0.2.2')), 'then it waits');
    time.advance(15 * 60_000);
    assert.ok(
      'pairKey' in (await throttle.begin('ivy', '192.0.2.2')),
      'until the window has passed',
    );
  });

  it('counts attempts made through another server process on the same database', async () => {
    // Two apps on one database stand for two processes behind one load balancer.
    const other = await startApp({ dir: h.dir, claimsDir: null, loginAttempts: 3 });
    try {
      await withCast(h);
      const attempt = (app: Harness, password: string) =>
        app.app.inject({
          method: 'POST',
          url: '/api/session',
          payload: { username: 'dana', password },
          remoteAddress: '203.0.113.9',
        });
      // Five allowed per username and address in `h`; three in `other`: shared counts
      // mean `other` refuses after the failures made through `h`.
      for (let i = 0; i < 3; i += 1) {
        assert.equal((await attempt(h, 'wrong password')).statusCode, 401);
      }
      assert.equal(
        (await attempt(other, PASSWORD)).statusCode,
        429,
        'the other process knows of the three failures',
      );
    } finally {
      await other.close();
    }
  });
});

describe('behind a proxy', () => {
  it('sets a Secure cookie when a trusted proxy says the request came over HTTPS', async () => {
    for (const trustProxy of [['127.0.0.1'], 1] as const) {
      const h = await startApp({ claimsDir: null, trustProxy });
      try {
        await withCast(h);
        const https = await h.app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-for': '203.0.113.7' },
          payload: { username: 'dana', password: PASSWORD },
        });
        assert.equal(https.statusCode, 200);
        assert.equal(https.cookies.find((c) => c.name === 'claimdesk_session')?.secure, true);
        const http = await signIn(h, 'dana', PASSWORD);
        assert.notEqual(http.cookies.find((c) => c.name === 'claimdesk_session')?.secure, true);
      } finally {
        await h.close();
      }
    }
  });

  it('believes no X-Forwarded-* header from a peer it does not trust', async () => {
    const h = await startApp({ claimsDir: null, loginAttempts: 1, trustProxy: ['10.0.0.1'] });
    try {
      await withCast(h);
      const https = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-forwarded-proto': 'https' },
        payload: { username: 'dana', password: PASSWORD },
      });
      assert.notEqual(https.cookies.find((c) => c.name === 'claimdesk_session')?.secure, true);
      // A forged X-Forwarded-For does not make a new address: the ceiling (1 x 20) holds.
      for (let i = 0; i < 20; i += 1) {
        const response = await h.app.inject({
          method: 'POST',
          url: '/api/session',
          headers: { 'x-forwarded-for': `203.0.113.${i}` },
          payload: { username: `guess${i}`, password: 'wrong password' },
        });
        assert.equal(response.statusCode, 401);
      }
      const blocked = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        headers: { 'x-forwarded-for': '203.0.113.200' },
        payload: { username: 'casey', password: PASSWORD },
      });
      assert.equal(blocked.statusCode, 429);
    } finally {
      await h.close();
    }
  });

  it('reads TRUST_PROXY as a hop count or a list of addresses, nothing else', () => {
    assert.equal(trustProxyFromEnv(undefined), false);
    assert.equal(trustProxyFromEnv(''), false);
    assert.equal(trustProxyFromEnv('0'), false);
    assert.equal(trustProxyFromEnv('1'), 1);
    assert.equal(trustProxyFromEnv('2'), 2);
    assert.deepEqual(trustProxyFromEnv('127.0.0.1, 10.0.0.0/8,::1,loopback'), [
      '127.0.0.1',
      '10.0.0.0/8',
      '::1',
      'loopback',
    ]);
    for (const bad of ['true', 'yes', '*', '10.0.0.0/33', 'proxy.local', '1.2.3.4/8/8']) {
      assert.throws(() => trustProxyFromEnv(bad), /TRUST_PROXY/, bad);
    }
  });
});

describe('the first admin’s display name', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
  });
  after(() => h.close());

  it('is refused by name when it cannot be one, before the token is spent', async () => {
    const token = await createSetupToken(h.app.db);
    for (const displayName of ['  ', 'x'.repeat(101), 'Ada\u0000']) {
      const response = await h.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: { token, username: 'founder', password: PASSWORD, displayName },
      });
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(json<{ field: string }>(response).field, '/body/displayName');
    }
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, username: 'founder', password: PASSWORD, displayName: ' Ada Lindqvist ' },
    });
    assert.equal(ok.statusCode, 201, ok.body);
    assert.deepEqual(
      json<{ user: { username: string; displayName: string; role: string } }>(ok).user,
      {
        username: 'founder',
        displayName: 'Ada Lindqvist',
        role: 'admin',
        disabled: false,
        createdAt: json<{ user: { createdAt: string } }>(ok).user.createdAt,
      },
    );
  });

  it('is the username when none is given', async () => {
    const other = await startApp({ claimsDir: null });
    try {
      const response = await other.app.inject({
        method: 'POST',
        url: '/api/setup',
        payload: {
          token: await createSetupToken(other.app.db),
          username: 'founder',
          password: PASSWORD,
        },
      });
      assert.equal(response.statusCode, 201, response.body);
      assert.equal(json<{ user: { displayName: string } }>(response).user.displayName, 'founder');
    } finally {
      await other.close();
    }
  });
});

describe('the setup link', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
  });
  after(() => h.close());

  it(`works for ${SETUP_TOKEN_HOURS} hours, not longer`, async () => {
    const token = await createSetupToken(h.app.db);
    const past = new Date(Date.now() - (SETUP_TOKEN_HOURS * 3_600_000 + 60_000)).toISOString();
    await h.app.db.updateTable('setup_tokens').set({ created_at: past }).execute();
    const expired = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token, username: 'founder', password: PASSWORD },
    });
    assert.equal(expired.statusCode, 403);
    assert.match(json<{ detail: string }>(expired).detail, /24 hours/);
    const fresh = await createSetupToken(h.app.db);
    const ok = await h.app.inject({
      method: 'POST',
      url: '/api/setup',
      payload: { token: fresh, username: 'founder', password: PASSWORD },
    });
    assert.equal(ok.statusCode, 201);
  });
});

describe('health', () => {
  it('answers 503 with a problem when the database cannot be reached', async () => {
    const h = await startApp({ claimsDir: null });
    try {
      await h.app.db.destroy();
      const response = await h.app.inject({ url: '/api/health' });
      assert.equal(response.statusCode, 503, response.body);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    } finally {
      await h.close().catch(() => undefined);
    }
  });
});
