import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { createSetupToken } from '../repositories/users';
import { Harness, json, PASSWORD, startApp, withCast } from './harness';

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
