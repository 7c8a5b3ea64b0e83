/**
 * `npm run bench:api` on one engine: its server process, every chosen scenario against the
 * app and its baseline in alternating rounds, then the report.
 */
import type { ChildProcess } from 'node:child_process';
import { loadavg } from 'node:os';
import { combine, type Measurement, type Slice, slice, stopRunning } from './api-measure';
import {
  type ListenersHeard,
  nextMessage,
  openListeners,
  serverCpu,
  startServer,
  stopServer,
} from './api-processes';
import { fmt, printResults, type TargetResult, targetsOf } from './api-report';
import { ClaimPool, type Scenario, type ScenarioState, scenarios } from './api-scenarios';
import {
  type EngineName,
  ROUNDS,
  SECONDS,
  STREAMS,
  type Target,
  WARMUP_SECONDS,
} from './api-settings';
import { type ClusterCpu, postgresCpuReader } from './postgres-cpu';
import type { ServerReady } from './protocol';

export interface EngineResult {
  readonly engine: EngineName;
  /** The PostgreSQL server's origin and settings; null for SQLite. */
  readonly postgres: string | null;
  readonly captured: ServerReady['captured'];
  readonly measurements: Measurement[];
  readonly targets: TargetResult[];
  readonly notes: string[];
  readonly loads: string[];
}

/** Checks that the versions tracked client-side are the server's: the PATCHes were real. */
async function checkVersions(ready: ServerReady, pool: ClaimPool): Promise<string> {
  const sample = pool.peek(5);
  for (const claim of sample) {
    const response = await fetch(`${ready.appUrl}/api/claims/${claim.id}`, {
      headers: { cookie: ready.cookie },
    });
    const { version } = (await response.json()) as { version: number };
    if (version !== claim.version) {
      return `MISMATCH: ${claim.id} is at version ${version}, tracked ${claim.version}`;
    }
  }
  return `ok (${sample.length} sampled claims match the server)`;
}

/** One scenario, app and baseline in alternating rounds: adds to `measurements`, `notes`, `loads`. */
async function runScenario(
  scenario: Scenario,
  ready: ServerReady,
  child: ChildProcess,
  measurements: Measurement[],
  notes: string[],
  loads: string[],
  appClaims: ClaimPool,
  databaseCpu: ClusterCpu | null,
): Promise<void> {
  // The streams scenario compares the app with itself: "bare" is the same writes with
  // no stream open, so both share the claims and their versions. The app's PATCHes of
  // both scenarios go through `appClaims`, which knows the versions the app is at: one
  // that started from the seed's after the other would begin with 412s.
  const streams = scenario.key === 'streams';
  const shared: ScenarioState = { pool: appClaims, counter: 0, dropped: 0 };
  const states: Record<Target, ScenarioState> = {
    app:
      streams || scenario.key === 'patch'
        ? shared
        : { pool: new ClaimPool(ready.claims), counter: 0, dropped: 0 },
    bare: streams ? shared : { pool: new ClaimPool(ready.claims), counter: 0, dropped: 0 },
  };
  const urls: Record<Target, string> = {
    app: ready.appUrl,
    bare: streams ? ready.appUrl : ready.bareUrl,
  };
  /** Per round with streams open: writes answered, and what the listeners read at what CPU. */
  const heard: (ListenersHeard & { writes: number; seconds: number })[] = [];
  const measure = async (target: Target, seconds: number): Promise<Slice> => {
    const before = await serverCpu(child);
    const databaseBefore = databaseCpu?.();
    const result = await measureSlice(target, seconds);
    result.cpuMicros = (await serverCpu(child)) - before;
    if (databaseCpu && databaseBefore !== undefined) {
      result.databaseCpuMicros = databaseCpu() - databaseBefore;
    }
    return result;
  };
  const measureSlice = async (target: Target, seconds: number): Promise<Slice> => {
    if (!streams || target === 'bare') {
      return slice(scenario, urls[target], states[target], seconds);
    }
    const listeners = await openListeners(ready.appUrl, ready.cookie, STREAMS);
    let result: Slice | undefined;
    try {
      result = await slice(scenario, urls[target], states[target], seconds);
      return result;
    } finally {
      const listened = await listeners.close();
      if (result) heard.push({ ...listened, writes: result.ok, seconds });
    }
  };
  if (WARMUP_SECONDS > 0) {
    for (const target of ['app', 'bare'] as const) {
      await measure(target, WARMUP_SECONDS);
    }
  }
  // App and bare take turns in short rounds (order alternating), so that load
  // from elsewhere on a shared machine falls on both alike.
  const slices: Record<Target, Slice[]> = { app: [], bare: [] };
  const load = loadavg()[0];
  for (let round = 0; round < ROUNDS; round++) {
    const order: Target[] = round % 2 === 0 ? ['app', 'bare'] : ['bare', 'app'];
    for (const target of order) {
      slices[target].push(await measure(target, SECONDS / ROUNDS));
    }
  }
  loads.push(`${scenario.key} ${fmt(load, 2)} -> ${fmt(loadavg()[0], 2)}`);
  for (const target of ['app', 'bare'] as const) {
    const result = combine(scenario.key, target, slices[target]);
    measurements.push(result);
    console.log(
      `${scenario.key.padEnd(10)} ${target.padEnd(4)} ${fmt(result.okPerSecond).padStart(7)} 2xx/s  ` +
        `p50 ${fmt(result.p50, 2)} ms  p95 ${fmt(result.p95, 2)} ms  ` +
        `p99 ${fmt(result.p99, 2)} ms  ` +
        `non-2xx ${result.non2xx}  errors ${result.errors + result.timeouts}  ` +
        `server CPU ${fmt(result.cpuPerOk)} µs/2xx` +
        (result.databaseCpuPerOk === null
          ? ''
          : `  PostgreSQL CPU ${fmt(result.databaseCpuPerOk)} µs/2xx`),
    );
  }
  if (streams && heard.length > 0) {
    const writes = heard.reduce((total, h) => total + h.writes, 0);
    const frames = heard.reduce((total, h) => total + h.frames, 0);
    const reads = heard.reduce((total, h) => total + h.reads, 0);
    const seconds = heard.reduce((total, h) => total + h.seconds, 0);
    const listenerCpu = heard.reduce((total, h) => total + h.cpuMicros, 0);
    notes.push(
      `Streams: the ${STREAMS} listeners (a process of their own, reading as cheaply as a ` +
        `client can) read ${fmt(frames)} event frames for ${fmt(writes)} writes answered ` +
        `(${fmt(frames / Math.max(1, writes * STREAMS), 3)} of writes x streams, warm-up included), ` +
        `in ${fmt(reads / Math.max(1, seconds * STREAMS))} socket reads per stream per second; ` +
        `reading them took the listeners' process ${fmt(listenerCpu / Math.max(1, writes))} µs of ` +
        `CPU per write, on the same cores as the server.`,
    );
  }
  if (scenario.key === 'patch') {
    const pool = states.app.pool;
    notes.push(
      `PATCH: ${states.app.counter.toLocaleString('en-US')} writes sent over ` +
        `${ready.claims.length.toLocaleString('en-US')} claims; ` +
        `${pool.checkedOut} claims left out (in flight when a run stopped), ` +
        `${states.app.dropped} dropped on an unexpected status; ` +
        `version tracking ${await checkVersions(ready, pool)}.`,
    );
  }
}

/** Every chosen scenario against one server process, on one engine, with its bare route. */
export async function benchEngine(
  engine: EngineName,
  env: NodeJS.ProcessEnv,
  only: readonly string[] | undefined,
  postgres: string | null,
): Promise<EngineResult> {
  console.log(`\n== ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ==`);
  if (postgres) console.log(postgres);
  const child = startServer(env);
  const cleanUpOnSignal = () => {
    stopRunning();
    void stopServer(child).finally(() => process.exit(130));
  };
  process.once('SIGINT', cleanUpOnSignal);
  try {
    const first = await nextMessage(child);
    if (first.type !== 'ready') {
      throw new Error(first.type === 'failed' ? first.message : `unexpected ${first.type}`);
    }
    const ready = first;
    console.log(
      `Seeded ${ready.claims.length.toLocaleString('en-US')} claims in 200 articles ` +
        `in ${fmt(ready.seedMs / 1000, 1)} s, then the desk's to ${fmt(ready.desk.claims)} claims in ` +
        `${fmt(ready.desk.articles)} articles in ${fmt(ready.desk.seedMs / 1000, 1)} s; ` +
        `app ${ready.appUrl}, bare ${ready.bareUrl}\n`,
    );

    const measurements: Measurement[] = [];
    const notes: string[] = [];
    const loads: string[] = [];
    /** The claims the app's PATCHes write, with the versions it is at (see runScenario). */
    const appClaims = new ClaimPool(ready.claims);
    const databaseUrl = engine === 'postgres' ? env['DATABASE_URL'] : undefined;
    const databaseCpu = databaseUrl ? await postgresCpuReader(databaseUrl) : null;
    for (const scenario of scenarios(ready)) {
      if (only && !only.includes(scenario.key)) {
        continue;
      }
      await runScenario(scenario, ready, child, measurements, notes, loads, appClaims, databaseCpu);
    }
    printResults(
      measurements,
      new Map(scenarios(ready).map((s) => [s.key, s.label])),
      notes,
      loads,
    );
    const targets = targetsOf(engine, measurements, ready.articleCount);
    return { engine, postgres, captured: ready.captured, measurements, targets, notes, loads };
  } finally {
    process.off('SIGINT', cleanUpOnSignal);
    await stopServer(child);
  }
}
