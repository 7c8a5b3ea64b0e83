/**
 * The report of `npm run bench:ui`: its figures, the tables it prints and the
 * RESULTS.md it writes (with the method), from what run.ts measured.
 */
import { type InitialJs } from './bundle';
import { type KeyTiming, type Plan, type Summary, summarise } from './harness';
import { type FrameStats, type JumpRecord } from './page';
import { type HugeResults, hugeSection } from './huge-article';
import { type LoadTiming } from './load';
import { type SeededData } from './seed';
import { type PageTransfer, transferSection } from './transfer';

/** p95 of keydown → painted frame, in ms: one frame at 60 Hz. */
export const KEY_TARGET_MS = 16;
export const LOADS = 5;
export const SCROLL_JUMPS = 6;
export const SCROLL_STEP_PX = 400;

export const ms = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '—');
/** Event Timing reports only durations of 16 ms and more. */
export const eventMs = (value: number) => (value < 16 ? '< 16' : value.toFixed(0));
/** kB of 1,000 bytes, as the Angular CLI and its budgets count. */
export const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;
export const frameCount = (count: number) => `${count} frame${count === 1 ? '' : 's'}`;
export const ratio = (value: number, base: number) => `${(value / base).toFixed(2)}×`;

export interface BrowserResults {
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

// ---------------------------------------------------------------------------
// Report

export interface Report {
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

export function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const cell = (text: string, c: number) =>
    c === 0 ? text.padEnd(widths[c]) : text.padStart(widths[c]);
  const line = (row: readonly string[]) => `| ${row.map(cell).join(' | ')} |`;
  const rule = widths.map((w, c) => (c === 0 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`));
  return [line(rows[0]), `| ${rule.join(' | ')} |`, ...rows.slice(1).map(line)];
}

export function figures(report: Report) {
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

export function resultTables(report: Report): string[] {
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
