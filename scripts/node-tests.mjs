// The Node suites (claims data, server, lint rules): every *.test.ts under
// claims/, server/ and scripts/, run by Node's test runner through tsx. Node 20 takes no globs.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;

function find(dir) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : find(path);
    return entry.name.endsWith('.test.ts') ? [relative(root, path)] : [];
  });
}

const files = [
  ...find(join(root, 'claims')),
  ...find(join(root, 'server')),
  ...find(join(root, 'scripts')),
];
if (files.length === 0) {
  console.error('No *.test.ts files found under claims/ or server/.');
  process.exit(1);
}
const result = spawnSync(
  process.execPath,
  ['--import', 'tsx', '--test', '--test-reporter=spec', ...process.argv.slice(2), ...files],
  { cwd: root, stdio: 'inherit' },
);
process.exit(result.status ?? 1);
