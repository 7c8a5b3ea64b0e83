import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { trustProxyFromEnv } from '../config';
import { createSetupToken, SETUP_TOKEN_HOURS } from '../repositories/users';
import { Harness, json, PASSWORD, startApp, withCast } from './harness';

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

  it('rate-limits failed sign-ins per username', async () => {
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
    assert.equal((await signIn(h, 'robin', PASSWORD, '198.51.100.9')).statusCode, 429);
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
