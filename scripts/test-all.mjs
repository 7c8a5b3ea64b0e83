// `npm test`: lint, unit (Karma), node (claims data + server) and e2e
// (Playwright) suites in turn. Stops non-zero if any fails and ends with one
// line "N passed, N failed" over every test that ran.
import { spawn, spawnSync } from 'node:child_process';
import { accessSync, constants, existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { phaseClock } from './phase-clock.mjs';

const root = new URL('..', import.meta.url).pathname;
const totals = { passed: 0, failed: 0 };
const failedSuites = [];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Finds Chromium, installing Debian's package when running as root without one. */
function ensureChromium() {
  const candidates = [
    process.env.CHROME_BIN,
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ].filter(Boolean);
  const found = candidates.find(executable);
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && executable('/usr/bin/apt-get')) {
    console.log("No Chromium found: installing Debian's chromium package (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0 &&
      spawnSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
    if (install && install.status === 0 && executable('/usr/bin/chromium'))
      return '/usr/bin/chromium';
  }
  console.error(
    'No Chromium found: install one (Debian: apt-get install chromium) and set CHROME_BIN=/path/to/chromium.',
  );
  process.exit(1);
}

/**
 * Installs Debian's pandoc (21 MB, a few seconds) when running as root without
 * one, as for Chromium: the Markdown report tests render with it. Without it
 * those tests report themselves skipped, with the reason, not passed.
 * (LibreOffice, for the CSV conversion test, is too large to install here.)
 */
function ensurePandoc() {
  if (spawnSync('pandoc', ['--version'], { stdio: 'ignore' }).status === 0) return;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (isRoot && executable('/usr/bin/apt-get')) {
    console.log("No pandoc found: installing Debian's pandoc package (apt-get)…");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    const args = ['install', '-y', '-qq', '--no-install-recommends', 'pandoc'];
    // Straight from the package lists when they are fresh enough; updated first otherwise.
    const install =
      spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0 ||
      (spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env }).status === 0 &&
        spawnSync('apt-get', args, { stdio: 'inherit', env }).status === 0);
    if (install) return;
  }
  console.warn('No pandoc found: the tests that render Markdown with pandoc will be skipped.');
}

/**
 * Runs a command, echoing its output, and resolves with what it printed and its exit code.
 * `echo: false` keeps the output for the caller to print, for commands run side by side.
 */
function run(command, args, env = {}, { echo = true } = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, {
      cwd: root,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += chunk;
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on('data', (chunk) => {
      output += chunk;
      if (echo) process.stderr.write(chunk);
    });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

/** `count` different ports of 127.0.0.1 that nothing listens on now. */
async function freePorts(count) {
  const servers = await Promise.all(
    Array.from(
      { length: count },
      () =>
        new Promise((resolve, reject) => {
          const server = createServer();
          server.on('error', reject);
          server.listen(0, '127.0.0.1', () => resolve(server));
        }),
    ),
  );
  const ports = servers.map((server) => server.address().port);
  await Promise.all(servers.map((server) => new Promise((resolve) => server.close(resolve))));
  return ports;
}

function record(suite, code, passed, failed, clock) {
  totals.passed += passed;
  totals.failed += failed;
  // A suite that failed without a counted failure (crash, lint error) still counts as one.
  if (code !== 0 && failed === 0) totals.failed += 1;
  if (code !== 0) failedSuites.push(suite);
  const verdict = `${code === 0 ? 'ok' : 'FAILED'}: ${passed} passed, ${failed} failed`;
  console.log(`\n[${suite}] ${verdict} ${clock.lap()}\n`);
}

const chromium = ensureChromium();
ensurePandoc();
const env = { CHROME_BIN: chromium };

console.log('\n=== lint (ESLint, Prettier, type check) ===');
{
  const clock = phaseClock();
  // The three side by side, each on one core: on two cores they take about as long as
  // ESLint alone; each one's output is printed once it is done.
  const checks = await Promise.all([
    run('npx', ['eslint', '.', '--max-warnings=0'], {}, { echo: false }),
    run('npx', ['prettier', '--check', '.'], {}, { echo: false }),
    // The server, e2e and scripts run through tsx, which strips types without checking them.
    run('npx', ['tsc', '-p', 'server/tsconfig.json'], {}, { echo: false }),
  ]);
  checks.forEach(({ output }) => process.stdout.write(output));
  const code = checks.find((check) => check.code !== 0)?.code ?? 0;
  record('lint', code, 0, 0, clock);
}

console.log('\n=== unit (Karma, headless Chromium) ===');
{
  const clock = phaseClock();
  const { code, output } = await run(
    'npx',
    ['ng', 'test', '--no-watch', '--no-progress', '--coverage'],
    env,
  );
  // Karma's progress reporter: "Executed 12 of 12 (1 FAILED)" / "Executed 12 of 12 SUCCESS".
  // Karma colours its summary; strip ANSI escapes before reading the counts.
  // eslint-disable-next-line no-control-regex
  const plain = output.replace(/\x1b\[[0-9;]*m/g, '');
  const lines = [...plain.matchAll(/Executed (\d+) of (\d+)(?: \((\d+) FAILED\))?/g)];
  const last = lines[lines.length - 1];
  const executed = last ? Number(last[1]) : 0;
  const failed = last && last[3] ? Number(last[3]) : 0;
  record('unit', code, executed - failed, failed, clock);
}

// The dashboard's production build, which the e2e server serves, is made while the node
// suites run: in groups they leave much of the two cores idle (waiting on PostgreSQL, on
// servers they start, on timers), and the build then costs the run little of its 30-60 s.
// Its log is printed before the e2e tests.
const build = run('npm', ['run', 'build'], {}, { echo: false });

console.log('\n=== node (claims data, server on SQLite and PostgreSQL) ===');
{
  const clock = phaseClock();
  const { code, output } = await run(process.execPath, ['scripts/node-tests.mjs']);
  // Two runs (SQLite, then PostgreSQL), each ending with its own counts.
  const sum = (pattern) => [...output.matchAll(pattern)].reduce((n, m) => n + Number(m[1]), 0);
  record('node', code, sum(/ℹ pass (\d+)/g), sum(/ℹ fail (\d+)/g), clock);
}

console.log('\n=== e2e (Playwright, Chromium) ===');
{
  const clock = phaseClock();
  const report = join(root, 'playwright-report/results.json');
  rmSync(report, { force: true });
  const built = await build;
  process.stdout.write(built.output);
  // E2E_BUILT: the e2e server (e2e/fixtures/start-server.ts) serves this build, not one of
  // its own. Free ports of this machine, not fixed ones another run may hold.
  const [port, controlPort] = await freePorts(2);
  const e2eEnv = {
    ...env,
    E2E_BUILT: '1',
    E2E_PORT: process.env.E2E_PORT ?? String(port),
    E2E_CONTROL_PORT: process.env.E2E_CONTROL_PORT ?? String(controlPort),
  };
  const { code } = built.code === 0 ? await run('npx', ['playwright', 'test'], e2eEnv) : built;
  let passed = 0;
  let failed = 0;
  if (existsSync(report)) {
    const stats = JSON.parse(readFileSync(report, 'utf8')).stats ?? {};
    passed = (stats.expected ?? 0) + (stats.flaky ?? 0);
    failed = stats.unexpected ?? 0;
  }
  record('e2e', code, passed, failed, clock);
}

if (failedSuites.length > 0) console.log(`Failed suites: ${failedSuites.join(', ')}`);
console.log(`${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedSuites.length > 0 ? 1 : 0);
