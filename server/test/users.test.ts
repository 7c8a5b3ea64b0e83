/** Account administration over HTTP: admins only, valid roles, and an active admin always remains. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LastAdminError, updateUser } from '../repositories/users';
import { Harness, json, PASSWORD, startApp, withCast } from './harness';

interface PublicUser {
  username: string;
  role: string;
  disabled: boolean;
}

describe('accounts over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
  });
  after(() => h.close());

  it('lets an admin add an account that can then sign in; no secret in the answer', async () => {
    const response = await h.as('ada', {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'frankie', role: 'fact_checker', password: PASSWORD },
    });
    assert.equal(response.statusCode, 201, response.body);
    assert.deepEqual(
      { ...json<PublicUser>(response), createdAt: undefined },
      {
        username: 'frankie',
        displayName: 'frankie',
        role: 'fact_checker',
        disabled: false,
        createdAt: undefined,
      },
    );
    assert.doesNotMatch(response.body, /scrypt|password/i);
    await h.signIn('frankie');
  });

  it('refuses to add or change accounts for anyone but an admin', async () => {
    for (const username of ['casey', 'dana']) {
      const add = await h.as(username, {
        method: 'POST',
        url: '/api/users',
        payload: { username: 'mallory', role: 'admin', password: PASSWORD },
      });
      assert.equal(add.statusCode, 403, `${username}: ${add.body}`);
      const change = await h.as(username, {
        method: 'PATCH',
        url: '/api/users/robin',
        payload: { role: 'admin' },
      });
      assert.equal(change.statusCode, 403, `${username}: ${change.body}`);
    }
    const list = json<PublicUser[]>(await h.as('casey', { url: '/api/users' }));
    assert.ok(!list.some((u) => u.username === 'mallory'));
    assert.equal(list.find((u) => u.username === 'robin')?.role, 'fact_checker');
  });

  it('refuses an unknown role and a taken username by name', async () => {
    const role = await h.as('ada', {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'gale', role: 'chief', password: PASSWORD },
    });
    assert.equal(role.statusCode, 400);
    assert.equal(json<{ field: string }>(role).field, '/body/role');
    const patchRole = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/robin',
      payload: { role: 'superuser' },
    });
    assert.equal(patchRole.statusCode, 400);
    assert.equal(json<{ field: string }>(patchRole).field, '/body/role');
    const taken = await h.as('ada', {
      method: 'POST',
      url: '/api/users',
      payload: { username: 'casey', role: 'editor', password: PASSWORD },
    });
    assert.equal(taken.statusCode, 409);
    assert.equal(json<{ field: string }>(taken).field, '/body/username');
  });

  it('adds one account when two admins add the same username at once', async () => {
    const add = () =>
      h.as('ada', {
        method: 'POST',
        url: '/api/users',
        payload: { username: 'twin', role: 'editor', password: PASSWORD },
      });
    const statuses = (await Promise.all([add(), add(), add()])).map((r) => r.statusCode).sort();
    assert.deepEqual(statuses, [201, 409, 409]);
  });

  it('changes a role and disables an account', async () => {
    const role = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/robin',
      payload: { role: 'editor' },
    });
    assert.equal(role.statusCode, 200, role.body);
    assert.equal(json<PublicUser>(role).role, 'editor');
    const me = await h.as('robin', { url: '/api/session' });
    assert.equal(
      json<{ user: PublicUser }>(me).user.role,
      'editor',
      'the new role applies at once',
    );
    const disabled = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/robin',
      payload: { disabled: true },
    });
    assert.equal(json<PublicUser>(disabled).disabled, true);
    assert.equal((await h.as('robin', { url: '/api/session' })).statusCode, 401);
    const unknown = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/nobody',
      payload: { disabled: true },
    });
    assert.equal(unknown.statusCode, 404);
  });

  it('never leaves the accounts without an active admin', async () => {
    const own = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/ada',
      payload: { role: 'editor' },
    });
    assert.equal(own.statusCode, 409);
    await assert.rejects(updateUser(h.app.db, 'ada', { role: 'editor' }), LastAdminError);
    await assert.rejects(updateUser(h.app.db, 'ada', { disabled: true }), LastAdminError);

    // Two admins disabling each other at once: one wins; the other is refused as the
    // last admin, or finds its own session ended already (its account is disabled).
    await h.addUser('zoe', 'admin');
    await h.signIn('zoe');
    const [ada, zoe] = await Promise.all([
      h.as('ada', { method: 'PATCH', url: '/api/users/zoe', payload: { disabled: true } }),
      h.as('zoe', { method: 'PATCH', url: '/api/users/ada', payload: { disabled: true } }),
    ]);
    const winner = ada.statusCode === 200 ? ada : zoe;
    const loser = winner === ada ? zoe : ada;
    assert.equal(winner.statusCode, 200, `${ada.body} ${zoe.body}`);
    assert.ok([401, 409].includes(loser.statusCode), loser.body);
    if (loser.statusCode === 409) {
      assert.equal(json<{ code: string }>(loser).code, 'last_admin');
      assert.match(json<{ detail: string }>(loser).detail, /last active admin/);
    }
    const admins = json<PublicUser[]>(await h.as('casey', { url: '/api/users' })).filter(
      (u) => u.role === 'admin' && !u.disabled,
    );
    assert.equal(admins.length, 1);
  });
});
