/**
 * `npm run bench:api`: throughput and latency of the Claimdesk API under load,
 * each scenario beside a bare Fastify route that serves the same bytes from
 * memory in the same server process, measured in the same run.
 *
 * The servers run in a forked process (api-server.ts); autocannon drives them
 * from this one over loopback, so load generation and serving do not share an
 * event loop. Each scenario warms both targets up, then measures them in
 * alternating rounds of about 2 s; req/s counts 2xx responses only.
 *
 * Environment:
 *   BENCH_SECONDS         measured seconds per scenario and target (default 10)
 *   BENCH_WARMUP_SECONDS  unmeasured warm-up per scenario and target (default 2)
 *   BENCH_ONLY            comma-separated subset of: read,patch,note,desk,desk-alone,articles,streams
 *   BENCH_ENGINES         sqlite, postgres or both (default): each engine's app beside its bare route
 *   BENCH_DATABASE_URL    PostgreSQL server for the postgres run (a schema of its own, dropped
 *                         after); unset: a throw-away cluster with PostgreSQL's default durability
 *   BENCH_JSON            write the results as JSON to this file
 *   BENCH_CPU_PROF        write a V8 CPU profile of the server process to this folder
 *   BENCH_LOG             keep the app's log (one JSON line per request, as `npm run server`
 *                         writes it) in this file; else it goes to a file deleted after the run
 *   BENCH_WHATIF          sync-normal and/or no-group-commit: size a change without making
 *                         it (see api-server.ts); never the shipped configuration
 */
import { fork, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { dropPostgresSchema } from '../database/engine';
import { benchPostgres, postgresSettings } from './postgres';
import {
  BROWSER_ACCEPT_ENCODING,
  type ServerMessage,
  type ServerReady,
  type TrackedClaim,
} from './protocol';

const CONNECTIONS = 32;
/** Open event streams in the streams scenario (issue 13: 50 people listening). */
const STREAMS = 50;
/** Writes with that many streams open, against the same writes without (issue 13). */
const STREAMS_TARGET_RATIO = 0.9;
/** Reads against the bare route: SQLite's (issue 13, logging on), and PostgreSQL's (issue 12). */
const READ_TARGET_RATIO: Record<EngineName, number> = { sqlite: 0.8, postgres: 0.5 };
const READ_TARGET_P99_MS = 15;
const WRITE_TARGET_PER_S = 1500;
/** The article list with 1,000 articles of 100 claims each, p95 at one connection (issue 13). */
const ARTICLES_TARGET_P95_MS = 30;
/** A desk page (`GET /api/claims?assignee=me` over 100,000 claims), p95. */
const DESK_TARGET_P95_MS = 50;

function envNumber(name: string, fallback: number, min: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') {
    return fallback;
  }
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min) {
    throw new Error(`${name} must be a number of at least ${min}, not "${raw}"`);
  }
  return value;
}

const SECONDS = envNumber('BENCH_SECONDS', 10, 1);
const WARMUP_SECONDS = envNumber('BENCH_WARMUP_SECONDS', 2, 0);
/** Measured time per target is split into rounds of about 2 s. */
const ROUNDS = Math.max(1, Math.round(SECONDS / 2));

type EngineName = 'sqlite' | 'postgres';
type ScenarioKey = 'read' | 'patch' | 'note' | 'desk' | 'desk-alone' | 'articles' | 'streams';
type Target = 'app' | 'bare';

/**
 * Claims free to be written. A PATCH checks a claim out with the version last
 * seen and returns it with the version the response reports, so no two
 * connections write the same claim at once and every If-Match is current:
 * writes spread over all 10,000 claims and a 412 means a real server problem.
 */
class ClaimPool {
  private readonly ring: (TrackedClaim | undefined)[];
  private head = 0;
  private size: number;

  constructor(claims: readonly TrackedClaim[]) {
    this.ring = claims.map((claim) => ({ ...claim }));
    this.size = this.ring.length;
  }

  take(): TrackedClaim {
    if (this.size === 0) {
      throw new Error('claim pool is empty');
    }
    const claim = this.ring[this.head];
    this.ring[this.head] = undefined;
    this.head = (this.head + 1) % this.ring.length;
    this.size -= 1;
    if (!claim) {
      throw new Error('claim pool is corrupt');
    }
    return claim;
  }

  give(claim: TrackedClaim): void {
    this.ring[(this.head + this.size) % this.ring.length] = claim;
    this.size += 1;
  }

  /** Claims taken and not yet given back. */
  get checkedOut(): number {
    return this.ring.length - this.size;
  }

  peek(count: number): TrackedClaim[] {
    const claims: TrackedClaim[] = [];
    for (let i = 0; i < Math.min(count, this.size); i++) {
      const claim = this.ring[(this.head + i) % this.ring.length];
      if (claim) {
        claims.push(claim);
      }
    }
    return claims;
  }
}

interface PatchContext {
  claim?: TrackedClaim;
}

interface Scenario {
  readonly key: ScenarioKey;
  readonly label: string;
  /** Options for one autocannon run against `baseUrl`, whose state lives in `state`. */
  options(baseUrl: string, state: ScenarioState): autocannon.Options;
}

interface ScenarioState {
  readonly pool: ClaimPool;
  counter: number;
  /** Responses neither 2xx nor 412 on a PATCH: the claim is dropped from the pool. */
  dropped: number;
}

function scenarios(ready: ServerReady): Scenario[] {
  const common = { connections: CONNECTIONS, pipelining: 1, timeout: 10 };
  const writeHeaders = { cookie: ready.cookie, 'content-type': 'application/json' };
  const list: Scenario[] = [
    {
      key: 'read',
      label:
        `GET /api/articles/:id/claims (50 claims, ${ready.captured.read.bytes} B ` +
        `${ready.captured.read.encoding ?? 'uncompressed'}, as a browser asks)`,
      options: (baseUrl) => ({
        ...common,
        url: `${baseUrl}/api/articles/${ready.readArticleId}/claims`,
        headers: { cookie: ready.cookie, 'accept-encoding': BROWSER_ACCEPT_ENCODING },
      }),
    },
    {
      key: 'patch',
      label: 'PATCH /api/claims/:id (rationale, If-Match)',
      options: (baseUrl, state) => ({
        ...common,
        url: baseUrl,
        requests: [
          {
            method: 'PATCH',
            setupRequest: (request, context) => {
              const claim = state.pool.take();
              (context as PatchContext).claim = claim;
              state.counter += 1;
              return {
                ...request,
                path: `/api/claims/${claim.id}`,
                headers: { ...writeHeaders, 'if-match': `"${claim.version}"` },
                body: JSON.stringify({
                  rationale: `Benchmark rationale ${state.counter}: checked against the source.`,
                }),
              };
            },
            onResponse: (status, body, context) => {
              const claim = (context as PatchContext).claim;
              if (!claim) {
                return;
              }
              (context as PatchContext).claim = undefined;
              if (status === 200) {
                claim.version = (JSON.parse(body) as { version: number }).version;
              } else if (status === 412) {
                const current = (JSON.parse(body) as { current?: { version?: number } }).current;
                if (current?.version === undefined) {
                  state.dropped += 1;
                  return;
                }
                claim.version = current.version;
              } else {
                state.dropped += 1;
                return;
              }
              state.pool.give(claim);
            },
          },
        ],
      }),
    },
    {
      key: 'note',
      label: 'POST /api/claims/:id/notes',
      options: (baseUrl, state) => ({
        ...common,
        url: baseUrl,
        requests: [
          {
            method: 'POST',
            setupRequest: (request) => {
              // Round robin over all claims; appends never conflict.
              const claim = state.pool.take();
              state.pool.give(claim);
              state.counter += 1;
              return {
                ...request,
                path: `/api/claims/${claim.id}/notes`,
                headers: writeHeaders,
                body: JSON.stringify({ text: `Benchmark note ${state.counter}: source called.` }),
              };
            },
          },
        ],
      }),
    },
    {
      key: 'desk',
      label:
        `GET ${ready.desk.path} (page 1: 50 of ${fmt(ready.desk.mine)}; ` +
        `${fmt(ready.desk.claims)} claims in ${fmt(ready.desk.articles)} articles, ` +
        `${ready.captured.desk.bytes} B)`,
      options: (baseUrl) => ({
        ...common,
        url: `${baseUrl}${ready.desk.path}`,
        headers: { cookie: ready.cookie },
      }),
    },
    {
      // The same page for one person alone: its answering time without 31 others queued.
      key: 'desk-alone',
      label: `GET ${ready.desk.path}, 1 connection`,
      options: (baseUrl) => ({
        ...common,
        connections: 1,
        url: `${baseUrl}${ready.desk.path}`,
        headers: { cookie: ready.cookie },
      }),
    },
    {
      // The article list as one person opens it, over the whole desk.
      key: 'articles',
      label:
        `GET /api/articles (${fmt(ready.articleCount)} articles, ` +
        `${fmt(ready.desk.claims)} claims, ${ready.captured.articles.bytes} B), 1 connection`,
      options: (baseUrl) => ({
        ...common,
        connections: 1,
        url: `${baseUrl}/api/articles`,
        headers: { cookie: ready.cookie },
      }),
    },
  ];
  // The same writes while 50 people have the event stream open: every write is an event
  // sent to each of them. Measured against the same writes with no stream open.
  const patch = list.find((scenario) => scenario.key === 'patch');
  if (patch) {
    list.push({
      ...patch,
      key: 'streams',
      label: `PATCH /api/claims/:id with ${STREAMS} event streams open`,
    });
  }
  return list;
}

interface Measurement {
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
}

function percentile(sorted: Float64Array, p: number): number {
  if (sorted.length === 0) {
    return Number.NaN;
  }
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** The run in progress, to stop on Ctrl-C. */
let running: autocannon.Instance | undefined;

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
interface Slice {
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
}

async function slice(
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

function combine(scenario: ScenarioKey, target: Target, slices: readonly Slice[]): Measurement {
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
  };
}

/** The server process's CPU time so far, in µs. */
function serverCpu(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      if (message.type === 'cpu') {
        child.off('message', onMessage);
        resolve(message.micros);
      }
    };
    child.on('message', onMessage);
    child.send({ type: 'cpu' }, (error) => {
      if (error) {
        child.off('message', onMessage);
        reject(error);
      }
    });
  });
}

function nextMessage(child: ChildProcess): Promise<ServerMessage> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: ServerMessage) => {
      child.off('exit', onExit);
      resolve(message);
    };
    const onExit = (code: number | null) => {
      child.off('message', onMessage);
      reject(new Error(`server process exited (${code}) before answering`));
    };
    child.once('message', onMessage);
    child.once('exit', onExit);
  });
}

function startServer(env: NodeJS.ProcessEnv): ChildProcess {
  const profileDir = process.env['BENCH_CPU_PROF'];
  const profile = profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : [];
  // process.execArgv carries tsx's loader, so the child runs TypeScript too.
  return fork(fileURLToPath(new URL('./api-server.ts', import.meta.url)), [], {
    execArgv: [...process.execArgv, ...profile],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env,
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    return;
  }
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  if (child.connected) {
    // On Ctrl-C the child may be exiting already; its exit is what we wait for.
    child.send({ type: 'close' }, () => undefined);
  }
  const timer = setTimeout(() => child.kill('SIGTERM'), 15_000);
  await exited;
  clearTimeout(timer);
}

/** Checks that the versions tracked client-side are the server's: the PATCHes were real. */
/** STREAMS event streams held open by a process of their own (listeners.ts). */
async function openListeners(
  appUrl: string,
  cookie: string,
  count: number,
): Promise<{ close(): Promise<{ frames: number; reads: number }> }> {
  const child = fork(
    fileURLToPath(new URL('./listeners.ts', import.meta.url)),
    [appUrl, cookie, String(count)],
    {
      execArgv: process.execArgv,
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  await new Promise<void>((resolve, reject) => {
    child.once('message', (message: { type: string; message?: string }) =>
      message.type === 'listening' ? resolve() : reject(new Error(message.message)),
    );
    child.once('exit', (code) => reject(new Error(`the listeners exited (${code})`)));
  });
  return {
    close: () =>
      new Promise<{ frames: number; reads: number }>((resolve) => {
        let frames = 0;
        let reads = 0;
        child.on('message', (message: { type: string; frames?: number; reads?: number }) => {
          if (message.type === 'closed') {
            frames = message.frames ?? 0;
            reads = message.reads ?? 0;
          }
        });
        child.once('exit', () => resolve({ frames, reads }));
        child.send({ type: 'close' });
      }),
  };
}

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

const fmt = (value: number, digits = 0) =>
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

interface EngineResult {
  readonly engine: EngineName;
  /** The PostgreSQL server's origin and settings; null for SQLite. */
  readonly postgres: string | null;
  readonly captured: ServerReady['captured'];
  readonly measurements: Measurement[];
  readonly targets: { name: string; met: boolean; value: string }[];
  readonly notes: string[];
  readonly loads: string[];
}

/** Every chosen scenario against one server process, on one engine, with its bare route. */
async function benchEngine(
  engine: EngineName,
  env: NodeJS.ProcessEnv,
  only: readonly string[] | undefined,
  postgres: string | null,
): Promise<EngineResult> {
  console.log(`\n== ${engine === 'sqlite' ? 'SQLite' : 'PostgreSQL'} ==`);
  if (postgres) console.log(postgres);
  const child = startServer(env);
  const cleanUpOnSignal = () => {
    running?.stop();
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
    for (const scenario of scenarios(ready)) {
      if (only && !only.includes(scenario.key)) {
        continue;
      }
      // The streams scenario compares the app with itself: "bare" is the same writes with
      // no stream open, so both share the claims and their versions.
      const streams = scenario.key === 'streams';
      const shared: ScenarioState = { pool: new ClaimPool(ready.claims), counter: 0, dropped: 0 };
      const states: Record<Target, ScenarioState> = {
        app: streams ? shared : { pool: new ClaimPool(ready.claims), counter: 0, dropped: 0 },
        bare: streams ? shared : { pool: new ClaimPool(ready.claims), counter: 0, dropped: 0 },
      };
      const urls: Record<Target, string> = {
        app: ready.appUrl,
        bare: streams ? ready.appUrl : ready.bareUrl,
      };
      /** Per round with streams open: writes answered, event frames and socket reads of the listeners. */
      const heard: { writes: number; frames: number; reads: number; seconds: number }[] = [];
      const measure = async (target: Target, seconds: number): Promise<Slice> => {
        const before = await serverCpu(child);
        const result = await measureSlice(target, seconds);
        result.cpuMicros = (await serverCpu(child)) - before;
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
          const { frames, reads } = await listeners.close();
          if (result) heard.push({ writes: result.ok, frames, reads, seconds });
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
            `server CPU ${fmt(result.cpuPerOk)} µs/2xx`,
        );
      }
      if (streams && heard.length > 0) {
        const writes = heard.reduce((total, h) => total + h.writes, 0);
        const frames = heard.reduce((total, h) => total + h.frames, 0);
        const reads = heard.reduce((total, h) => total + h.reads, 0);
        const seconds = heard.reduce((total, h) => total + h.seconds, 0);
        notes.push(
          `Streams: the ${STREAMS} listeners (a process of their own, reading as cheaply as a ` +
            `client can) read ${fmt(frames)} event frames for ${fmt(writes)} writes answered ` +
            `(${fmt(frames / Math.max(1, writes * STREAMS), 3)} of writes x streams, warm-up included), ` +
            `in ${fmt(reads / Math.max(1, seconds * STREAMS))} socket reads per stream per second.`,
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

    const byKey = (key: ScenarioKey, target: Target) =>
      measurements.find((m) => m.scenario === key && m.target === target);
    const labels = new Map(scenarios(ready).map((s) => [s.key, s.label]));
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

    const targets: { name: string; met: boolean; value: string }[] = [];
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
        name: `${engine}: article list p95 < ${ARTICLES_TARGET_P95_MS} ms (${fmt(ready.articleCount)} articles, 1 connection)`,
        met: list.p95 < ARTICLES_TARGET_P95_MS && list.ok > 0 && list.non2xx === 0,
        value: `${fmt(list.p95, 2)} ms`,
      });
    }
    return { engine, postgres, captured: ready.captured, measurements, targets, notes, loads };
  } finally {
    process.off('SIGINT', cleanUpOnSignal);
    await stopServer(child);
  }
}

async function main(): Promise<void> {
  const only = process.env['BENCH_ONLY']?.split(',').map((key) => key.trim());
  const engines = (process.env['BENCH_ENGINES'] ?? 'sqlite,postgres')
    .split(',')
    .map((name) => name.trim());
  for (const name of engines) {
    if (name !== 'sqlite' && name !== 'postgres') {
      throw new Error(`BENCH_ENGINES lists sqlite and/or postgres, not "${name}"`);
    }
  }
  const started = new Date();
  console.log(
    `Claimdesk API benchmark: ${CONNECTIONS} connections, ${SECONDS} s measured per target ` +
      `in ${ROUNDS} alternating rounds (+${WARMUP_SECONDS} s warm-up), Node ${process.version}, ` +
      `${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
      `${Math.round(totalmem() / 2 ** 30)} GiB`,
  );
  const whatIf = process.env['BENCH_WHATIF'];
  if (whatIf) {
    console.log(`WHAT-IF run (${whatIf}, SQLite only): not the shipped configuration.`);
  }

  // Each engine's server sees only its own database settings, whatever this shell exports.
  const baseEnv = { ...process.env };
  delete baseEnv['DATABASE_URL'];
  delete baseEnv['DATABASE_SCHEMA'];
  const results: EngineResult[] = [];
  if (engines.includes('sqlite')) {
    results.push(await benchEngine('sqlite', baseEnv, only, null));
  }
  if (engines.includes('postgres')) {
    const server = await benchPostgres();
    // Ctrl-C ends this process from inside benchEngine: the cluster goes with it.
    const stopOnExit = () => server.stop();
    process.once('exit', stopOnExit);
    // A schema of its own, so that BENCH_DATABASE_URL's database is left as it was.
    const schema = `claimdesk_bench_${process.pid}`;
    try {
      const settings = `PostgreSQL from ${server.origin}: ${await postgresSettings(server.url)}`;
      // As a desk runs it: DATABASE_URL, the default pool of connections per process.
      const env = { ...baseEnv, DATABASE_URL: server.url, DATABASE_SCHEMA: schema };
      results.push(await benchEngine('postgres', env, only, settings));
    } finally {
      await dropPostgresSchema(server.url, schema).catch(() => undefined);
      process.off('exit', stopOnExit);
      server.stop();
    }
  }

  console.log('\nTargets:');
  for (const t of results.flatMap((result) => result.targets)) {
    console.log(`  ${t.met ? 'PASS' : 'MISS'}  ${t.name}: ${t.value}`);
  }
  const jsonFile = process.env['BENCH_JSON'];
  if (jsonFile) {
    writeFileSync(
      jsonFile,
      `${JSON.stringify(
        {
          date: started.toISOString(),
          node: process.version,
          cpus: availableParallelism(),
          cpuModel: cpus()[0]?.model ?? null,
          connections: CONNECTIONS,
          seconds: SECONDS,
          warmupSeconds: WARMUP_SECONDS,
          whatIf: whatIf ?? null,
          runs: results,
        },
        null,
        2,
      )}\n`,
    );
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
