// The Node suites (claims data, server, lint rules): every *.test.ts under
// claims/, server/ and scripts/, run by Node's test runner through tsx. Node 20 takes no globs.
// Each file runs in a process of its own; NODE_TESTS_GROUPS=n runs them in n groups, a process
// per group (see groupModules). Not yet the default: one grouped SQLite pass did not finish
// in 25 min at load 25-32 (one group left, nearly idle), not yet known whether stuck or starved.
// Then the server suites that use a database run once more on PostgreSQL: on
// TEST_DATABASE_URL when set, else on a throw-away server started for the run
// (scripts/postgres.mjs); when none can be had, that run fails with the reason.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pathToFileURL } from 'node:url';
import { phaseClock } from './phase-clock.mjs';
import { startThrowawayPostgres } from './postgres.mjs';

const root = new URL('..', import.meta.url).pathname;
const GROUPS = Number(process.env.NODE_TESTS_GROUPS ?? 0);

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

/**
 * The test files in `count` groups of about equal size (by bytes, largest first, each to
 * the lightest group), each group a module of its own that imports its files: Node's
 * runner starts a process per module, and a process that loads the server through tsx
 * costs 2-3 s of CPU before its first test (the ESM loader's hooks, compromise's lexicon),
 * which, once per file, was about half of the CPU of the node suites. In a group the
 * files' tests run one file after another, as the tests of one file do.
 */
function groupModules(files, count, dir) {
  const groups = Array.from({ length: Math.min(count, files.length) }, () => ({
    bytes: 0,
    files: [],
  }));
  const sized = files.map((file) => ({ file, bytes: statSync(join(root, file)).size }));
  for (const { file, bytes } of sized.sort((a, b) => b.bytes - a.bytes)) {
    const lightest = groups.reduce((a, b) => (b.bytes < a.bytes ? b : a));
    lightest.bytes += bytes;
    lightest.files.push(file);
  }
  return groups.map((group, index) => {
    const module = join(dir, `group-${index + 1}.mjs`);
    const imports = group.files
      .sort()
      .map((file) => `import ${JSON.stringify(pathToFileURL(join(root, file)).href)};`);
    writeFileSync(module, `${imports.join('\n')}\n`);
    return module;
  });
}

async function runTests(files, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-node-tests-'));
  try {
    const modules = GROUPS > 0 ? groupModules(files, GROUPS, dir) : files;
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        '--test',
        '--test-reporter=spec',
        // Two files at a time: most of a server suite's time is waiting (on PostgreSQL, on
        // servers it starts, on tsx compiling a file), and Node's default on two cores is one.
        '--test-concurrency=2',
        // A file whose failed test left a connection open ends when its tests have, not never.
        '--test-force-exit',
        ...process.argv.slice(2),
        ...modules,
      ],
      { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
    );
    const [code] = await once(child, 'exit');
    return code ?? 1;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const serverFiles = find(join(root, 'server'));
const files = [...find(join(root, 'claims')), ...serverFiles, ...find(join(root, 'scripts'))];
if (files.length === 0) {
  console.error('No *.test.ts files found under claims/ or server/.');
  process.exit(1);
}

// The throw-away PostgreSQL server starts while the SQLite pass runs (its initdb and start
// take a few seconds); a failure to start is reported when the PostgreSQL pass begins.
const postgresStarted = process.env.TEST_DATABASE_URL
  ? null
  : startThrowawayPostgres().catch((error) => error);

// Interrupted (Ctrl+C, a CI job cancelled): the server is stopped and its folder removed.
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    const started = await postgresStarted;
    if (started && !(started instanceof Error)) started.stop();
    process.exit(1);
  });
}

console.log('\n--- SQLite (and the suites without a database) ---');
const sqliteClock = phaseClock();
const sqliteStatus = await runTests(files, { TEST_DATABASE_URL: '' });
console.log(`\n--- SQLite pass done ${sqliteClock.lap()}`);

// The suites that open a Claimdesk database go through the test harness; a few open
// PostgreSQL themselves (the feed's cursor across processes) and read TEST_DATABASE_URL.
const databaseFiles = serverFiles.filter((file) =>
  /from '\.\/harness'|TEST_DATABASE_URL/.test(readFileSync(join(root, file), 'utf8')),
);
console.log(`\n--- PostgreSQL: ${databaseFiles.length} server suites ---`);
const postgresClock = phaseClock();
const postgres = await postgresStarted;
if (postgres instanceof Error) {
  console.error(`✖ PostgreSQL run not possible: ${postgres.message}`);
  // Counted as a failure by test-all.mjs: the suite on PostgreSQL did not run.
  console.log('ℹ pass 0\nℹ fail 1');
  process.exit(1);
}
if (postgres) console.log('Started a throw-away PostgreSQL server for this run.');
let postgresStatus;
try {
  postgresStatus = await runTests(databaseFiles, {
    TEST_DATABASE_URL: postgres?.url ?? process.env.TEST_DATABASE_URL,
  });
} finally {
  postgres?.stop();
}
console.log(`\n--- PostgreSQL pass done ${postgresClock.lap()}`);
process.exit(sqliteStatus || postgresStatus);
