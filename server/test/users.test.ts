/** Account administration over HTTP: admins only, valid roles, and an active admin always remains. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { LastAdminError, updateUser } from '../repositories/users';
import { Harness, json, PASSWORD, startApp, withCast } from './harness';

interface PublicUser {
  username: string;
  displayName: string;
  role: string;
  disabled: boolean;
}

interface Problem {
  status: number;
  detail: string;
  field: string;
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

describe('display names over HTTP', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
  });
  after(() => h.close());

  const rename = (as: string, username: string, body: object) =>
    h.as(as, { method: 'PATCH', url: `/api/users/${username}`, payload: body });
  const nameOf = async (username: string) =>
    json<PublicUser[]>(await h.as('ada', { url: '/api/users' })).find(
      (u) => u.username === username,
    )?.displayName;

  it('adds a person under the name given, trimmed, or else under the username', async () => {
    const named = await h.as('ada', {
      method: 'POST',
      url: '/api/users',
      payload: {
        username: 'sam',
        role: 'editor',
        password: PASSWORD,
        displayName: '  Sam Okafor ',
      },
    });
    assert.equal(named.statusCode, 201, named.body);
    assert.equal(json<PublicUser>(named).displayName, 'Sam Okafor');
    assert.equal(await nameOf('sam'), 'Sam Okafor');
    await h.signIn('sam');
    const me = await h.as('sam', { url: '/api/session' });
    assert.equal(json<{ user: PublicUser }>(me).user.displayName, 'Sam Okafor');
  });

  it('refuses a display name that is blank, too long or holds control characters, by name', async () => {
    const atLimit = `  ${'x'.repeat(100)}  `;
    const adds = await Promise.all(
      ['', '   ', '\u200b', 'x'.repeat(101), 'Line\nbreak', 'Tab\there', 'Bidi \u202e', 7].map(
        (displayName, i) =>
          h.as('ada', {
            method: 'POST',
            url: '/api/users',
            payload: { username: `bad${i}`, role: 'editor', password: PASSWORD, displayName },
          }),
      ),
    );
    for (const response of adds) {
      assert.equal(response.statusCode, 400, response.body);
      assert.equal(json<Problem>(response).field, '/body/displayName');
    }
    assert.match(json<Problem>(adds[3]).detail, /^\/body\/displayName must be 1–100 characters/);
    const users = json<PublicUser[]>(await h.as('ada', { url: '/api/users' }));
    assert.ok(!users.some((u) => u.username.startsWith('bad')), 'nothing was added');

    const patch = await rename('ada', 'casey', { displayName: 'x'.repeat(101) });
    assert.equal(patch.statusCode, 400);
    assert.equal(json<Problem>(patch).field, '/body/displayName');
    const own = await rename('casey', 'casey', { displayName: '\u0007' });
    assert.equal(own.statusCode, 400);
    assert.equal(json<Problem>(own).field, '/body/displayName');
    assert.equal(await nameOf('casey'), 'casey');
    const long = await rename('ada', 'casey', { displayName: atLimit });
    assert.equal(long.statusCode, 200, 'the spaces around it do not count');
    assert.equal(json<PublicUser>(long).displayName, 'x'.repeat(100));
  });

  it('lets an admin rename anyone, which the renamed person sees at once', async () => {
    await h.signIn('dana');
    const before = await h.as('dana', { url: '/api/session' });
    assert.equal(json<{ user: PublicUser }>(before).user.displayName, 'dana');
    const response = await rename('ada', 'dana', { displayName: 'Dana Reyes ' });
    assert.equal(response.statusCode, 200, response.body);
    assert.deepEqual(
      { ...json<PublicUser>(response), createdAt: undefined },
      {
        username: 'dana',
        displayName: 'Dana Reyes',
        role: 'editor',
        disabled: false,
        createdAt: undefined,
      },
    );
    const me = await h.as('dana', { url: '/api/session' });
    assert.equal(json<{ user: PublicUser }>(me).user.displayName, 'Dana Reyes');
    assert.equal(await nameOf('dana'), 'Dana Reyes');
  });

  it('lets everyone change their own display name, and nothing else of their account', async () => {
    const own = await rename('robin', 'robin', { displayName: 'Robin Ahmadi' });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(json<PublicUser>(own).displayName, 'Robin Ahmadi');
    const editor = await rename('eli', 'eli', { displayName: 'Eli Navarro' });
    assert.equal(editor.statusCode, 200, editor.body);

    const promote = await rename('robin', 'robin', { displayName: 'Robin', role: 'admin' });
    assert.equal(promote.statusCode, 403, promote.body);
    assert.equal(json<Problem>(promote).field, '/body/role');
    const disable = await rename('robin', 'robin', { disabled: true });
    assert.equal(disable.statusCode, 403);
    assert.equal(json<Problem>(disable).field, '/body/disabled');
    const robin = json<PublicUser[]>(await h.as('ada', { url: '/api/users' })).find(
      (u) => u.username === 'robin',
    );
    assert.deepEqual(
      { role: robin?.role, displayName: robin?.displayName, disabled: robin?.disabled },
      { role: 'fact_checker', displayName: 'Robin Ahmadi', disabled: false },
      'a refused request changes nothing, not even the name it carried',
    );
  });

  it('refuses a non-admin renaming someone else with 403, naming the account', async () => {
    for (const [as, target] of [
      ['casey', 'robin'],
      ['eli', 'casey'],
      ['casey', 'nobody'],
    ] as const) {
      const response = await rename(as, target, { displayName: 'Mallory' });
      assert.equal(response.statusCode, 403, `${as} → ${target}: ${response.body}`);
      assert.equal(json<Problem>(response).field, '/params/username');
      assert.match(json<Problem>(response).detail, /only your own display name/);
    }
    assert.equal(await nameOf('robin'), 'Robin Ahmadi');
    assert.equal(await nameOf('casey'), 'x'.repeat(100));
  });

  it('lets an admin rename themself, and says when the account does not exist', async () => {
    const own = await rename('ada', 'ada', { displayName: 'Ada Lindqvist' });
    assert.equal(own.statusCode, 200, own.body);
    assert.equal(json<PublicUser>(own).role, 'admin');
    const unknown = await rename('ada', 'nobody', { displayName: 'Nobody' });
    assert.equal(unknown.statusCode, 404);
  });

  it('documents displayName on every route that takes it', async () => {
    const doc = json<{ paths: Record<string, Record<string, unknown>> }>(
      await h.app.inject({ url: '/api/openapi.json' }),
    );
    const bodyOf = (path: string, method: string) =>
      JSON.stringify(doc.paths[path]?.[method] ?? {});
    for (const [path, method] of [
      ['/api/users', 'post'],
      ['/api/users/{username}', 'patch'],
      ['/api/setup', 'post'],
    ]) {
      assert.match(bodyOf(path, method), /"displayName"/, `${method} ${path}`);
    }
  });
});
