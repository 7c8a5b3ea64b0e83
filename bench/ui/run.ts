/**
 * `npm run bench:ui`: the dashboard at newsroom scale, in headless Chromium.
 *
 * Builds the app (production), seeds a throwaway database with a 2,000-claim
 * article and a 10,000-claim article among 20,000 claims, starts the real server
 * on it, and measures in the browser: search-as-you-type latency in the claims
 * table, opening the article, scrolling the table, what each page transfers on a
 * first visit (transfer.ts), and the 10,000-claim article beside the seed article
 * (huge-article.ts). Compares the app's initial JavaScript, as served, with a
 * bare Angular Material app built in the same run.
 * Prints a table and writes bench/ui/RESULTS.md. A benchmark: it reports
 * PASS/MISS and exits 0 unless something breaks.
 *
 *   npx tsx bench/ui/run.ts [--no-build | --app=DIR] [--huge-only] [--help]
 *
 * --no-build measures the existing dist/claimdesk/browser instead of rebuilding it;
 * --app=DIR measures another build of the app (a browser/ folder), e.g. of a change
 * being tried out in a copy of the project, served by this project's server (printed
 * only: RESULTS.md is left alone); --huge-only measures only the 10,000-claim
 * article beside the seed article and prints it.
 * `npx tsx bench/ui/profile.ts` shows where the time goes.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { buildBareApp, initialJs } from './bundle';
import {
  BENCH_DIR,
  DEFAULT_APP_DIR,
  buildApp,
  type KeyTiming,
  launchBrowser,
  log,
  newContext,
  openWorkspace,
  type Plan,
  planKeys,
  finishBuild,
  ROOT,
  ROWS,
  type RunningServer,
  SEARCH,
  signIn,
  sleep,
  startServer,
  summarise,
  stopServer,
  typeSteps,
  VIEWPORT,
  workspaceExpectation,
} from './harness';
import { idleFrames, instrument, type JumpRecord, scrollFrames, scrollJump } from './page';
import { measureHugeArticle } from './huge-article';
import {
  type BrowserResults,
  type Report,
  LOADS,
  resultTables,
  SCROLL_JUMPS,
  SCROLL_STEP_PX,
  table,
} from './report';
import { hugeSection } from './huge-report';
import { markdown } from './report-method';
import { type LoadTiming, measureLoad } from './load';
import { BIG_ARTICLE_CLAIMS, seedDatabase, type SeededData } from './seed';
import { addSeedArticle, measureTransfers } from './transfer';

const BARE_DIR = join(BENCH_DIR, '.bare');
const FLOOR_URL = 'http://floor.invalid/';

// ---------------------------------------------------------------------------
// Browser measurements

/**
 * The same keys on a page with nothing but an input whose input listener writes
 * a text node: the floor of this way of measuring (mostly the wait for the next frame).
 */
async function measureFloor(browser: Browser, plan: Plan): Promise<KeyTiming[]> {
  const context = await newContext(browser);
  try {
    await context.addInitScript(instrument, null);
    const page = await context.newPage();
    // A page of its own origin, so that the init script (and its window listener) is in place.
    await page.route(FLOOR_URL, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body:
          '<!doctype html><title>floor</title>' +
          '<input data-testid="claim-search" type="search"><p id="status">0</p><script>' +
          "const input = document.querySelector('input');" +
          "input.addEventListener('input', () => {" +
          "document.getElementById('status').textContent = String(input.value.length); });" +
          '</script>',
      }),
    );
    await page.goto(FLOOR_URL);
    await page.locator(SEARCH).focus();
    const expectation = (step: { query: string }) => ({
      inputSelector: SEARCH,
      statusSelector: '#status',
      status: String(step.query.length),
      firstRowId: null,
      rowSelector: '#status',
    });
    await typeSteps(page, plan.warmUp, expectation);
    return await typeSteps(page, plan.measured, expectation);
  } finally {
    await context.close();
  }
}

async function measureBrowser(
  browser: Browser,
  baseUrl: string,
  seeded: SeededData,
  plan: Plan,
): Promise<BrowserResults> {
  const session = await signIn(browser, baseUrl);
  log('first visits with an empty cache: what each page transfers …');
  const transfers = await measureTransfers(browser, baseUrl, session);
  const articleUrl = `${baseUrl}/articles/${seeded.bigArticleId}`;

  log(`opening the article ${LOADS + 1} times (the first one not counted) …`);
  const loads: LoadTiming[] = [];
  for (let i = 0; i <= LOADS; i++) {
    const load = await measureLoad(browser, session, articleUrl);
    if (i > 0) loads.push(load);
  }

  log(`typing ${plan.measured.length} keys (after ${plan.warmUp.length} to warm up) …`);
  const context = await newContext(browser, session);
  const page = await openWorkspace(context, articleUrl);
  const frameInterval = summarise(await page.evaluate(idleFrames, 120));
  await typeSteps(page, plan.warmUp, workspaceExpectation);
  const keys = await typeSteps(page, plan.measured, workspaceExpectation);

  log('scrolling the table …');
  const down: JumpRecord[] = [];
  const up: JumpRecord[] = [];
  for (let i = 0; i < SCROLL_JUMPS; i++) {
    for (const toBottom of [true, false]) {
      const rowIndex = toBottom ? BIG_ARTICLE_CLAIMS + 1 : 2;
      const jump = await page.evaluate(scrollJump, {
        viewportSelector: VIEWPORT,
        rowSelector: `${ROWS}[aria-rowindex="${rowIndex}"]`,
        toBottom,
      });
      if (!jump) throw new Error(`row ${rowIndex} did not render after scrolling`);
      (toBottom ? down : up).push(jump);
      await sleep(200);
    }
  }
  const frames = await page.evaluate(scrollFrames, {
    viewportSelector: VIEWPORT,
    rowsSelector: ROWS,
    step: SCROLL_STEP_PX,
  });
  await context.close();

  const huge = await measureHugeArticle(browser, baseUrl, session, seeded);
  await session.close();

  log('the same keys on a bare input (the floor of the method) …');
  const floor = await measureFloor(browser, plan);

  return {
    chromium: browser.version(),
    frameInterval,
    loads,
    keys,
    floor,
    jumps: { down, up },
    frames,
    transfers,
    huge,
  };
}

// ---------------------------------------------------------------------------

const USAGE = `npm run bench:ui -- [--no-build | --app=DIR] [--huge-only]

  --no-build    measure the existing dist/claimdesk/browser instead of rebuilding it
  --app=DIR     measure another build of the app (a browser/ folder); RESULTS.md is left alone
  --huge-only   only the 10,000-claim article beside the seed article (issue 13), printed;
                RESULTS.md is left alone
  --help        this text
`;

/** \`--huge-only\`: seeds, starts the server and measures the 10,000-claim article alone. */
async function hugeOnly(
  temp: string,
  claimsDir: string,
  appDir: string,
  started: (server: RunningServer) => void,
  launched: (browser: Browser) => void,
): Promise<void> {
  log('seeding 20,000 claims (a 2,000- and a 10,000-claim article among them) …');
  const databaseFile = join(temp, 'claimdesk.db');
  const seeded = await seedDatabase(databaseFile);
  addSeedArticle(claimsDir);
  const server = await startServer({ databaseFile, claimsDir, staticDir: appDir });
  started(server);
  const browser = await launchBrowser();
  launched(browser);
  const before = loadavg();
  const session = await signIn(browser, server.url);
  const huge = await measureHugeArticle(browser, server.url, session, seeded);
  const after = loadavg();
  process.stdout.write(
    `\n${hugeSection(huge, table).join('\n')}\n\n1-minute load average ` +
      `${before[0].toFixed(1)} before, ${after[0].toFixed(1)} after; Chromium ${browser.version()}.\n`,
  );
  log('not writing RESULTS.md: --huge-only measures one scenario');
}

async function main(): Promise<void> {
  if (process.argv.includes('--help')) {
    process.stdout.write(USAGE);
    return;
  }
  const date = new Date();
  const loadBefore = loadavg();
  const temp = mkdtempSync(join(tmpdir(), 'claimdesk-bench-ui-'));
  const claimsDir = mkdtempSync(join(temp, 'claims-'));
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  const cleanUp = async () => {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    rmSync(temp, { recursive: true, force: true });
    rmSync(BARE_DIR, { recursive: true, force: true });
  };
  const interrupted = () => {
    void cleanUp().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    const appArg = process.argv.find((arg) => arg.startsWith('--app='))?.slice('--app='.length);
    const appDir = appArg ? resolve(appArg) : DEFAULT_APP_DIR;
    const rebuild = !appArg && !process.argv.includes('--no-build');
    log(rebuild ? 'building the app (production) …' : `measuring the existing build in ${appDir}`);
    const buildSeconds = rebuild ? buildApp() + finishBuild(appDir) : null;
    if (process.argv.includes('--huge-only')) {
      await hugeOnly(
        temp,
        claimsDir,
        appDir,
        (running) => (server = running),
        (launched) => (browser = launched),
      );
      return;
    }
    const app = initialJs(appDir);
    log('building the bare Angular Material app …');
    const bareBuild = buildBareApp(ROOT, BARE_DIR);
    const bare = initialJs(bareBuild.browserDir);
    rmSync(BARE_DIR, { recursive: true, force: true });

    log('seeding 20,000 claims (a 2,000- and a 10,000-claim article among them) …');
    const databaseFile = join(temp, 'claimdesk.db');
    const seeded = await seedDatabase(databaseFile);
    const plan = planKeys(seeded.claims);
    addSeedArticle(claimsDir);
    server = await startServer({ databaseFile, claimsDir, staticDir: appDir });
    log(`server at ${server.url}`);

    browser = await launchBrowser();
    const results = await measureBrowser(browser, server.url, seeded, plan);

    const report: Report = {
      date,
      loadBefore,
      loadAfter: loadavg(),
      buildSeconds,
      appDir,
      bareSeconds: bareBuild.seconds,
      app,
      bare,
      seeded,
      plan,
      browser: results,
    };
    process.stdout.write(`\n${resultTables(report).join('\n')}\n\n`);
    if (appArg) {
      log("not writing RESULTS.md: --app measures a build other than this project's");
    } else {
      const file = join(BENCH_DIR, 'RESULTS.md');
      writeFileSync(file, markdown(report));
      log(`wrote ${file}`);
    }
  } finally {
    process.off('SIGINT', interrupted);
    process.off('SIGTERM', interrupted);
    await cleanUp();
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[bench:ui] failed: ${message}\n`);
  process.exit(1);
});
