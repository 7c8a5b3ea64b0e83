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
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import { buildBareApp, type InitialJs, initialJs } from './bundle';
import {
  BENCH_DIR,
  buildApp,
  KEY_GAP_MS,
  type KeyTiming,
  launchBrowser,
  log,
  newContext,
  openWorkspace,
  packageVersion,
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
  type Summary,
  summarise,
  stopServer,
  typeSteps,
  VIEWPORT,
  VIEWPORT_SIZE,
  workspaceExpectation,
} from './harness';
import {
  type FrameStats,
  idleFrames,
  instrument,
  type JumpRecord,
  scrollFrames,
  scrollJump,
} from './page';
import { type HugeResults, hugeSection, measureHugeArticle } from './huge-article';
import { type LoadTiming, measureLoad } from './load';
import { BIG_ARTICLE_CLAIMS, seedDatabase, type SeededData } from './seed';
import {
  addSeedArticle,
  measureTransfers,
  PAGE_GOAL_BYTES,
  type PageTransfer,
  passes,
  SEED_ARTICLE_ID,
  TRANSFER_METHOD,
  transferSection,
} from './transfer';

const BARE_DIR = join(BENCH_DIR, '.bare');
const DEFAULT_APP_DIR = join(ROOT, 'dist', 'claimdesk', 'browser');
const FLOOR_URL = 'http://floor.invalid/';

/** p95 of keydown → painted frame, in ms: one frame at 60 Hz. */
const KEY_TARGET_MS = 16;
const LOADS = 5;
const SCROLL_JUMPS = 6;
const SCROLL_STEP_PX = 400;

const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
/** Event Timing reports only durations of 16 ms and more. */
const eventMs = (value: number) => (value < 16 ? '< 16' : value.toFixed(0));
/** kB of 1,000 bytes, as the Angular CLI and its budgets count. */
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
const frameCount = (count: number) => `${count} frame${count === 1 ? '' : 's'}`;
const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;

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

interface BrowserResults {
  readonly chromium: string;
  readonly frameInterval: Summary;
  readonly loads: LoadTiming[];
  readonly keys: KeyTiming[];
  readonly floor: KeyTiming[];
  readonly jumps: { readonly down: JumpRecord[]; readonly up: JumpRecord[] };
  readonly frames: FrameStats | null;
  readonly transfers: readonly PageTransfer[];
  readonly huge: HugeResults;
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
// Report

interface Report {
  readonly date: Date;
  readonly loadBefore: number[];
  readonly loadAfter: number[];
  /** null when the app was not rebuilt. */
  readonly buildSeconds: number | null;
  readonly appDir: string;
  readonly bareSeconds: number;
  readonly app: InitialJs;
  readonly bare: InitialJs;
  readonly seeded: SeededData;
  readonly plan: Plan;
  readonly browser: BrowserResults;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const cell = (text: string, c: number) =>
    c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]);
  const line = (row: readonly string[]) => `| ${row.map(cell).join(' | ')} |`;
  const rule = widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`));
  return [line(rows[0]), `| ${rule.join(' | ')} |`, ...rows.slice(1).map(line)];
}

function figures(report: Report) {
  const { browser } = report;
  const keys = (timings: readonly KeyTiming[]) => ({
    dom: summarise(timings.map((k) => k.dom)),
    painted: summarise(timings.map((k) => k.painted)),
    task: summarise(timings.map((k) => k.task)),
    doubleRaf: summarise(timings.map((k) => k.doubleRaf)),
    eventTiming: summarise(timings.map((k) => k.eventTiming)),
    inputDelay: summarise(timings.map((k) => k.inputDelay)),
  });
  const app = keys(browser.keys);
  const floor = keys(browser.floor);
  const load = {
    claimsResponse: summarise(browser.loads.map((l) => l.claimsResponse)),
    dom: summarise(browser.loads.map((l) => l.dom)),
    painted: summarise(browser.loads.map((l) => l.painted)),
    scriptBytes: browser.loads[0]?.scriptBytes ?? NaN,
  };
  const jumps = {
    down: summarise(browser.jumps.down.map((j) => j.painted)),
    downDom: summarise(browser.jumps.down.map((j) => j.dom)),
    up: summarise(browser.jumps.up.map((j) => j.painted)),
    upDom: summarise(browser.jumps.up.map((j) => j.dom)),
  };
  const frames = browser.frames ? summarise(browser.frames.intervals) : null;
  const longFrames = browser.frames
    ? browser.frames.intervals.filter((i) => i > 1.5 * browser.frameInterval.p50).length
    : 0;
  return {
    app,
    floor,
    load,
    jumps,
    frames,
    longFrames,
    pass: app.painted.p95 < KEY_TARGET_MS,
    workFits: app.dom.p95 < KEY_TARGET_MS,
    floorPass: floor.painted.p95 < KEY_TARGET_MS,
  };
}

function resultTables(report: Report): string[] {
  const f = figures(report);
  const { app, bare, browser } = report;
  const keyRow = (label: string, s: Summary, base: Summary, format = ms) => [
    label,
    format(s.p50),
    format(s.p95),
    format(s.max),
    format(base.p50),
    format(base.p95),
    base.p95 > 0 ? ratio(s.p95, base.p95) : '—',
  ];
  const out: string[] = [
    `**Search as you type**: ${f.app.painted.n} keys in the 2,000-claim article, ms from keydown. ` +
      '"Floor": the same keys on a page with a bare input; "vs floor" divides the p95s.',
    '',
    ...table([
      ['keydown →', 'p50', 'p95', 'max', 'floor p50', 'floor p95', 'p95 vs floor'],
      keyRow('result in the DOM', f.app.dom, f.floor.dom),
      keyRow('**result painted** (target p95 < 16)', f.app.painted, f.floor.painted),
      keyRow('task posted from the next rAF', f.app.task, f.floor.task),
      keyRow('second rAF after the DOM change', f.app.doubleRaf, f.floor.doubleRaf),
      keyRow('Chrome Event Timing (next paint)', f.app.eventTiming, f.floor.eventTiming, eventMs),
    ]),
    '',
    `Target keydown → painted p95 < ${KEY_TARGET_MS} ms: **${f.pass ? 'PASS' : 'MISS'}** ` +
      `(p95 ${ms(f.app.painted.p95)} ms; the bare input's p95 is ${ms(f.floor.painted.p95)} ms). ` +
      `Work per key within one frame (keydown → DOM p95 < ${KEY_TARGET_MS} ms): ` +
      `**${f.workFits ? 'PASS' : 'MISS'}** (${ms(f.app.dom.p95)} ms). ` +
      `Idle frames every ${ms(browser.frameInterval.p50)} ms; input delay p95 ${ms(f.app.inputDelay.p95)} ms.`,
    '',
    `**Opening the article**: ${f.load.dom.n} loads, each in a fresh context (cold HTTP cache), ` +
      'ms from navigation start.',
    '',
    ...table([
      ['navigation start →', 'p50', 'max'],
      ['claims response received', ms(f.load.claimsResponse.p50), ms(f.load.claimsResponse.max)],
      ['table shows 2000 of 2000 (DOM)', ms(f.load.dom.p50), ms(f.load.dom.max)],
      ['that frame painted', ms(f.load.painted.p50), ms(f.load.painted.max)],
    ]),
    '',
    `JavaScript fetched to show the article (initial and lazy, decoded): ${kb(f.load.scriptBytes)}.`,
    '',
    `**Scrolling the table**: ${browser.jumps.down.length} jumps each way, ms from setting ` +
      '`scrollTop`.',
    '',
    ...table([
      ['jump', 'DOM p50', 'painted p50', 'painted max'],
      [
        'top → bottom (row 2001 rendered)',
        ms(f.jumps.downDom.p50),
        ms(f.jumps.down.p50),
        ms(f.jumps.down.max),
      ],
      [
        'bottom → top (row 2 rendered)',
        ms(f.jumps.upDom.p50),
        ms(f.jumps.up.p50),
        ms(f.jumps.up.max),
      ],
    ]),
    '',
  ];
  if (f.frames && browser.frames) {
    out.push(
      `Scrolling ${SCROLL_STEP_PX} px per frame from top to bottom: ${f.frames.n} frames, ` +
        `interval p50 ${ms(f.frames.p50)} / p95 ${ms(f.frames.p95)} / max ${ms(f.frames.max)} ms; ` +
        `${frameCount(f.longFrames)} longer than 1.5 idle frames; ${frameCount(browser.frames.blankFrames)} ` +
        `with no row in view${browser.frames.reachedEnd ? '' : ' (did not reach the end)'}.`,
      '',
    );
  }
  out.push(
    "**Initial JavaScript**: everything `main` loads before the first render (index.html's " +
      'module scripts and every chunk they import statically, transitively), as served: the ' +
      `Brotli copies ${app.brotliFrom === 'build' ? 'made at build' : 'computed as the build makes them'}` +
      ` (files under 1 kB uncompressed). index.html names ${app.namedInIndex} of Claimdesk's ` +
      `${app.files.length} files (module script and modulepreload links).`,
    '',
    ...table([
      ['app', 'files', 'raw', 'gzip -9', 'Brotli (served)', 'raw vs bare', 'served vs bare'],
      [
        'Claimdesk',
        String(app.files.length),
        kb(app.raw),
        kb(app.gzip),
        `**${kb(app.served)}**`,
        ratio(app.raw, bare.raw),
        ratio(app.served, bare.served),
      ],
      [
        'bare Angular Material app',
        String(bare.files.length),
        kb(bare.raw),
        kb(bare.gzip),
        kb(bare.served),
        '1.00×',
        '1.00×',
      ],
    ]),
    '',
    ...transferSection(browser.transfers, table),
    '',
    ...hugeSection(browser.huge, table),
  );
  return out;
}

function markdown(report: Report): string {
  const f = figures(report);
  const { browser, seeded, plan } = report;
  const date = report.date.toISOString().replace('T', ' ').slice(0, 16);
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  const built =
    report.buildSeconds !== null
      ? `\`ng build\` (production) and \`scripts/finish-build.mjs\` of Claimdesk took ${report.buildSeconds.toFixed(0)} s`
      : report.appDir === DEFAULT_APP_DIR
        ? 'Claimdesk was not rebuilt (`--no-build`: the existing `dist/claimdesk/browser`)'
        : `Claimdesk was not rebuilt: the build in \`${report.appDir}\` was measured (\`--app\`)`;
  return [
    '## UI (`npm run bench:ui`)',
    '',
    `**Result: ${f.pass ? 'PASS' : 'MISS'}.** Search as you type in the 2,000-claim article: ` +
      `keydown → painted p50 ${ms(f.app.painted.p50)} ms, p95 ${ms(f.app.painted.p95)} ms, ` +
      `max ${ms(f.app.painted.max)} ms (target p95 < ${KEY_TARGET_MS} ms); the result reaches the DOM ` +
      `after ${ms(f.app.dom.p50)} ms (p50), ${ms(f.app.dom.p95)} ms (p95). Opening the article takes ` +
      `${ms(f.load.painted.p50)} ms (p50) to a painted table. The initial JavaScript is ` +
      `${kb(report.app.served)} as served (Brotli), ${ratio(report.app.served, report.bare.served)} ` +
      'a bare Angular Material app built in the same run. First visits transfer ' +
      browser.transfers
        .filter((t) => t.goal)
        .map((t) => `${kb(t.body)} (${t.name}, ${passes(t) ? 'PASS' : 'MISS'})`)
        .join(', ') +
      ` against a goal of ${kb(PAGE_GOAL_BYTES)} each.`,
    '',
    '### When and where',
    '',
    `- **Date:** ${date} UTC.`,
    `- **Machine:** ${cpus().length} vCPUs (${cpu}), ${Math.round(totalmem() / 2 ** 30)} GiB RAM, ` +
      'shared with other work: 1-minute load average ' +
      `${report.loadBefore[0].toFixed(1)} before the run, ${report.loadAfter[0].toFixed(1)} after.`,
    `- **Software:** Node ${process.version}, Chromium ${browser.chromium} (headless, ` +
      `\`--disable-gpu\`), Playwright ${packageVersion('playwright-core')}, Angular ` +
      `${packageVersion('@angular/core')}, Angular Material ${packageVersion('@angular/material')}, ` +
      `@angular/build ${packageVersion('@angular/build')}.`,
    `- **Builds:** ${built}, the bare app ${report.bareSeconds.toFixed(0)} s.`,
    '',
    '### Method',
    '',
    `- **Data:** a throwaway SQLite database (the app's migrations and settings) with ` +
      `${seeded.articles} articles and ${seeded.totalClaims.toLocaleString('en')} claims. The ` +
      `article under test, \`${seeded.bigArticleId}\`, has ${BIG_ARTICLE_CLAIMS.toLocaleString('en')} ` +
      `claims in ${seeded.bigArticleText.toLocaleString('en')} characters: the API benchmark's ` +
      'generated articles 0–39 (`server/bench/seed.ts`) joined into one text, their claims moved to ' +
      'the new offsets and checked with `parseArticleFile`. Beside it, ' +
      `\`${seeded.hugeArticleId}\` has 10,000 claims in ` +
      `${seeded.hugeArticleText.toLocaleString('en')} characters, generated articles 0–199 joined ` +
      'the same way; the other 160 articles are generated ' +
      'articles 40–199. Stored with `importArticle`; one `editor` account (`insertUser`, ' +
      `\`hashPassword\`). The project's seed article (\`claims/${SEED_ARTICLE_ID}.json\`) is ` +
      'imported by the server at start from its claims directory, as `npm start` does.',
    '- **Server:** `node --import tsx server/server.ts` on a free port with `CLAIMDESK_DB` set to ' +
      'that database, a `CLAIMDESK_CLAIMS_DIR` holding only the seed article and `LOG_LEVEL=warn`, ' +
      'serving the production build in `dist/claimdesk/browser` (with its .br/.gz copies).',
    `- **Browser:** headless Chromium through Playwright, viewport ${VIEWPORT_SIZE.width}×` +
      `${VIEWPORT_SIZE.height}, signed in through the sign-in page.`,
    `- **Search as you type:** in one tab on \`/articles/${seeded.bigArticleId}\`, ` +
      `${plan.measured.length} keys pressed with \`keyboard.press\` into the search box, ` +
      `${KEY_GAP_MS} ms apart: ${plan.words.map((w) => `"${w}"`).join(', ')} typed letter by ` +
      `letter and deleted with Backspace, after ${plan.warmUp.length} unmeasured keys. The words ` +
      'are prefixes of words in the quotes in which every letter narrows the result, so that every ' +
      'key changes the table. The expected status text ("N of 2000 claims") and first row of each ' +
      "key are computed beforehand with the app's own `applyFilter`. A script installed before the " +
      'app records `performance.now()` in a capturing `keydown` listener on `window`; a ' +
      'MutationObserver records when the status and the first row both show the expected result ' +
      '("DOM"). From there, a `requestAnimationFrame` callback posts a `MessageChannel` task, which ' +
      "runs once that frame's style, layout and paint are done, and requests a second rAF. " +
      '"Painted" is the earlier of the two (headless Chromium sometimes runs the next frame before ' +
      "the posted task). Chrome's own Event Timing (the keydown's interaction, to the next paint, " +
      'in 8 ms steps, reported from 16 ms up) is shown for comparison.',
    '- **Floor:** the same keys on a page holding only an `<input>` whose `input` listener writes ' +
      'a text node, measured the same way in the same browser. Its "painted" time is the wait for ' +
      `the next frame (idle frames came every ${ms(browser.frameInterval.p50)} ms), which any page ` +
      'pays: so the p95 < 16 ms target can only be met by a key that costs almost nothing. ' +
      '"Result in the DOM" shows the work per key without that wait.',
    `- **Opening the article:** ${LOADS} navigations (after one not counted), each in a fresh ` +
      'browser context (cold HTTP cache) carrying the session cookie, from navigation start to the ' +
      'table showing "2000 of 2000 claims" with its rows, and to that frame being painted.',
    '- **The 10,000-claim article:** the seed article and the 10,000-claim article opened ' +
      'in turn, the same way (so that both see the same load; the goal is a ratio); then, in one ' +
      'tab on the 10,000-claim article, the keys planned as above from its own quotes; the ' +
      '`article mark` elements counted once it is open, after scrolling its text to the middle ' +
      'and after clicking the last row of the table (whose highlight must then be in the ' +
      "text's visible box); the claims list fetched with Node's `http` without, and with, " +
      '`Accept-Encoding: br` and `gzip`, and its encoded size as Chromium received it.',
    `- **Scrolling:** ${SCROLL_JUMPS} jumps each way setting the virtual-scroll viewport's ` +
      '`scrollTop` to the end and back, timed until the last (first) row is rendered and painted; ' +
      `then a scroll from top to bottom by ${SCROLL_STEP_PX} px per frame, recording frame ` +
      'intervals.',
    '- **Bundle:** the entry scripts `index.html` loads (`<script src>`) and every chunk they ' +
      'import statically (`import … from"./chunk-X.js"`, `import"./chunk-X.js"`; not `import()`), ' +
      'followed through every chunk, as `scripts/finish-build.mjs` does for its modulepreload links. ' +
      'Each file raw, gzipped at level 9 with `node:zlib`, and as served: its `.br` copy made at ' +
      'build (Brotli quality 11; files under 1 kB have none and are sent as they are), or, for a ' +
      'build without copies such as the bare app, Brotli computed the same way; summed ' +
      '(kB = 1,000 bytes, as the Angular CLI counts). ' +
      'The baseline is a bare app built in the same run in `bench/ui/.bare/` (deleted afterwards) ' +
      "with the project's Angular CLI, compiler options and production optimisation settings: one " +
      'standalone component with a `MatToolbar` and a `MatButton`, ' +
      '`provideBrowserGlobalErrorListeners()`, no router, store or HTTP client.',
    TRANSFER_METHOD,
    '- **Percentiles** are nearest-rank over the measured samples; "vs" figures divide by the ' +
      'baseline measured in the same run.',
    '',
    '### Results',
    '',
    ...resultTables(report),
    '',
  ].join('\n');
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
