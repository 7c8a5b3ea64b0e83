/**
 * `npm run bench:api`'s measuring: one autocannon run (a slice), and slices added up over
 * rounds into a measurement with its percentiles and the server's CPU per answer.
 */
import autocannon from 'autocannon';
import type { Scenario, ScenarioState } from './api-scenarios';
import type { ScenarioKey, Target } from './api-settings';

export interface Measurement {
  readonly scenario: ScenarioKey;
  readonly target: Target;
  readonly seconds: number;
  readonly requests: number;
  readonly ok: number;
  /** 2xx responses per second: the measured figure. */
  readonly okPerSecond: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly non2xx: number;
  readonly statusCodes: Record<string, number>;
  readonly errors: number;
  readonly timeouts: number;
  /**
   * Server CPU time per 2xx answer, in µs: what a request costs the server, which a
   * shared machine's load changes far less than the rate.
   */
  readonly cpuPerOk: number;
  /** PostgreSQL's CPU time per 2xx answer, in µs, when its cluster is local; else null. */
  readonly databaseCpuPerOk: number | null;
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The run in progress, to stop on Ctrl-C. */
let running: autocannon.Instance | undefined;

/** Stops the autocannon run in progress, if any. */
export function stopRunning(): void {
  running?.stop();
}

/** One autocannon run; latencies are kept unrounded (autocannon's histogram has 1 ms steps). */
function run(options: autocannon.Options): Promise<{ result: autocannon.Result; times: number[] }> {
  return new Promise((resolve, reject) => {
    const times: number[] = [];
    const instance = autocannon(options, (error: unknown, result: autocannon.Result) => {
      running = undefined;
      if (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
      } else {
        resolve({ result, times });
      }
    });
    running = instance;
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      times.push(responseTime);
    });
  });
}

/** The raw outcome of one autocannon run, to be added up over rounds. */
export interface Slice {
  readonly seconds: number;
  readonly requests: number;
  readonly ok: number;
  readonly non2xx: number;
  readonly errors: number;
  readonly timeouts: number;
  readonly statusCodes: Record<string, number>;
  readonly times: number[];
  /** CPU time the server process spent meanwhile (listeners and load generator excluded). */
  cpuMicros?: number;
  /** CPU time a local PostgreSQL cluster spent meanwhile (every one of its processes). */
  databaseCpuMicros?: number;
}

export async function slice(
  scenario: Scenario,
  baseUrl: string,
  state: ScenarioState,
  seconds: number,
): Promise<Slice> {
  const { result, times } = await run({ ...scenario.options(baseUrl, state), duration: seconds });
  const statusCodes: Record<string, number> = {};
  for (const [code, stats] of Object.entries(result.statusCodeStats ?? {})) {
    statusCodes[code] = stats.count ?? 0;
  }
  return {
    seconds: result.duration,
    requests: result.requests.total,
    ok: result['2xx'],
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes,
    times,
  };
}

export function combine(
  scenario: ScenarioKey,
  target: Target,
  slices: readonly Slice[],
): Measurement {
  const sum = (pick: (s: Slice) => number) => slices.reduce((total, s) => total + pick(s), 0);
  const statusCodes: Record<string, number> = {};
  for (const s of slices) {
    for (const [code, count] of Object.entries(s.statusCodes)) {
      statusCodes[code] = (statusCodes[code] ?? 0) + count;
    }
  }
  const sorted = Float64Array.from(slices.flatMap((s) => s.times)).sort();
  const seconds = sum((s) => s.seconds);
  return {
    scenario,
    target,
    seconds,
    requests: sum((s) => s.requests),
    ok: sum((s) => s.ok),
    okPerSecond: sum((s) => s.ok) / seconds,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    non2xx: sum((s) => s.non2xx),
    statusCodes,
    errors: sum((s) => s.errors),
    timeouts: sum((s) => s.timeouts),
    cpuPerOk:
      sum((s) => s.cpuMicros ?? 0) /
      Math.max(
        1,
        sum((s) => s.ok),
      ),
    databaseCpuPerOk: slices.every((s) => s.databaseCpuMicros !== undefined)
      ? sum((s) => s.databaseCpuMicros ?? 0) /
        Math.max(
          1,
          sum((s) => s.ok),
        )
      : null,
  };
}
