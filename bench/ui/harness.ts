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
import type { ClaimSummary } from '../../src/domain/claim';
import { applyFilter, EMPTY_FILTER } from '../../src/domain/claim-filter';
import { type Expectation, instrument, type KeyRecord } from './page';
import { BIG_ARTICLE_CLAIMS, PASSWORD, USERNAME } from './seed';

export const ROOT = fileURLToPath(new URL('../..', import.meta.url));
export const BENCH_DIR = join(ROOT, 'bench', 'ui');
const NG = join(ROOT, 'node_modules', '@angular', 'cli', 'bin', 'ng.js');

export const SEARCH = '[data-testid="claim-search"]';
export const STATUS = 'cd-claim-filters [role="status"]';
export const ROWS = 'cd-claims-table [role="row"][aria-rowindex]';
export const VIEWPORT = 'cd-claims-table cdk-virtual-scroll-viewport';
export const FULL_STATUS = `${BIG_ARTICLE_CLAIMS} of ${BIG_ARTICLE_CLAIMS} claims`;
/** The article text, which scrolls on its own beside the table at the benchmark's width. */
export const TEXT = 'cd-article-text';

export const MEASURED_KEYS = 40;
/** Pause between keys, as between a person's keystrokes. */
export const KEY_GAP_MS = 150;

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
// The keys to type

export interface Step {
  readonly key: string;
  /** The search text after the key. */
  readonly query: string;
  readonly shown: number;
  readonly firstId: string | null;
}

export interface Plan {
  readonly warmUp: Step[];
  readonly measured: Step[];
  readonly words: string[];
}

function visibleFor(claims: readonly ClaimSummary[], query: string): ClaimSummary[] {
  return applyFilter(claims, { ...EMPTY_FILTER, query }, null);
}

/**
 * Prefixes of words in the quotes in which every letter narrows the result (so
 * that every key, typed or deleted, changes what the table shows), typed letter
 * by letter and then deleted with Backspace. Longest prefixes first, then those
 * whose first letter matches most claims; one per first letter. The expected
 * result of each key comes from the app's own `applyFilter`.
 */
export function planKeys(claims: readonly ClaimSummary[]): Plan {
  const words = new Set<string>();
  for (const claim of claims) {
    for (const word of claim.quote.toLowerCase().match(/[a-z]{3,}/g) ?? []) {
      words.add(word);
    }
  }
  const prefixes = new Map<string, number[]>();
  for (const word of [...words].sort()) {
    const counts: number[] = [];
    let previous = claims.length;
    for (let i = 1; i <= word.length; i++) {
      const count = visibleFor(claims, word.slice(0, i)).length;
      if (count === 0 || count >= previous) break;
      counts.push(count);
      previous = count;
    }
    if (counts.length >= 3) prefixes.set(word.slice(0, counts.length), counts);
  }
  const candidates = [...prefixes]
    .map(([word, counts]) => ({ word, counts }))
    .sort(
      (a, b) =>
        b.word.length - a.word.length || b.counts[0] - a.counts[0] || a.word.localeCompare(b.word),
    );

  const chosen: string[] = [];
  const usedFirst = new Set<string>();
  let keys = 0;
  for (const { word } of candidates) {
    const left = MEASURED_KEYS - keys;
    if (left <= 0) break;
    if (usedFirst.has(word[0]) || 2 * word.length > left) continue;
    // Leave room for one more word of at least four letters, or fill exactly.
    if (left - 2 * word.length !== 0 && left - 2 * word.length < 8) continue;
    chosen.push(word);
    usedFirst.add(word[0]);
    keys += 2 * word.length;
  }
  const warmWord = candidates.find(({ word }) => !chosen.includes(word))?.word;
  if (keys !== MEASURED_KEYS || !warmWord) {
    throw new Error(`could not plan ${MEASURED_KEYS} keys from the quotes (got ${keys})`);
  }
  const steps = (word: string): Step[] => {
    const result: Step[] = [];
    const push = (key: string, query: string) => {
      const visible = visibleFor(claims, query);
      result.push({ key, query, shown: visible.length, firstId: visible[0]?.id ?? null });
    };
    for (let i = 1; i <= word.length; i++) push(word[i - 1], word.slice(0, i));
    for (let i = word.length - 1; i >= 0; i--) push('Backspace', word.slice(0, i));
    return result;
  };
  return { warmUp: steps(warmWord), measured: chosen.flatMap(steps), words: chosen };
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

export interface KeyTiming {
  readonly step: Step;
  /** keydown → the result is in the DOM. */
  readonly dom: number;
  /** keydown → the frame with the result is painted: the earlier of `task` and `doubleRaf`. */
  readonly painted: number;
  /** keydown → a task posted from the first rAF after the DOM change. */
  readonly task: number;
  /** keydown → the second rAF after the DOM change. */
  readonly doubleRaf: number;
  /** Chrome's Event Timing for the key (keydown → next paint, 8 ms steps); 0 when under 16 ms. */
  readonly eventTiming: number;
  /** Event creation → our keydown listener: input delay. */
  readonly inputDelay: number;
}

/** What each key should bring in an article of `total` claims. */
export function expectationFor(total: number): (step: Step) => Expectation {
  return (step) => ({
    inputSelector: SEARCH,
    statusSelector: STATUS,
    status: `${step.shown} of ${total} claims`,
    firstRowId: step.firstId === null ? null : `claim-row-${step.firstId}`,
    rowSelector: ROWS,
  });
}

export const workspaceExpectation = expectationFor(BIG_ARTICLE_CLAIMS);

/** Presses each step's key into the focused search box and times it to the expected result. */
export async function typeSteps(
  page: Page,
  steps: readonly Step[],
  expectation: (step: Step) => Expectation,
): Promise<KeyTiming[]> {
  const records: { step: Step; record: KeyRecord }[] = [];
  for (const step of steps) {
    const expect = expectation(step);
    const index = await page.evaluate((expected) => {
      const bench = window.__uiBench;
      if (!bench) throw new Error('the page is not instrumented');
      bench.expect = expected;
      return bench.keys.length;
    }, expect);
    await page.keyboard.press(step.key);
    const record = await page.evaluate(
      ([i, timeout]) => window.__uiBench?.whenKey(i, timeout) ?? null,
      [index, 15_000] as const,
    );
    if (!record || record.timedOut || record.dom === undefined) {
      const status = await page.locator(expect.statusSelector).textContent();
      throw new Error(
        `after "${step.key}" (query "${step.query}") the page did not show ` +
          `"${expect.status}" (status: "${status?.trim()}")`,
      );
    }
    records.push({ step, record });
    await sleep(KEY_GAP_MS);
  }
  // Event Timing entries arrive after their paint; by now they all have.
  const events = await page.evaluate(() => window.__uiBench?.events ?? []);
  return records.map(({ step, record }) => {
    const keydown = events.find((e) => e.name === 'keydown' && e.startTime === record.eventStamp);
    const related = events.filter(
      (e) =>
        (keydown && e.interactionId === keydown.interactionId && e.name !== 'keyup') ||
        (e.name === 'input' &&
          e.startTime >= record.eventStamp &&
          e.startTime < record.keydown + 50),
    );
    const task = (record.painted ?? NaN) - record.keydown;
    const doubleRaf = (record.raf2 ?? NaN) - record.keydown;
    return {
      step,
      dom: (record.dom ?? NaN) - record.keydown,
      painted: Math.min(task, doubleRaf),
      task,
      doubleRaf,
      eventTiming: Math.max(0, ...related.map((e) => e.duration)),
      inputDelay: record.keydown - record.eventStamp,
    };
  });
}
