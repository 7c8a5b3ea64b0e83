/**
 * `npm run bench:api`'s report: the results table, its notes, and each target met or missed.
 */
import type { Measurement } from './api-measure';
import {
  ARTICLES_TARGET_P95_MS,
  CONNECTIONS,
  DESK_TARGET_P95_MS,
  type EngineName,
  READ_TARGET_P99_MS,
  READ_TARGET_RATIO,
  type ScenarioKey,
  STREAMS,
  STREAMS_TARGET_RATIO,
  type Target,
  WRITE_TARGET_PER_S,
} from './api-settings';

export interface TargetResult {
  readonly name: string;
  readonly met: boolean;
  readonly value: string;
}

export const fmt = (value: number, digits = 0) =>
  Number.isFinite(value)
    ? value.toLocaleString('en-US', {
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      })
    : '-';

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, column) => cell.padEnd(widths[column])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((width) => '-'.repeat(width + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

function finder(measurements: readonly Measurement[]) {
  return (key: ScenarioKey, target: Target) =>
    measurements.find((m) => m.scenario === key && m.target === target);
}

/** Prints the table of every measurement, then the notes and the load averages. */
export function printResults(
  measurements: readonly Measurement[],
  labels: ReadonlyMap<ScenarioKey, string>,
  notes: readonly string[],
  loads: readonly string[],
): void {
  const byKey = finder(measurements);
  const rows: string[][] = [
    [
      'Scenario',
      'Target',
      '2xx/s',
      'p50 ms',
      'p95 ms',
      'p99 ms',
      'non-2xx',
      'vs bare',
      'server CPU µs/2xx',
    ],
  ];
  for (const m of measurements) {
    const bare = byKey(m.scenario, 'bare');
    const ratio = m.target === 'app' && bare ? m.okPerSecond / bare.okPerSecond : Number.NaN;
    rows.push([
      m.target === 'app' ? (labels.get(m.scenario) ?? m.scenario) : '',
      m.target === 'app'
        ? 'Claimdesk'
        : m.scenario === 'streams'
          ? 'Claimdesk, no stream open'
          : 'bare Fastify, same bytes',
      fmt(m.okPerSecond),
      fmt(m.p50, 2),
      fmt(m.p95, 2),
      fmt(m.p99, 2),
      `${m.non2xx}${m.errors + m.timeouts > 0 ? ` (+${m.errors + m.timeouts} errors)` : ''}`,
      m.target === 'app' ? `${fmt(ratio * 100, 1)}%` : '100%',
      fmt(m.cpuPerOk),
    ]);
  }
  console.log(`\n${table(rows)}\n`);
  for (const note of notes) {
    console.log(note);
  }
  console.log(`Load average (1 min) before -> after each scenario: ${loads.join('; ')}`);
  for (const m of measurements.filter((m) => m.non2xx > 0)) {
    console.log(`${m.scenario}/${m.target} status codes: ${JSON.stringify(m.statusCodes)}`);
  }
}

/** Each target of the scenarios measured, met or missed. */
export function targetsOf(
  engine: EngineName,
  measurements: readonly Measurement[],
  articleCount: number,
): TargetResult[] {
  const byKey = finder(measurements);
  const targets: TargetResult[] = [];
  const read = byKey('read', 'app');
  const readBare = byKey('read', 'bare');
  if (read && readBare) {
    const ratio = read.okPerSecond / readBare.okPerSecond;
    targets.push({
      name: `${engine}: reads >= ${READ_TARGET_RATIO[engine] * 100}% of bare throughput`,
      met: ratio >= READ_TARGET_RATIO[engine],
      value: `${fmt(ratio * 100, 1)}%`,
    });
    targets.push({
      name: `${engine}: reads p99 < ${READ_TARGET_P99_MS} ms at ${CONNECTIONS} connections`,
      met: read.p99 < READ_TARGET_P99_MS,
      value: `${fmt(read.p99, 2)} ms`,
    });
  }
  for (const key of ['patch', 'note'] as const) {
    const m = byKey(key, 'app');
    if (m) {
      targets.push({
        name: `${engine}: ${key === 'patch' ? 'PATCH' : 'note append'} >= ${fmt(WRITE_TARGET_PER_S)} writes/s (2xx)`,
        met: m.okPerSecond >= WRITE_TARGET_PER_S && m.ok > 0,
        value: `${fmt(m.okPerSecond)}/s`,
      });
    }
  }
  for (const [key, connections] of [
    ['desk', CONNECTIONS],
    ['desk-alone', 1],
  ] as const) {
    const desk = byKey(key, 'app');
    if (desk) {
      targets.push({
        name: `${engine}: desk page p95 < ${DESK_TARGET_P95_MS} ms at ${connections} connection${connections > 1 ? 's' : ''}`,
        met: desk.p95 < DESK_TARGET_P95_MS && desk.ok > 0 && desk.non2xx === 0,
        value: `${fmt(desk.p95, 2)} ms`,
      });
    }
  }
  const listened = byKey('streams', 'app');
  const unheard = byKey('streams', 'bare');
  if (listened && unheard) {
    targets.push({
      name: `${engine}: writes with ${STREAMS} event streams open >= ${STREAMS_TARGET_RATIO * 100}% of the rate without`,
      met: listened.okPerSecond >= STREAMS_TARGET_RATIO * unheard.okPerSecond && listened.ok > 0,
      value: `${fmt((listened.okPerSecond / unheard.okPerSecond) * 100, 1)}%`,
    });
  }
  const list = byKey('articles', 'app');
  if (list) {
    targets.push({
      name: `${engine}: article list p95 < ${ARTICLES_TARGET_P95_MS} ms (${fmt(articleCount)} articles, 1 connection)`,
      met: list.p95 < ARTICLES_TARGET_P95_MS && list.ok > 0 && list.non2xx === 0,
      value: `${fmt(list.p95, 2)} ms`,
    });
  }
  return targets;
}
