/**
 * Where the time of `npm run bench:ui` goes: the same data, server and keys,
 * on a production build with source maps (built into a temp dir, so that
 * dist/ is left alone), profiled in Chromium.
 *
 *   npx tsx bench/ui/profile.ts [--project=DIR] [--huge]
 *
 * --project=DIR profiles a copy of the project instead (a folder with its own
 * src/, angular.json and tsconfig files, and a node_modules symlink), to see
 * what a change to src/ would do before making it. --huge profiles the
 * 10,000-claim article instead of the 2,000-claim one.
 *
 * Prints, for opening the article and for the typed keys:
 * - JavaScript self time by package and by original source line (V8 CPU
 *   profile, mapped through the build's source maps), and time including callees;
 * - main-thread rendering work (style, layout, paint) from a Chrome trace, and
 *   the main-thread timeline of one typical key.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import type { Browser, CDPSession } from '@playwright/test';
import {
  buildApp,
  FULL_STATUS,
  type KeyTiming,
  launchBrowser,
  log,
  newContext,
  planKeys,
  ROWS,
  type RunningServer,
  SEARCH,
  signIn,
  startServer,
  STATUS,
  stopServer,
  typeSteps,
  workspaceExpectation,
  expectationFor,
  fullStatus,
} from './harness';
import { instrument } from './page';
import { HUGE_ARTICLE_CLAIMS, seedDatabase } from './seed';
import { SourceMap } from './sourcemap';

// ---------------------------------------------------------------------------
// CPU profiles

interface CallFrame {
  readonly functionName: string;
  readonly url: string;
  readonly lineNumber: number;
  readonly columnNumber: number;
}

interface CpuProfile {
  readonly nodes: readonly {
    readonly id: number;
    readonly callFrame: CallFrame;
    readonly children?: readonly number[];
  }[];
  readonly samples?: readonly number[];
  readonly timeDeltas?: readonly number[];
}

interface Frame {
  /** Original source:line, or the V8 pseudo-frame's name. */
  readonly key: string;
  readonly label: string;
  readonly group: string;
}

class FrameResolver {
  private readonly maps = new Map<string, SourceMap | null>();

  constructor(private readonly staticDir: string) {}

  resolve(frame: CallFrame): Frame {
    if (!frame.url) {
      const name = frame.functionName || '(anonymous)';
      return { key: name, label: name, group: name.startsWith('(') ? name : '(native)' };
    }
    const file = basename(new URL(frame.url).pathname);
    let map = this.maps.get(file);
    if (map === undefined) {
      const path = join(this.staticDir, `${file}.map`);
      map = existsSync(path) ? new SourceMap(path) : null;
      this.maps.set(file, map);
    }
    const original = map?.lookup(frame.lineNumber, frame.columnNumber);
    if (!original) {
      const key = `${file}:${frame.lineNumber + 1}:${frame.columnNumber}`;
      return { key, label: `${frame.functionName || '(anonymous)'} ${key}`, group: file };
    }
    const source = original.source;
    const group = source.startsWith('src/')
      ? source
      : (/node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(source)?.[1] ?? source);
    const key = `${source}:${original.line}`;
    const text = original.text.length > 70 ? `${original.text.slice(0, 67)}…` : original.text;
    return { key, label: `${key}  ${text}`, group };
  }
}

interface ProfileSummary {
  readonly totalMs: number;
  readonly byGroup: [string, number][];
  readonly self: [string, number][];
  readonly inclusive: [string, number][];
}

function summariseProfile(profile: CpuProfile, resolver: FrameResolver): ProfileSummary {
  const parent = new Map<number, number>();
  const frames = new Map<number, Frame>();
  const labels = new Map<string, string>();
  for (const node of profile.nodes) {
    const frame = resolver.resolve(node.callFrame);
    frames.set(node.id, frame);
    labels.set(frame.key, frame.label);
    for (const child of node.children ?? []) parent.set(child, node.id);
  }
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const byGroup = new Map<string, number>();
  const stacks = new Map<number, string[]>();
  const stackOf = (id: number): string[] => {
    let stack = stacks.get(id);
    if (!stack) {
      const keys = new Set<string>();
      for (let n: number | undefined = id; n !== undefined; n = parent.get(n)) {
        const frame = frames.get(n);
        if (frame && !frame.key.startsWith('(')) keys.add(frame.key);
      }
      stack = [...keys];
      stacks.set(id, stack);
    }
    return stack;
  };
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  let total = 0;
  samples.forEach((id, i) => {
    // Each sample stands for the time until the next one.
    const dt = (deltas[i + 1] ?? 0) / 1000;
    const frame = frames.get(id);
    if (!frame) return;
    total += dt;
    self.set(frame.key, (self.get(frame.key) ?? 0) + dt);
    byGroup.set(frame.group, (byGroup.get(frame.group) ?? 0) + dt);
    if (frame.key !== '(idle)') {
      for (const key of stackOf(id)) inclusive.set(key, (inclusive.get(key) ?? 0) + dt);
    }
  });
  const sorted = (map: Map<string, number>) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .map(([key, value]): [string, number] => [labels.get(key) ?? key, value]);
  return {
    totalMs: total,
    byGroup: sorted(byGroup),
    self: sorted(self),
    inclusive: sorted(inclusive),
  };
}

function printProfile(title: string, summary: ProfileSummary, per: number, unit: string): void {
  const row = (label: string, value: number) =>
    `  ${(value / per).toFixed(2).padStart(8)} ms  ${label}`;
  const busy = summary.totalMs - (summary.byGroup.find(([g]) => g === '(idle)')?.[1] ?? 0);
  process.stdout.write(
    `\n=== ${title}: ${(busy / per).toFixed(1)} ms busy ${unit} (of ${(summary.totalMs / per).toFixed(1)} ms sampled)\n`,
  );
  process.stdout.write(`\n-- self time by package / app file (${unit})\n`);
  for (const [group, value] of summary.byGroup.slice(0, 16)) {
    process.stdout.write(`${row(group, value)}\n`);
  }
  process.stdout.write(`\n-- self time by original source line (${unit})\n`);
  for (const [label, value] of summary.self.filter(([l]) => l !== '(idle)').slice(0, 25)) {
    process.stdout.write(`${row(label, value)}\n`);
  }
  process.stdout.write(`\n-- time including callees, app sources only (${unit})\n`);
  for (const [label, value] of summary.inclusive
    .filter(([l]) => l.startsWith('src/'))
    .slice(0, 30)) {
    process.stdout.write(`${row(label, value)}\n`);
  }
}

async function profiled<T>(
  cdp: CDPSession,
  work: () => Promise<T>,
): Promise<{ result: T; profile: CpuProfile }> {
  await cdp.send('Profiler.start');
  const result = await work();
  const { profile } = await cdp.send('Profiler.stop');
  return { result, profile };
}

// ---------------------------------------------------------------------------
// Chrome trace

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly name?: string; readonly data?: { readonly type?: string } };
}

const TIMELINE = new Set([
  'EventDispatch',
  'FunctionCall',
  'TimerFire',
  'FireAnimationFrame',
  'RunMicrotasks',
  'UpdateLayoutTree',
  'Layout',
  'PrePaint',
  'Paint',
  'Layerize',
  'Commit',
  'MinorGC',
  'MajorGC',
  'ParseHTML',
  'HitTest',
]);

function printTrace(events: readonly TraceEvent[], keys: number): void {
  const mains = new Set(
    events
      .filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain')
      .map((e) => `${e.pid}:${e.tid}`),
  );
  const main = events.filter(
    (e) => e.ph === 'X' && TIMELINE.has(e.name) && mains.has(`${e.pid}:${e.tid}`),
  );
  const keydowns = main.filter(
    (e) => e.name === 'EventDispatch' && e.args?.data?.type === 'keydown',
  );
  // Top-level: not inside another timeline event on the same thread.
  const sorted = [...main].sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const topLevel: TraceEvent[] = [];
  let end = -Infinity;
  for (const event of sorted) {
    if (event.ts >= end) {
      topLevel.push(event);
      end = event.ts + (event.dur ?? 0);
    }
  }
  const totals = new Map<string, number>();
  for (const event of main)
    totals.set(event.name, (totals.get(event.name) ?? 0) + (event.dur ?? 0));
  process.stdout.write(
    `\n=== Chrome trace of the ${keys} keys (${keydowns.length} keydown events): main-thread ms per key, ` +
      'by event (script events include any style or layout they force)\n',
  );
  for (const [name, total] of [...totals].sort((a, b) => b[1] - a[1])) {
    process.stdout.write(`  ${(total / 1000 / keys).toFixed(2).padStart(8)} ms  ${name}\n`);
  }
  // The key whose top-level work is the median, and everything that ran on the main thread then.
  const all = events
    .filter((e) => e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`))
    .sort((a, b) => a.ts - b.ts || (b.dur ?? 0) - (a.dur ?? 0));
  const work = keydowns.map((keydown) => {
    const next = keydowns.find((k) => k.ts > keydown.ts)?.ts ?? Infinity;
    const until = Math.min(next, keydown.ts + 150_000);
    const span = topLevel.filter((e) => e.ts >= keydown.ts && e.ts < until);
    return { keydown, until, busy: span.reduce((sum, e) => sum + (e.dur ?? 0), 0) };
  });
  work.sort((a, b) => a.busy - b.busy);
  const typical = work[Math.floor(work.length / 2)];
  if (!typical) return;
  process.stdout.write(
    `\n-- main thread during a typical key (median work ${(typical.busy / 1000).toFixed(1)} ms): ` +
      'start and duration in ms from the keydown event; events of 0.2 ms and more, nested\n',
  );
  const open: number[] = [];
  for (const event of all) {
    if (event.ts < typical.keydown.ts - 1000 || event.ts >= typical.until) continue;
    while (open.length && event.ts >= (open.at(-1) ?? 0)) open.pop();
    const depth = open.length;
    open.push(event.ts + (event.dur ?? 0));
    if ((event.dur ?? 0) < 200 || depth > 6) continue;
    const type = event.args?.data?.type ? ` (${event.args.data.type})` : '';
    process.stdout.write(
      `  ${((event.ts - typical.keydown.ts) / 1000).toFixed(1).padStart(7)}  ` +
        `${((event.dur ?? 0) / 1000).toFixed(1).padStart(6)}  ${'  '.repeat(depth)}${event.name}${type}\n`,
    );
  }
}

// ---------------------------------------------------------------------------

function keySummary(timings: readonly KeyTiming[]): string {
  const sorted = (values: number[]) => values.sort((a, b) => a - b);
  const dom = sorted(timings.map((t) => t.dom));
  const painted = sorted(timings.map((t) => t.painted));
  const p = (values: number[], q: number) => values[Math.ceil(q * values.length) - 1].toFixed(1);
  return `keydown → DOM p50 ${p(dom, 0.5)} ms, p95 ${p(dom, 0.95)}; → painted p50 ${p(painted, 0.5)}, p95 ${p(painted, 0.95)} (profiler/tracing on)`;
}

async function main(): Promise<void> {
  const temp = mkdtempSync(join(tmpdir(), 'claimdesk-bench-ui-profile-'));
  let server: RunningServer | null = null;
  let browser: Browser | null = null;
  try {
    const project = process.argv.find((arg) => arg.startsWith('--project='))?.slice(10);
    log(`building ${project ?? 'the app'} with source maps into a temp dir …`);
    const outputPath = join(temp, 'app');
    buildApp(['--source-map', '--output-path', outputPath], project ? resolve(project) : undefined);
    const staticDir = join(outputPath, 'browser');

    log('seeding 10,000 claims …');
    const databaseFile = join(temp, 'claimdesk.db');
    const seeded = await seedDatabase(databaseFile);
    // --huge: the 10,000-claim article of issue 13 instead of the 2,000-claim one.
    const huge = process.argv.includes('--huge');
    const claims = huge ? seeded.hugeClaims : seeded.claims;
    const articleId = huge ? seeded.hugeArticleId : seeded.bigArticleId;
    const status = huge ? fullStatus(HUGE_ARTICLE_CLAIMS) : FULL_STATUS;
    const expectation = huge ? expectationFor(HUGE_ARTICLE_CLAIMS) : workspaceExpectation;
    const plan = planKeys(claims);
    server = await startServer({
      databaseFile,
      claimsDir: mkdtempSync(join(temp, 'c-')),
      staticDir,
    });
    browser = await launchBrowser();
    const session = await signIn(browser, server.url);
    const context = await newContext(browser, session);
    await context.addInitScript(instrument, null);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
    const resolver = new FrameResolver(staticDir);

    log('profiling: opening the article …');
    const load = await profiled(cdp, async () => {
      await page.goto(`${server?.url}/articles/${articleId}`);
      await page.locator(STATUS).filter({ hasText: status }).waitFor({ timeout: 60_000 });
      await page.locator(ROWS).first().waitFor();
    });
    printProfile('Opening the article', summariseProfile(load.profile, resolver), 1, 'in all');

    await page.locator(SEARCH).focus();
    await typeSteps(page, plan.warmUp, expectation);
    log(`profiling: ${plan.measured.length} keys …`);
    const typing = await profiled(cdp, () => typeSteps(page, plan.measured, expectation));
    log(keySummary(typing.result));
    printProfile(
      `Typing ${plan.measured.length} keys`,
      summariseProfile(typing.profile, resolver),
      plan.measured.length,
      'per key',
    );

    log('tracing the same keys …');
    await browser.startTracing(page, {
      categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'toplevel'],
    });
    const traced = await typeSteps(page, plan.measured, expectation);
    const trace = JSON.parse((await browser.stopTracing()).toString()) as {
      traceEvents: TraceEvent[];
    };
    log(keySummary(traced));
    printTrace(trace.traceEvents, plan.measured.length);
    process.stdout.write('\n');
  } finally {
    await browser?.close().catch(() => undefined);
    if (server) await stopServer(server);
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[bench:ui] failed: ${message}\n`);
  process.exit(1);
});
