// The Node suites (claims data, server, lint rules): every *.test.ts under
// claims/, server/ and scripts/, run by Node's test runner through tsx. Node 20 takes no globs.
// Then the server suites that use a database run once more on PostgreSQL: on
// TEST_DATABASE_URL when set, else on a throw-away server started for the run
// (scripts/postgres.mjs); when none can be had, that run fails with the reason.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { startThrowawayPostgres } from './postgres.mjs';

const root = new URL('..', import.meta.url).pathname;

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

function runTests(files, env = {}) {
  const result = spawnSync(
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
      ...files,
    ],
    { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } },
  );
  return result.status ?? 1;
}

const serverFiles = find(join(root, 'server'));
const files = [...find(join(root, 'claims')), ...serverFiles, ...find(join(root, 'scripts'))];
if (files.length === 0) {
  console.error('No *.test.ts files found under claims/ or server/.');
  process.exit(1);
}

console.log('\n--- SQLite (and the suites without a database) ---');
const sqliteStatus = runTests(files, { TEST_DATABASE_URL: '' });

// The suites that open a Claimdesk database go through the test harness; a few open
// PostgreSQL themselves (the feed's cursor across processes) and read TEST_DATABASE_URL.
const databaseFiles = serverFiles.filter((file) =>
  /from '\.\/harness'|TEST_DATABASE_URL/.test(readFileSync(join(root, file), 'utf8')),
);
console.log(`\n--- PostgreSQL: ${databaseFiles.length} server suites ---`);
let postgres = null;
let url = process.env.TEST_DATABASE_URL;
if (!url) {
  try {
    postgres = await startThrowawayPostgres();
    url = postgres.url;
    console.log('Started a throw-away PostgreSQL server for this run.');
  } catch (error) {
    console.error(`✖ PostgreSQL run not possible: ${error.message}`);
    // Counted as a failure by test-all.mjs: the suite on PostgreSQL did not run.
    console.log('ℹ pass 0\nℹ fail 1');
    process.exit(1);
  }
}
let postgresStatus;
try {
  postgresStatus = runTests(databaseFiles, { TEST_DATABASE_URL: url });
} finally {
  postgres?.stop();
}
process.exit(sqliteStatus || postgresStatus);
