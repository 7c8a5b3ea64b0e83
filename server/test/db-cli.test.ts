/**
 * `npm run db`: copy between engines keeps every row and refuses a non-empty target;
 * backup is consistent while a server has the database open; `npm run users` works on
 * PostgreSQL too. The PostgreSQL parts need TEST_DATABASE_URL (`npm test` starts a
 * server); without it they are reported as skipped, with the reason.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { after, before, describe, it } from 'node:test';
import SQLite from 'better-sqlite3';
import type { ClaimSummary } from '../../src/domain/claim';
import { runDbCommand } from '../cli/db-command';
import { TABLE_KEYS, TABLES } from '../cli/db-copy';
import { runUsersCommand } from '../cli/users-command';
import { PROJECT_ROOT } from '../config';
import { type DatabaseTarget, dropPostgresSchema, openDatabase } from '../database/engine';
import { runInProcess, runSpawned } from './command-run';
import { type Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const PG_URL = process.env['TEST_DATABASE_URL'];
const NO_PG = PG_URL ? false : 'TEST_DATABASE_URL is unset: no PostgreSQL to copy to or back up';
const run = promisify(execFile);

/**
 * `npm run <script> -- <args>` in this process (on its own database connections); most
 * calls go this way. One call per command (copy, migrate, backup on each engine) spawns
 * the real script instead (`spawned`), for its exit code and output end to end.
 */
function cli(script: 'users' | 'db', args: string[], env: Record<string, string> = {}, input = '') {
  const command = script === 'users' ? runUsersCommand : runDbCommand;
  return runInProcess(command, args, { ...process.env, ...env }, input);
}

function spawned(script: 'users' | 'db', args: string[], env: Record<string, string> = {}) {
  return runSpawned(script, args, { ...process.env, ...env });
}

/** Every row of every table, in key order: what a copy must keep. */
async function dump(target: DatabaseTarget): Promise<Record<string, unknown[]>> {
  const db = await openDatabase(target);
  try {
    const tables: Record<string, unknown[]> = {};
    for (const table of TABLES) {
      let query = db.selectFrom(table).selectAll();
      for (const key of TABLE_KEYS[table]) query = query.orderBy(key as never);
      tables[table] = await query.execute();
    }
    return tables;
  } finally {
    await db.destroy();
  }
}

/** A desk on SQLite at `dir`, whatever TEST_DATABASE_URL says: the cast, notes, evidence, edits. */
async function seedSqliteDesk(dir: string): Promise<Harness> {
  const saved = process.env['TEST_DATABASE_URL'];
  delete process.env['TEST_DATABASE_URL'];
  try {
    const h = await startApp({ dir });
    await withCast(h);
    const claims = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    for (const claim of claims.slice(0, 5)) {
      const note = await h.as('casey', {
        method: 'POST',
        url: `/api/claims/${claim.id}/notes`,
        payload: { text: `Called the source about ${claim.id}.` },
      });
      assert.equal(note.statusCode, 201, note.body);
      const evidence = await h.as('casey', {
        method: 'POST',
        url: `/api/claims/${claim.id}/evidence`,
        payload: {
          url: `https://example.org/${claim.id}`,
          title: 'Official figures',
          stance: 'supports',
          sourceType: 'primary',
        },
      });
      assert.equal(evidence.statusCode, 201, evidence.body);
      const patch = await h.as('dana', {
        method: 'PATCH',
        url: `/api/claims/${claim.id}`,
        headers: { 'if-match': `"${claim.version}"` },
        payload: { rationale: 'Checked against the register.' },
      });
      assert.equal(patch.statusCode, 200, patch.body);
    }
    return h;
  } finally {
    if (saved !== undefined) process.env['TEST_DATABASE_URL'] = saved;
  }
}

describe('db command', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-db-cli-'));
  const sourceFile = join(dir, 'claimdesk.db');
  const schemas: string[] = [];
  const schema = (name: string) => {
    const full = `dbcli_${process.pid}_${name}`;
    schemas.push(full);
    return full;
  };
  let source: Record<string, unknown[]>;

  before(async () => {
    const h = await seedSqliteDesk(dir);
    await h.close();
    source = await dump({ engine: 'sqlite', file: sourceFile });
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    for (const name of schemas) await dropPostgresSchema(PG_URL ?? '', name);
  });

  it('seeds a desk with rows in every table the copy must carry', () => {
    for (const table of ['users', 'sessions', 'articles', 'claims', 'evidence', 'notes']) {
      assert.ok(source[table].length > 0, `${table} is empty`);
    }
    assert.ok(source['history'].length >= 5 && source['events'].length >= 15);
  });

  it('copies SQLite to SQLite, every row, and refuses to copy into it again', async () => {
    const copyFile = join(dir, 'copy.db');
    const copied = spawned('db', ['copy', `sqlite:${sourceFile}`, `sqlite:${copyFile}`]);
    assert.equal(copied.status, 0, copied.stderr);
    assert.match(copied.stdout, /^ {2}claims +\d+ rows$/m);
    assert.deepEqual(await dump({ engine: 'sqlite', file: copyFile }), source);
    const again = await cli('db', ['copy', `sqlite:${sourceFile}`, `sqlite:${copyFile}`]);
    assert.equal(again.status, 2, again.stderr);
    assert.match(again.stderr, /The target is not empty: users \(\d+\)/);
    const missing = await cli('db', [
      'copy',
      `sqlite:${join(dir, 'none.db')}`,
      `sqlite:${copyFile}`,
    ]);
    assert.equal(missing.status, 2);
    assert.match(missing.stderr, /There is no database at/);
    assert.equal(existsSync(join(dir, 'none.db')), false, 'no empty database left behind');
    assert.equal((await cli('db', ['copy', `sqlite:${sourceFile}`])).status, 2, 'usage');
  });

  it('copies SQLite to PostgreSQL and back, keeping every row', { skip: NO_PG }, async () => {
    const url = PG_URL ?? '';
    const pg = schema('roundtrip');
    const there = await cli('db', ['copy', `sqlite:${sourceFile}`, url, '--to-schema', pg]);
    assert.equal(there.status, 0, there.stderr);
    assert.doesNotMatch(there.stdout + there.stderr, /claimdesk-test/, 'no password printed');
    assert.deepEqual(await dump({ engine: 'postgres', url, schema: pg }), source);

    const backFile = join(dir, 'back.db');
    const back = await cli('db', ['copy', url, `sqlite:${backFile}`, '--from-schema', pg]);
    assert.equal(back.status, 0, back.stderr);
    assert.deepEqual(await dump({ engine: 'sqlite', file: backFile }), source);

    const refused = await cli('db', ['copy', `sqlite:${sourceFile}`, url, '--to-schema', pg]);
    assert.equal(refused.status, 2, refused.stderr);
    assert.match(refused.stderr, /The target is not empty/);

    // The copied desk serves and takes new rows: its serial numbers follow the copied ids.
    const env = { DATABASE_URL: url, DATABASE_SCHEMA: pg };
    const added = await cli(
      'users',
      ['add', 'newcomer', '--role', 'editor'],
      env,
      'long password 1\n',
    );
    assert.equal(added.status, 0, added.stderr);
    const list = await cli('users', ['list'], env);
    assert.equal(list.status, 0, list.stderr);
    assert.match(list.stdout, /^casey\tfact_checker\tcasey$/m);
    assert.match(list.stdout, /^newcomer\teditor\tnewcomer$/m);
  });

  it('runs npm run users and migrate on PostgreSQL', { skip: NO_PG }, async () => {
    const env = { DATABASE_URL: PG_URL ?? '', DATABASE_SCHEMA: schema('users') };
    const migrated = spawned('db', ['migrate'], env);
    assert.equal(migrated.status, 0, migrated.stderr);
    assert.match(migrated.stdout, /PostgreSQL postgres:\/\/claimdesk:\*\*\*@/);
    const add = await cli(
      'users',
      ['add', 'root', '--role', 'admin'],
      env,
      'a long enough password\n',
    );
    assert.equal(add.status, 0, add.stderr);
    const disable = await cli('users', ['disable', 'root'], env);
    assert.equal(disable.status, 2);
    assert.match(disable.stderr, /root is the last active admin/);
    assert.equal((await cli('users', ['list'], env)).stdout, 'root\tadmin\troot\n');
  });

  it('backs up PostgreSQL with pg_dump', { skip: NO_PG }, async () => {
    const env = { DATABASE_URL: PG_URL ?? '', DATABASE_SCHEMA: schema('backup') };
    assert.equal((await cli('db', ['migrate'], env)).status, 0);
    const file = join(dir, 'desk.dump');
    const backup = spawned('db', ['backup', file], env);
    assert.equal(backup.status, 0, backup.stderr);
    assert.match(backup.stdout, /PGPASSWORD=<the password> \S*pg_dump --format=custom/);
    assert.doesNotMatch(backup.stdout + backup.stderr, /claimdesk-test/, 'no password printed');
    assert.ok(existsSync(file));
    assert.equal((await cli('db', ['backup', file], env)).status, 2, 'an existing file is kept');
  });

  it('backs up SQLite consistently while a server writes to it', async () => {
    const saved = process.env['TEST_DATABASE_URL'];
    delete process.env['TEST_DATABASE_URL'];
    const h = await startApp({ dir });
    if (saved !== undefined) process.env['TEST_DATABASE_URL'] = saved;
    const claims = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    const file = join(dir, 'backup.db');
    let writing = true;
    let written = 0;
    const writer = (async () => {
      while (writing) {
        const note = await h.as('casey', {
          method: 'POST',
          url: `/api/claims/${claims[written % claims.length].id}/notes`,
          payload: { text: `Note ${written} written during the backup.` },
        });
        assert.equal(note.statusCode, 201);
        written += 1;
      }
    })();
    try {
      const { stdout } = await run(
        process.execPath,
        ['--import', 'tsx', 'server/cli/db.ts', 'backup', file],
        { cwd: PROJECT_ROOT, env: { ...process.env, CLAIMDESK_DB: sourceFile } },
      );
      assert.match(stdout, /^Backed up SQLite .* \(\d+ claims\)\.$/m);
    } finally {
      writing = false;
      await writer;
      await h.close();
    }
    assert.ok(written > 0, 'the server wrote while the backup ran');
    const copy = new SQLite(file, { readonly: true });
    try {
      assert.equal(copy.pragma('integrity_check', { simple: true }), 'ok');
      assert.deepEqual(copy.pragma('foreign_key_check'), []);
      const count = (sqlText: string) => (copy.prepare(sqlText).get() as { n: number }).n;
      assert.equal(count('select count(*) as n from claims'), source['claims'].length);
      const notes = count('select count(*) as n from notes');
      assert.ok(notes >= source['notes'].length && notes <= source['notes'].length + written);
      // Each note is written with its event in one transaction: a consistent copy has both.
      assert.equal(
        count(`select count(*) as n from events where type = 'note.changed'`) -
          count('select count(*) as n from notes'),
        source['events'].filter((e) => (e as { type: string }).type === 'note.changed').length -
          source['notes'].length,
      );
    } finally {
      copy.close();
    }
  });
});
