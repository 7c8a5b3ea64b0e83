/**
 * The PostgreSQL server of the benchmark's PostgreSQL run. BENCH_DATABASE_URL names one
 * (the run works in a schema of its own, dropped afterwards); else a throw-away cluster
 * is started here. Unlike the test suite's (scripts/postgres.mjs, fsync off for speed),
 * this one keeps PostgreSQL's default durability, as a desk runs it: fsync on,
 * synchronous_commit on, full_page_writes on. Only the address and socket are set.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

const PG_ROOT = '/usr/lib/postgresql';
const ROLE = 'claimdesk_bench';
const PASSWORD = 'claimdesk-bench';

export interface BenchPostgres {
  readonly url: string;
  /** Where it came from: the throw-away cluster's version, or BENCH_DATABASE_URL. */
  readonly origin: string;
  stop(): void;
}

function newestBin(): string | null {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? join(PG_ROOT, versions[0], 'bin') : null;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

/** initdb and pg_ctl refuse root: as root, they run as the `postgres` user. */
function runAsPostgres(command: string, args: string[]): void {
  const [file, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} failed: ${result.stderr || result.stdout || result.error}`);
  }
}

export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env['BENCH_DATABASE_URL'];
  if (given) {
    return { url: given, origin: 'BENCH_DATABASE_URL', stop: () => undefined };
  }
  const bin = newestBin();
  if (!bin) {
    throw new Error(
      "The PostgreSQL run needs PostgreSQL: install Debian's postgresql package, set " +
        'BENCH_DATABASE_URL to a server, or leave it out with BENCH_ENGINES=sqlite.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-pg-'));
  chmodSync(dir, 0o777);
  if (isRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  const pgCtl = join(bin, 'pg_ctl');
  const stop = () => {
    const args = ['-D', data, '-m', 'fast', 'stop'];
    spawnSync(isRoot ? 'runuser' : pgCtl, isRoot ? ['-u', 'postgres', '--', pgCtl, ...args] : args);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    runAsPostgres(join(bin, 'initdb'), [
      '-D',
      data,
      '-U',
      'postgres',
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '-E',
      'UTF8',
      '--locale=C',
    ]);
    runAsPostgres(pgCtl, [
      '-D',
      data,
      '-l',
      join(dir, 'pg.log'),
      '-w',
      '-o',
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}`,
      'start',
    ]);
    runAsPostgres(join(bin, 'psql'), [
      '-h',
      dir,
      '-p',
      String(port),
      '-U',
      'postgres',
      '-v',
      'ON_ERROR_STOP=1',
      '-c',
      `create role ${ROLE} login password '${PASSWORD}'`,
      '-c',
      `create database ${ROLE} owner ${ROLE}`,
    ]);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${ROLE}`,
    origin: `a throw-away PostgreSQL ${bin.split('/').at(-2)} cluster started for the run`,
    stop,
  };
}

/** The server's version and durability settings, for the report. */
export async function postgresSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = [
      'server_version',
      'fsync',
      'synchronous_commit',
      'full_page_writes',
      'wal_sync_method',
      'shared_buffers',
      'max_connections',
    ];
    const { rows } = await client.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from unnest($1::text[]) as name`,
      [names],
    );
    return rows.map((row) => `${row.name}=${row.setting}`).join(', ');
  } finally {
    await client.end();
  }
}
