/**
 * What `run.ts` (the benchmark) and `profile.ts` (where the time goes) share:
 * building the app, starting the real server, signing in, and typing into the
 * claims search with every key timed.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';
import { instrument } from './page';
import { PASSWORD, USERNAME } from './seed';
import { FULL_STATUS, ROWS, SEARCH, STATUS } from './typing';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_DIR = join(ROOT, 'bench', 'ui');
/** What `npm run build` makes and the benchmarks measure unless told otherwise. */
export const DEFAULT_APP_DIR = join(ROOT, 'dist', 'claimdesk', 'browser');
const NG = join(ROOT, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');

const CHROMIUM_ARGS = [
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-gpu',
  '--disable-dev-shm-usage',
];
export const VIEWPORT_SIZE = { width: 1280, height: 800 } as const;
/** tsx compiles with esbuild's keepNames, which wraps functions in __name(); the page lacks it. */
const NAME_SHIM = 'globalThis.__name ??= (fn) => fn;';

// The keys to type (keys.ts) and typing them (typing.ts); the benchmarks take them from here.
export { MEASURED_KEYS, type Plan, planKeys, type Step } from './keys';
export {
  expectationFor,
  FULL_STATUS,
  KEY_GAP_MS,
  type KeyTiming,
  ROWS,
  SEARCH,
  STATUS,
  TEXT,
  typeSteps,
  VIEWPORT,
  workspaceExpectation,
} from './typing';

// ---------------------------------------------------------------------------
// Figures

export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p95: number;
  readonly max: number;
  readonly mean: number;
}

/** Nearest-rank percentiles. */
export function summarise(values: readonly number[]): Summary {
  const sorted = [...values].sort((a, b) => a - b);
  const rank = (p: number) => sorted[Math.max(0, Math.ceil(p * sorted.length) - 1)] ?? NaN;
  return {
    n: sorted.length,
    p50: rank(0.5),
    p95: rank(0.95),
    max: sorted.at(-1) ?? NaN,
    mean: sorted.reduce((sum, value) => sum + value, 0) / (sorted.length || 1),
  };
}

export function log(message: string): void {
  process.stdout.write(`[bench:ui] ${message}\n`);
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, milliseconds));
}

export function packageVersion(name: string): string {
  const file = join(ROOT, 'node_modules', name, 'package.json');
  return (JSON.parse(readFileSync(file, 'utf8')) as { version: string }).version;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// ---------------------------------------------------------------------------
// Build and server

/**
 * `ng build` (production) with the project's CLI; returns the seconds it took.
 * `cwd` may be a copy of the project (with a node_modules symlink) to try a change out.
 */
export function buildApp(extraArgs: readonly string[] = [], cwd = ROOT): number {
  const started = performance.now();
  const build = spawnSync(process.execPath, [NG, 'build', ...extraArgs], {
    cwd,
    // NG_BUILD_OPTIMIZE_CHUNKS as `npm run build` sets it: the chunks merged (see README).
    env: {
      ...process.env,
      NG_CLI_ANALYTICS: 'false',
      NG_FORCE_TTY: 'false',
      NG_BUILD_OPTIMIZE_CHUNKS: '1',
    },
    encoding: 'utf8',
  });
  if (build.status !== 0) {
    throw new Error(`ng build failed:\n${build.stdout}\n${build.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

/**
 * `node scripts/finish-build.mjs DIR`, the second half of `npm run build`: modulepreload
 * links for every statically imported chunk, and the .br/.gz copies the server sends.
 * Returns the seconds it took.
 */
export function finishBuild(browserDir: string): number {
  const started = performance.now();
  const finish = spawnSync(
    process.execPath,
    [join(ROOT, 'scripts', 'finish-build.mjs'), browserDir],
    { cwd: ROOT, encoding: 'utf8' },
  );
  if (finish.status !== 0) {
    throw new Error(`finish-build failed:\n${finish.stdout}\n${finish.stderr}`);
  }
  return (performance.now() - started) / 1000;
}

export interface RunningServer {
  readonly url: string;
  readonly process: ChildProcess;
}

/** `node --import tsx server/server.ts` on a free port; resolves once it says it is running. */
export async function startServer(options: {
  databaseFile: string;
  claimsDir: string;
  staticDir?: string;
}): Promise<RunningServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      CLAIMDESK_DB: options.databaseFile,
      CLAIMDESK_CLAIMS_DIR: options.claimsDir,
      ...(options.staticDir ? { CLAIMDESK_STATIC_DIR: options.staticDir } : {}),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout.on('data', onData);
  child.stderr.on('data', onData);
  try {
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start:\n${output}`)), 60_000);
      const check = () => {
        const match = /Claimdesk is running at (\S+)/.exec(output);
        if (match) {
          clearTimeout(timer);
          resolve(match[1]);
        }
      };
      child.stdout.on('data', check);
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`server exited (${code}) before it started:\n${output}`));
      });
    });
    return { url, process: child };
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  } finally {
    // Keep reading, so that a full pipe never blocks the server; pass its warnings on.
    child.removeAllListeners('exit');
    child.stdout.removeAllListeners('data');
    child.stderr.removeAllListeners('data');
    child.stdout.on('data', () => undefined);
    child.stderr.on('data', (chunk: Buffer) =>
      process.stderr.write(`[server] ${chunk.toString()}`),
    );
  }
}

export async function stopServer(server: RunningServer): Promise<void> {
  const child = server.process;
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  if ((await Promise.race([exited, sleep(5000).then(() => 'timeout' as const)])) === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

// ---------------------------------------------------------------------------
// Browser

export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env['CHROME_BIN'] || '/usr/bin/chromium',
    args: CHROMIUM_ARGS,
  });
}

export async function newContext(
  browser: Browser,
  cookiesFrom?: BrowserContext,
): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: VIEWPORT_SIZE, colorScheme: 'light' });
  if (cookiesFrom) {
    await context.addCookies(await cookiesFrom.cookies());
  }
  await context.addInitScript({ content: NAME_SHIM });
  return context;
}

/** Signs in through the sign-in page; the returned context holds the session cookie. */
export async function signIn(browser: Browser, baseUrl: string): Promise<BrowserContext> {
  const context = await newContext(browser);
  const page = await context.newPage();
  await page.goto(`${baseUrl}/sign-in`);
  await page.getByLabel('Username').fill(USERNAME);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/sign-in'));
  await page.close();
  return context;
}

/** What the claims count says once an article's table shows all of its claims. */
export function fullStatus(claims: number): string {
  return `${claims} of ${claims} claims`;
}

/** A new instrumented tab on the article, once its table shows every claim. */
export async function openWorkspace(
  context: BrowserContext,
  articleUrl: string,
  status = FULL_STATUS,
): Promise<Page> {
  await context.addInitScript(instrument, null);
  const page = await context.newPage();
  await page.goto(articleUrl);
  await page.locator(STATUS).filter({ hasText: status }).waitFor({ timeout: 60_000 });
  await page.locator(ROWS).first().waitFor();
  await page.locator(SEARCH).focus();
  return page;
}
