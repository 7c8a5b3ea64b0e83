// A throw-away PostgreSQL server for the test run: Debian's `postgresql` package
// (installed when missing and running as root, like Chromium), a cluster in a
// temporary directory owned by the `postgres` user, on a free port of 127.0.0.1,
// stopped and removed at the end. `npm test` runs the server suite against it.
//
// Run alone (`node scripts/postgres.mjs`) it starts one, prints its URL and keeps
// it up until Ctrl+C: handy for running one test file against PostgreSQL.
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const PG_ROOT = '/usr/lib/postgresql';
const ROLE = 'claimdesk';
const PASSWORD = 'claimdesk-test';
const DATABASE = 'claimdesk_test';

/** The newest installed PostgreSQL's bin folder, or null. */
function postgresBin() {
  if (!existsSync(PG_ROOT)) return null;
  const versions = readdirSync(PG_ROOT)
    .filter((name) => existsSync(join(PG_ROOT, name, 'bin', 'initdb')))
    .sort((a, b) => Number(b) - Number(a));
  return versions.length > 0 ? join(PG_ROOT, versions[0], 'bin') : null;
}

function installPostgres() {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot || !existsSync('/usr/bin/apt-get')) return false;
  console.log("No PostgreSQL found: installing Debian's postgresql package (apt-get)…");
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', '-qq', '--no-install-recommends', 'postgresql'];
  return (
    spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0 ||
    (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
      spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0)
  );
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Runs a command as the `postgres` user when we are root (initdb refuses root). */
function runAsPostgres(command, args) {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const [file, argv] = isRoot
    ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
    : [command, args];
  const result = spawnSync(file, argv, { encoding: 'utf8' });
  if (result.status !== 0) {
    throw new Error(`${command} failed: ${result.stderr || result.stdout || result.error}`);
  }
  return result.stdout;
}

/**
 * Starts a throw-away server. Resolves with its URL (a database and role of its
 * own), the bin folder it ran from and a `stop()`; throws with a clear message when
 * it cannot. `durable`: PostgreSQL's default durability (fsync, synchronous commit),
 * as a desk runs it, for benchmarks; the tests' server skips fsync for speed.
 */
export async function startThrowawayPostgres({ durable = false } = {}) {
  let bin = postgresBin();
  if (!bin && installPostgres()) bin = postgresBin();
  if (!bin) {
    throw new Error(
      'PostgreSQL is needed for the server suite on PostgreSQL and none was found: install ' +
        "Debian's postgresql package (apt-get install postgresql) or set TEST_DATABASE_URL to " +
        'a server where the URL may create and drop schemas.',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-pg-'));
  chmodSync(dir, 0o777);
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot) spawnSync('chown', ['postgres:postgres', dir]);
  const data = join(dir, 'data');
  const port = await freePort();
  const stop = () => {
    spawnSync(isRoot ? 'runuser' : join(bin, 'pg_ctl'), [
      ...(isRoot ? ['-u', 'postgres', '--', join(bin, 'pg_ctl')] : []),
      '-D',
      data,
      '-m',
      'immediate',
      'stop',
    ]);
    // Retried (ENOTEMPTY, EBUSY): a run interrupted by SIGTERM once left the folder after the stop.
    rmSync(dir, { recursive: true, force: true, maxRetries: 5 });
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
      // Text sorts by code point, as in SQLite, so that both engines list things alike.
      '--locale=C',
      ...(durable ? [] : ['--no-sync']),
    ]);
    runAsPostgres(join(bin, 'pg_ctl'), [
      '-D',
      data,
      '-l',
      join(dir, 'pg.log'),
      '-w',
      '-o',
      // Throw-away data: no fsync, for speed; the durability tests use SQLite's settings
      // or kill a Claimdesk process, not the database server.
      `-c listen_addresses=127.0.0.1 -p ${port} -k ${dir}` +
        (durable ? '' : ' -c fsync=off -c max_connections=300'),
      'start',
    ]);
    const psql = (sqlText) =>
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
        sqlText,
      ]);
    psql(`create role ${ROLE} login password '${PASSWORD}'`);
    psql(`create database ${DATABASE} owner ${ROLE}`);
  } catch (error) {
    stop();
    throw error;
  }
  return {
    url: `postgres://${ROLE}:${PASSWORD}@127.0.0.1:${port}/${DATABASE}`,
    bin,
    stop,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const server = await startThrowawayPostgres();
  console.log(server.url);
  const stop = () => {
    server.stop();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
  // Keeps the process alive until a signal stops the server.
  process.stdin.resume();
}
