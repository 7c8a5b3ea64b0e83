/**
 * `npm run users` administers accounts from the shell; the password comes on stdin.
 * Most calls run the command in-process (runUsersCommand, with its own database
 * connection as from another process); the first test and the live-stream one spawn
 * the real `server/cli/users.ts`, for its exit codes, stdin and output end to end.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runUsersCommand } from '../cli/users-command';
import { runInProcess, runSpawned } from './command-run';
import { startApp, testDatabaseEnv } from './harness';

describe('users command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-cli-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  const env = { ...process.env, ...testDatabaseEnv(dir) };
  /** The real command in its own process: `npm run users -- <args>`. */
  const spawned = (args: string[], input = '') => runSpawned('users', args, env, input);
  /** The same command in this process, on its own database connection. */
  const run = (args: string[], input = '') => runInProcess(runUsersCommand, args, env, input);

  it('adds, lists, changes the role of and disables accounts', async () => {
    const add = spawned(['add', 'casey', '--role', 'fact_checker'], 'a long enough password\n');
    assert.equal(add.status, 0, add.stderr);
    assert.equal(add.stdout, 'Added casey (casey) as fact_checker.\n');
    const duplicate = spawned(['add', 'casey', '--role', 'editor'], 'another password\n');
    assert.equal(duplicate.status, 2, 'duplicate refused');
    assert.match(duplicate.stderr, /^The username casey is taken\.$/m);
    assert.equal(
      (await run(['add', 'dana', '--role', 'chief'], 'a long enough password\n')).status,
      2,
    );
    assert.equal((await run(['add', 'dana', '--role', 'editor'], 'short\n')).status, 2);
    assert.equal((await run(['set-role', 'casey', 'editor'])).status, 0);
    assert.equal((await run(['disable', 'casey'])).status, 0);
    const list = await run(['list']);
    assert.equal(list.stdout.trim(), 'casey\teditor\tcasey\tdisabled');

    const h = await startApp({ dir, claimsDir: null });
    const login = await h.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'casey', password: 'a long enough password' },
    });
    assert.equal(login.statusCode, 401, 'a disabled account cannot sign in');
    await h.close();
    assert.equal((await run(['enable', 'casey'])).status, 0);
    const h2 = await startApp({ dir, claimsDir: null });
    const ok = await h2.app.inject({
      method: 'POST',
      url: '/api/session',
      payload: { username: 'casey', password: 'a long enough password' },
    });
    assert.equal(ok.statusCode, 200);
    await h2.close();
  });

  it('adds a person under a display name, renames them, and refuses names that cannot be one', async () => {
    const add = await run(
      ['add', 'dana', '--role', 'editor', '--name', ' Dana Reyes '],
      'a long enough password\n',
    );
    assert.equal(add.status, 0, add.stderr);
    assert.equal(add.stdout, 'Added dana (Dana Reyes) as editor.\n');
    const blank = await run(
      ['add', 'lee', '--role', 'editor', '--name', '  '],
      'a long enough password\n',
    );
    assert.equal(blank.status, 2);
    assert.match(blank.stderr, /^--name must be 1–100 characters/);
    assert.equal(
      (
        await run(
          ['add', 'lee', '--role', 'editor', '--name', 'x'.repeat(101)],
          'a long enough password\n',
        )
      ).status,
      2,
    );

    const rename = await run(['rename', 'dana', 'Dana R. Reyes']);
    assert.equal(rename.status, 0, rename.stderr);
    assert.equal(rename.stdout, 'dana is now shown as Dana R. Reyes.\n');
    const control = await run(['rename', 'dana', 'Dana\tReyes']);
    assert.equal(control.status, 2);
    assert.match(control.stderr, /^The display name must be 1–100 characters/);
    const unquoted = await run(['rename', 'dana', 'Dana', 'Reyes']);
    assert.equal(unquoted.status, 2);
    assert.match(unquoted.stderr, /put it in quotes/);
    assert.equal((await run(['rename', 'dana'])).status, 2, 'a name is needed');
    const unknown = await run(['rename', 'nobody', 'Nobody']);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /No account is called nobody/);

    const list = (await run(['list'])).stdout.split('\n');
    assert.ok(list.includes('dana\teditor\tDana R. Reyes'), list.join('\n'));
    assert.ok(!list.some((line) => line.startsWith('lee\t')));
    const usage = await run(['help']);
    assert.match(usage.stderr, /--name "<display name>"/);
    assert.match(usage.stderr, /rename <username> "<display name>"/);
  });

  it('refuses to disable or demote the last active admin', async () => {
    assert.equal(
      (await run(['add', 'root', '--role', 'admin'], 'a long enough password\n')).status,
      0,
    );
    const disable = await run(['disable', 'root']);
    assert.equal(disable.status, 2, disable.stderr);
    assert.match(disable.stderr, /root is the last active admin/);
    assert.equal(
      (await run(['add', 'second', '--role', 'admin'], 'a long enough password\n')).status,
      0,
    );
    assert.equal((await run(['set-role', 'root', 'editor'])).status, 0, 'another admin remains');
    const demote = await run(['set-role', 'second', 'editor']);
    assert.equal(demote.status, 2, demote.stderr);
    assert.match(demote.stderr, /second is the last active admin/);
  });

  it('ends the live stream of an account it disables, within seconds', async () => {
    assert.equal(
      (await run(['add', 'kim', '--role', 'fact_checker'], 'a long enough password\n')).status,
      0,
    );
    const h = await startApp({ dir, claimsDir: null, streamSessionCheckMs: 200 });
    try {
      const base = await h.app.listen({ port: 0, host: '127.0.0.1' });
      const login = await h.app.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username: 'kim', password: 'a long enough password' },
      });
      const cookie = `claimdesk_session=${login.cookies.find((c) => c.name === 'claimdesk_session')?.value}`;
      const controller = new AbortController();
      const stream = await fetch(`${base}/api/events`, {
        headers: { cookie },
        signal: controller.signal,
      });
      assert.equal(stream.status, 200);
      // From another process, as a person at the shell would.
      const disable = spawned(['disable', 'kim']);
      assert.equal(disable.status, 0, disable.stderr);
      // "Within seconds" counts from the disable, not from before the command started:
      // on a loaded machine starting the command alone can take longer than that.
      const timer = setTimeout(() => controller.abort(), 10_000);
      // The body ends (done) when the server closes the stream; an abort would throw.
      await stream.text();
      clearTimeout(timer);
    } finally {
      await h.close();
    }
  });
});
