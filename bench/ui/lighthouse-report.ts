/**
 * What `npm run bench:lighthouse` (lighthouse.ts) reports: per page and preset, the
 * median run's four category scores and key metrics, the spread over the runs, the
 * goals of issue 13, and the audits that keep a category under 1.
 */
import { cpus } from 'node:os';
import type { Result } from 'lighthouse';

export const PAGE_NAMES = ['sign-in', 'articles', 'workspace'] as const;
export type PageName = (typeof PAGE_NAMES)[number];
export const PRESETS = ['desktop', 'mobile'] as const;
export type Preset = (typeof PRESETS)[number];

const CATEGORIES = ['performance', 'accessibility', 'best-practices', 'seo'] as const;
type Category = (typeof CATEGORIES)[number];
const CATEGORY_LABELS: Readonly<Record<Category, string>> = {
  performance: 'perf',
  accessibility: 'a11y',
  'best-practices': 'best pr.',
  seo: 'SEO',
};
const METRICS = {
  FCP: 'first-contentful-paint',
  LCP: 'largest-contentful-paint',
  TBT: 'total-blocking-time',
  CLS: 'cumulative-layout-shift',
  SI: 'speed-index',
} as const;
type Metric = keyof typeof METRICS;

/** Issue 13: performance at least this per preset; accessibility and best practices 1. */
export const PERFORMANCE_GOAL: Readonly<Record<Preset, number>> = { desktop: 0.95, mobile: 0.8 };

const PAGE_LABELS: Readonly<Record<PageName, string>> = {
  'sign-in': 'sign-in page',
  articles: 'article list',
  workspace: 'seed article workspace',
};

export interface Measured {
  readonly page: PageName;
  readonly preset: Preset;
  /** The run with the median performance score (the lower middle of an even count). */
  readonly median: Result;
  readonly performanceScores: readonly number[];
}

function score(lhr: Result, category: Category): number {
  return lhr.categories[category]?.score ?? NaN;
}

function metric(lhr: Result, name: Metric): number {
  return lhr.audits[METRICS[name]]?.numericValue ?? NaN;
}

export function toMeasured(page: PageName, preset: Preset, lhrs: readonly Result[]): Measured {
  const sorted = [...lhrs].sort((a, b) => score(a, 'performance') - score(b, 'performance'));
  return {
    page,
    preset,
    median: sorted[Math.floor((sorted.length - 1) / 2)],
    performanceScores: sorted.map((lhr) => score(lhr, 'performance')),
  };
}

export function passes(measured: Measured): boolean {
  const { median, preset } = measured;
  return (
    score(median, 'performance') >= PERFORMANCE_GOAL[preset] &&
    score(median, 'accessibility') === 1 &&
    score(median, 'best-practices') === 1
  );
}

/** Lighthouse's measure of this machine's CPU speed during the run: higher is faster. */
const cpuIndex = (lhr: Result) => String(Math.round(lhr.environment.benchmarkIndex));
const scoreText = (value: number) => (Number.isFinite(value) ? value.toFixed(2) : '—');
const msText = (value: number) => (Number.isFinite(value) ? `${Math.round(value)} ms` : '—');
const secondsText = (value: number) =>
  Number.isFinite(value) ? `${(value / 1000).toFixed(2)} s` : '—';

function metricText(lhr: Result, name: Metric): string {
  const value = metric(lhr, name);
  if (name === 'CLS') return Number.isFinite(value) ? value.toFixed(3) : '—';
  return name === 'TBT' ? msText(value) : secondsText(value);
}

/** Audits weighing in a category that do not score 1 (for performance: its diagnostics). */
function shortfalls(lhr: Result, category: Category): string[] {
  const refs = lhr.categories[category]?.auditRefs ?? [];
  return refs
    .filter((ref) => (category === 'performance' ? ref.weight === 0 : ref.weight > 0))
    .map((ref) => lhr.audits[ref.id])
    .filter(
      (audit) =>
        audit && audit.score !== null && audit.score < (category === 'performance' ? 0.9 : 1),
    )
    .map((audit) => `${audit.id}${audit.displayValue ? ` (${audit.displayValue})` : ''}`);
}

/** What the console shows of one result while the benchmark runs. */
export function summaryLines(measured: Measured): string[] {
  const { median } = measured;
  const lines = [
    `  ${PAGE_LABELS[measured.page]}, ${measured.preset}: ` +
      CATEGORIES.map((c) => `${CATEGORY_LABELS[c]} ${scoreText(score(median, c))}`).join(', ') +
      ` (performance over the runs: ${measured.performanceScores.map(scoreText).join(', ')}); ` +
      (Object.keys(METRICS) as Metric[]).map((m) => `${m} ${metricText(median, m)}`).join(', ') +
      `; CPU index ${cpuIndex(median)}`,
  ];
  for (const category of CATEGORIES) {
    const missing = shortfalls(median, category);
    if (missing.length > 0) lines.push(`    ${category} short of 1: ${missing.join('; ')}`);
  }
  return lines;
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
  const cell = (text: string, c: number) =>
    c < 2 ? text.padEnd(widths[c]) : text.padStart(widths[c]);
  const line = (row: readonly string[]) => `| ${row.map(cell).join(' | ')} |`;
  const rule = widths.map((w, c) => (c < 2 ? '-'.repeat(w) : `${'-'.repeat(w - 1)}:`));
  return [line(rows[0]), `| ${rule.join(' | ')} |`, ...rows.slice(1).map(line)];
}

export interface RunInfo {
  readonly date: Date;
  readonly loadBefore: readonly number[];
  readonly loadAfter: readonly number[];
  readonly runs: number;
  readonly lighthouse: string;
  readonly chromium: string;
}

export function reportMarkdown(measured: readonly Measured[], info: RunInfo): string {
  const rows = [
    [
      'page',
      'preset',
      ...CATEGORIES.map((c) => CATEGORY_LABELS[c]),
      'perf runs',
      'FCP',
      'LCP',
      'TBT',
      'CLS',
      'SI',
      'CPU index',
      'goal',
    ],
    ...measured.map((m) => [
      PAGE_LABELS[m.page],
      m.preset,
      ...CATEGORIES.map((c) => scoreText(score(m.median, c))),
      m.performanceScores.map(scoreText).join('/'),
      ...(Object.keys(METRICS) as Metric[]).map((name) => metricText(m.median, name)),
      cpuIndex(m.median),
      passes(m) ? 'PASS' : 'MISS',
    ]),
  ];
  const date = info.date.toISOString().replace('T', ' ').slice(0, 16);
  const details = measured.flatMap((m) =>
    CATEGORIES.flatMap((category) => {
      const missing = shortfalls(m.median, category);
      return missing.length > 0
        ? [`- ${PAGE_LABELS[m.page]}, ${m.preset}, ${category}: ${missing.join('; ')}`]
        : [];
    }),
  );
  return [
    `Lighthouse ${info.lighthouse}, ${date} UTC, ${info.runs} run(s) per page and preset ` +
      '(the median by performance shown; "perf runs" lists every run). ' +
      `${cpus().length} vCPUs, shared: 1-minute load average ${info.loadBefore[0].toFixed(1)} ` +
      `before, ${info.loadAfter[0].toFixed(1)} after. ${info.chromium}.`,
    '',
    "CPU index: Lighthouse's `benchmarkIndex` of the run shown (higher is faster); its " +
      'throttling is simulated, so the CPU time it saw is what it scales: scores fall as the ' +
      'machine gets busier.',
    '',
    `Goals (issue 13): performance at least ${PERFORMANCE_GOAL.desktop} (desktop) and ` +
      `${PERFORMANCE_GOAL.mobile} (mobile), accessibility and best practices 1.`,
    '',
    ...table(rows),
    '',
    ...(details.length > 0
      ? ['Short of 1 (for performance: diagnostics scoring under 0.9):', '', ...details]
      : ['Every accessibility, best-practices and SEO audit passes.']),
    '',
  ].join('\n');
}
