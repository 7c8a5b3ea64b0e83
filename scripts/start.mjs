// `npm start`: build the dashboard if the build is missing or older than its
// sources, then start the server (API + dashboard on one port).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const builtIndex = join(root, 'dist/claimdesk/browser/index.html');

function newestMtime(path) {
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce(
    (newest, name) => Math.max(newest, newestMtime(join(path, name))),
    0,
  );
}

const sources = [
  'src',
  'public',
  'angular.json',
  'package-lock.json',
  'tsconfig.json',
  'tsconfig.app.json',
]
  .map((name) => join(root, name))
  .filter(existsSync);
const stale =
  !existsSync(builtIndex) || Math.max(...sources.map(newestMtime)) > statSync(builtIndex).mtimeMs;

if (stale) {
  console.log('Building the dashboard (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) process.exit(build.status ?? 1);
}

const server = spawnSync('npx', ['tsx', 'server/server.ts'], { cwd: root, stdio: 'inherit' });
process.exit(server.status ?? 0);
