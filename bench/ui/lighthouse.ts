/**
 * `npm run bench:lighthouse`: Lighthouse (pinned in package.json) on the dashboard's three
 * first pages, as issue 13 asks: the sign-in page (signed out), the article list and the
 * seed article's workspace (signed in), each with Lighthouse's desktop and mobile presets.
 *
 * Builds the app as `npm run build` does, starts the real server (server/server.ts) on a
 * throwaway SQLite database holding one editor and the project's seed article, signs in
 * through the API and hands Lighthouse the session cookie (`extraHeaders`). Each run gets
 * a fresh headless Chromium (CHROME_BIN, else /usr/bin/chromium) through chrome-launcher;
 * Lighthouse's own throttling is simulated (its default), so the CPU times it observes on
 * this machine are scaled up: a busy machine scores lower.
 *
 * Prints the four category scores and the key metrics of the median run (by performance)
 * per page and preset, with the spread, and what keeps a score under 1; writes the table
 * to bench/ui/LIGHTHOUSE.md and each median report to bench/ui/.lighthouse/ (both ignored
 * by git). A benchmark: PASS/MISS per goal, exit 0 unless something breaks.
 *
 * Lighthouse 12.2.3 cannot read the LCP element or the layout shifts' elements from the
 * trace of a Chromium as new as 156 (its TraceElements gatherer fails); the metrics and
 * the scores are unaffected.
 *
 *   npx tsx bench/ui/lighthouse.ts [--no-build] [--runs=N] [--page=sign-in|articles|workspace]
 *                                  [--preset=desktop|mobile] [--app=DIR] [--traces]
 *                                  [--thread-time] [--artifacts]
 *
 * `--app=DIR` (with `--no-build`) measures another build's browser directory, e.g. a copy
 * of the build before a change, for runs side by side. `--traces` keeps each run's trace in
 * bench/ui/.lighthouse/PAGE-PRESET-RUN.trace.json (for bench/ui/lighthouse-tasks.ts).
 * `--thread-time` also audits each run again on its trace's thread times (printed per run):
 * what a quiet machine would score, roughly, when the machine is busy.
 * `--artifacts` keeps each run's gathered artifacts in bench/ui/.lighthouse/PAGE-PRESET-RUN/
 * (for bench/ui/lighthouse-lantern.ts: what the simulated paints waited for), their trace on
 * thread time as `--thread-time` audits it.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse, { desktopConfig } from 'lighthouse';
import type { Config, Flags, Result } from 'lighthouse';
import { openDatabase } from '../../server/database/engine';
import { migrateToLatest } from '../../server/database/migrations';
import { SESSION_COOKIE } from '../../server/plugins/auth';
import {
  BENCH_DIR,
  buildApp,
  finishBuild,
  packageVersion,
  ROOT,
  type RunningServer,
  startServer,
  stopServer,
} from './harness';
import {
  type Measured,
  type PageName,
  PAGE_NAMES,
  type Preset,
  PRESETS,
  reportMarkdown,
  summaryLines,
  toMeasured,
} from './lighthouse-report';
import { addBenchEditor, PASSWORD, USERNAME } from './seed';
import { addSeedArticle, SEED_ARTICLE_ID } from './transfer';

const BUILD_DIR = join(ROOT, 'dist', 'claimdesk', 'browser');
const REPORT_DIR = join(BENCH_DIR, '.lighthouse');
const CHROME_FLAGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  // Chromium refuses its sandbox to root (as in CI here).
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

const PATHS: Readonly<Record<PageName, { path: string; signedIn: boolean }>> = {
  'sign-in': { path: '/sign-in', signedIn: false },
  articles: { path: '/articles', signedIn: true },
  workspace: { path: `/articles/${SEED_ARTICLE_ID}`, signedIn: true },
};

function log(message: string): void {
  process.stdout.write(`[bench:lighthouse] ${message}\n`);
}

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function chosen<T extends string>(name: string, all: readonly T[]): readonly T[] {
  const value = option(name);
  if (value === undefined) return all;
  if (!all.includes(value as T)) throw new Error(`--${name} is one of ${all.join(', ')}`);
  return [value as T];
}

async function seedDatabase(file: string): Promise<void> {
  const db = await openDatabase({ engine: 'sqlite', file });
  try {
    await migrateToLatest(db);
    await addBenchEditor(db);
  } finally {
    await db.destroy();
  }
}

/** Signs in through the API; returns the `Cookie` header value of the session. */
async function signIn(baseUrl: string): Promise<string> {
  const response = await fetch(`${baseUrl}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
  });
  const cookie = response.headers
    .getSetCookie()
    .map((header) => header.split(';')[0])
    .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
  if (!response.ok || !cookie) {
    throw new Error(`signing in answered ${response.status}: ${await response.text()}`);
  }
  return cookie;
}

/** One Lighthouse run in a fresh Chromium. */
async function runLighthouse(
  url: string,
  preset: Preset,
  cookie: string | null,
  traceFile: string | null,
  artifactsDir: string | null,
): Promise<Result> {
  const chrome = await chromeLauncher.launch({
    chromePath: process.env['CHROME_BIN'] || '/usr/bin/chromium',
    chromeFlags: CHROME_FLAGS,
  });
  try {
    const flags: Flags = {
      port: chrome.port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: ['performance', 'accessibility', 'best-practices', 'seo'],
      ...(cookie ? { extraHeaders: { Cookie: cookie } } : {}),
      ...(artifactsDir ? { gatherMode: artifactsDir, auditMode: artifactsDir } : {}),
    };
    // No config: Lighthouse's default, the mobile preset (a mid-range phone, slow 4G).
    const config: Config | undefined = preset === 'desktop' ? desktopConfig : undefined;
    const result = await lighthouse(url, flags, config);
    if (!result) throw new Error('Lighthouse returned no result');
    const { lhr } = result;
    if (lhr.runtimeError) {
      throw new Error(`Lighthouse: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    }
    if (traceFile) writeFileSync(traceFile, JSON.stringify(result.artifacts.Trace));
    if (artifactsDir) await auditOnThreadTime(url, artifactsDir, flags, config);
    return lhr;
  } finally {
    chrome.kill();
  }
}

/**
 * The run's saved artifacts audited again with each trace event's duration set to the CPU
 * time its thread spent on it: on a busy machine a task waits for a core, and Lighthouse's
 * simulation would multiply that waiting as if it were work. A quiet machine scores near
 * this. Prints the performance score, LCP and TBT of that audit.
 */
async function auditOnThreadTime(
  url: string,
  dir: string,
  flags: Flags,
  config: Config | undefined,
): Promise<void> {
  const file = join(dir, 'defaultPass.trace.json');
  const trace = JSON.parse(readFileSync(file, 'utf8')) as {
    traceEvents: { dur?: number; tdur?: number }[];
  };
  for (const event of trace.traceEvents) {
    if (event.dur !== undefined && event.tdur !== undefined) event.dur = event.tdur;
  }
  writeFileSync(file, JSON.stringify(trace));
  // The same settings as the gathering (Lighthouse refuses others), audit only.
  const result = await lighthouse(url, { ...flags, gatherMode: false, auditMode: dir }, config);
  const audits = result?.lhr.audits;
  log(
    `thread-time audit: perf ${result?.lhr.categories['performance']?.score?.toFixed(2)}, ` +
      `LCP ${audits?.['largest-contentful-paint']?.displayValue}, ` +
      `TBT ${audits?.['total-blocking-time']?.displayValue}, ` +
      `FCP ${audits?.['first-contentful-paint']?.displayValue}`,
  );
}

/** Where a run's artifacts go: kept in REPORT_DIR when asked, else a temporary folder. */
function artifactsDir(
  threadTime: boolean,
  keep: boolean,
  name: string,
  temp: string,
): string | null {
  if (keep) {
    const dir = join(REPORT_DIR, name);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    return dir;
  }
  return threadTime ? mkdtempSync(join(temp, 'artifacts-')) : null;
}

/**
 * Lighthouse now and then fails to record a trace on this busy machine (NO_NAVSTART,
 * NO_FCP): such a run is tried once more before the benchmark gives up.
 */
async function withRetry(run: () => Promise<Result>): Promise<Result> {
  try {
    return await run();
  } catch (error) {
    log(`run failed, trying it once more: ${error instanceof Error ? error.message : error}`);
    return run();
  }
}

async function main(): Promise<void> {
  const runs = Number(option('runs') ?? 3);
  const appDir = option('app') ?? BUILD_DIR;
  const saveTraces = process.argv.includes('--traces');
  const threadTime = process.argv.includes('--thread-time');
  const keepArtifacts = process.argv.includes('--artifacts');
  if (!Number.isInteger(runs) || runs < 1) throw new Error('--runs is a whole number from 1');
  const pages = chosen('page', PAGE_NAMES);
  const presets = chosen('preset', PRESETS);
  const date = new Date();
  const loadBefore = loadavg();
  const temp = mkdtempSync(join(tmpdir(), 'claimdesk-lighthouse-'));
  let server: RunningServer | null = null;
  try {
    if (process.argv.includes('--no-build')) {
      log(`measuring the existing build in ${appDir}`);
    } else {
      log('building the app as `npm run build` does …');
      buildApp();
      finishBuild(appDir);
    }
    const databaseFile = join(temp, 'claimdesk.db');
    await seedDatabase(databaseFile);
    const claimsDir = join(temp, 'claims');
    mkdirSync(claimsDir);
    addSeedArticle(claimsDir);
    server = await startServer({ databaseFile, claimsDir, staticDir: appDir });
    log(`server at ${server.url}`);
    const cookie = await signIn(server.url);

    mkdirSync(REPORT_DIR, { recursive: true });
    const measured: Measured[] = [];
    for (const page of pages) {
      for (const preset of presets) {
        const lhrs: Result[] = [];
        for (let run = 1; run <= runs; run++) {
          log(`${page}, ${preset}: run ${run} of ${runs} …`);
          const target = PATHS[page];
          const url = `${server.url}${target.path}`;
          const traceFile = saveTraces
            ? join(REPORT_DIR, `${page}-${preset}-${run}.trace.json`)
            : null;
          lhrs.push(
            await withRetry(() =>
              runLighthouse(
                url,
                preset,
                target.signedIn ? cookie : null,
                traceFile,
                artifactsDir(threadTime, keepArtifacts, `${page}-${preset}-${run}`, temp),
              ),
            ),
          );
        }
        const result = toMeasured(page, preset, lhrs);
        writeFileSync(
          join(REPORT_DIR, `${page}-${preset}.json`),
          JSON.stringify(result.median, null, 1),
        );
        measured.push(result);
        process.stdout.write(`${summaryLines(result).join('\n')}\n`);
      }
    }
    const markdown = reportMarkdown(measured, {
      date,
      loadBefore,
      loadAfter: loadavg(),
      runs,
      lighthouse: packageVersion('lighthouse'),
      chromium: measured[0]?.median.environment.hostUserAgent ?? '',
    });
    process.stdout.write(`\n${markdown}\n`);
    if (pages.length === PAGE_NAMES.length && presets.length === PRESETS.length) {
      writeFileSync(join(BENCH_DIR, 'LIGHTHOUSE.md'), markdown);
      log(`wrote ${join(BENCH_DIR, 'LIGHTHOUSE.md')} and the median reports in ${REPORT_DIR}`);
    }
  } finally {
    if (server) await stopServer(server);
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[bench:lighthouse] failed: ${message}\n`);
  process.exit(1);
});
