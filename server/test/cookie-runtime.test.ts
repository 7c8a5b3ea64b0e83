/**
 * `cookie@2` (under @fastify/cookie and light-my-request) declares Node 22, and
 * npm warns about it on Node 20. These are the paths Claimdesk uses it for,
 * checked on the Node that runs the suite: writing the session cookie, reading it
 * back on the next request, and clearing it on sign-out.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Harness, PASSWORD, startApp, withCast } from './harness';

describe(`session cookies on Node ${process.versions.node}`, () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
  });
  after(() => h.close());

  it('writes, reads back and clears the session cookie', async () => {
    const signedIn = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'casey', password: PASSWORD },
    });
    assert.equal(signedIn.statusCode, 200, signedIn.body);
    const header = String(signedIn.headers['set-cookie']);
    assert.match(header, /claimdesk_session=[^;]+; /);
    assert.match(header, /HttpOnly/i);
    assert.match(header, /SameSite=Strict|SameSite=Lax/i);
    const cookie = signedIn.cookies.find((c) => c.name === 'claimdesk_session');
    assert.ok(cookie?.value, 'light-my-request parsed the cookie it was sent');

    const session = await h.app.inject({
      url: '/api/session',
      headers: { cookie: `claimdesk_session=${cookie.value}` },
    });
    assert.equal(session.statusCode, 200, session.body);
    assert.equal(
      (JSON.parse(session.body) as { user: { username: string } }).user.username,
      'casey',
    );

    const out = await h.app.inject({
      method: 'DELETE',
      url: '/api/session',
      headers: { cookie: `claimdesk_session=${cookie.value}`, 'x-claimdesk-request': '1' },
    });
    assert.ok(out.statusCode < 300, out.body);
    assert.match(
      String(out.headers['set-cookie']),
      /claimdesk_session=;.*Expires=Thu, 01 Jan 1970/i,
    );
  });
});
