/**
 * `npm run bench:import`: does importing a 20,000-claim article file freeze the server?
 *
 * The app runs in this process as `npm run server` configures it (its logging into a file),
 * with the event loop's delay sampled by `monitorEventLoopDelay`: the delay is what every
 * other request waits before the server even looks at it. While editors keep asking for
 * the article list and the health check, one editor imports the file. Baseline: the same
 * requests for the same time with no import, in the same run. The goal (issue 13): the
 * event-loop delay stays under 100 ms during the import, which lasts here until the
 * matcher has indexed the imported claims (it does so after the answer).
 *
 * Requests that read the database (the health check's `select 1`, the article list) read on
 * SQLite's second connection (database/read-connection.ts) and do not wait for the
 * import's transaction: their latency is the event loop's.
 */
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import app from '../app';
import { hashPassword } from '../auth/password';
import { fastifyOptions } from '../config';
import { loggedFastify } from '../logging';
import { insertUser } from '../repositories/users';
import { LARGE_FILE_CLAIMS, largeArticleFile } from './large-file';

const TARGET_MS = 100;

interface Window {
  readonly seconds: number;
  readonly loopMaxMs: number;
  readonly loopP99Ms: number;
  /** The most CPU time the process spent between two turns of a 1 ms timer. */
  readonly stallCpuMs: number;
  readonly health: number[];
  readonly list: number[];
}

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length
    ? sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]
    : 0;
};

/** Probes the server until `work` settles, sampling the event loop meanwhile. */
async function observe(base: string, cookie: string, work: Promise<unknown>): Promise<Window> {
  const histogram = monitorEventLoopDelay({ resolution: 5 });
  const health: number[] = [];
  const list: number[] = [];
  let done = false;
  const started = performance.now();
  histogram.enable();
  // On a loaded machine a stall is mostly waiting for a core; the CPU time spent in it is
  // what it would last on a quiet one (the process's CPU, so a little of other threads too).
  let stallCpuMs = 0;
  let lastCpu = process.cpuUsage();
  const ticker = setInterval(() => {
    const cpu = process.cpuUsage(lastCpu);
    stallCpuMs = Math.max(stallCpuMs, (cpu.user + cpu.system) / 1000);
    lastCpu = process.cpuUsage();
  }, 1);
  const probe = async (path: string, into: number[]) => {
    while (!done) {
      const at = performance.now();
      const response = await fetch(`${base}${path}`, { headers: { cookie } });
      await response.arrayBuffer();
      into.push(performance.now() - at);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  };
  const probes = [probe('/api/health', health), probe('/api/articles', list)];
  await work;
  done = true;
  await Promise.all(probes);
  clearInterval(ticker);
  histogram.disable();
  return {
    seconds: (performance.now() - started) / 1000,
    loopMaxMs: histogram.max / 1e6,
    loopP99Ms: histogram.percentile(99) / 1e6,
    stallCpuMs,
    health,
    list,
  };
}

function describe(label: string, window: Window): string {
  return (
    `${label.padEnd(10)} ${window.seconds.toFixed(1)} s: event-loop delay max ${window.loopMaxMs.toFixed(0)} ms, ` +
    `p99 ${window.loopP99Ms.toFixed(0)} ms, longest stall in CPU time ${window.stallCpuMs.toFixed(0)} ms; health p99 ${percentile(window.health, 99).toFixed(0)} ms, ` +
    `max ${Math.max(...window.health).toFixed(0)} ms (${window.health.length}); article list p99 ` +
    `${percentile(window.list, 99).toFixed(0)} ms, max ${Math.max(...window.list).toFixed(0)} ms (${window.list.length})`
  );
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-import-bench-'));
  const server = loggedFastify(
    { terminal: false, fd: openSync(join(dir, 'server.log'), 'a') },
    { ...fastifyOptions(), forceCloseConnections: true },
  );
  try {
    await server.register(app, {
      database: { engine: 'sqlite', file: join(dir, 'claimdesk.db') },
      claimsDir: null,
      staticDir: null,
      sessionHours: 1,
      loginAttempts: 1000,
      loginWindowMinutes: 15,
    });
    const base = await server.listen({ port: 0, host: '127.0.0.1' });
    await insertUser(server.db, {
      username: 'bench-editor',
      role: 'editor',
      passwordHash: await hashPassword('bench password 12345'),
    });
    const signIn = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'bench-editor', password: 'bench password 12345' }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(';')[0])
      .join('; ');
    const payload = JSON.stringify({
      source: 'file',
      file: largeArticleFile('twenty-thousand-claims'),
    });
    console.log(
      `bench:import: one editor imports ${LARGE_FILE_CLAIMS.toLocaleString('en-US')} claims ` +
        `(${(payload.length / 1e6).toFixed(1)} MB) while others read; SQLite, logging on`,
    );
    let importMs = 0;
    let indexedMs = 0;
    const importing = (async () => {
      const at = performance.now();
      const response = await fetch(`${base}/api/articles`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: payload,
      });
      await response.arrayBuffer();
      importMs = performance.now() - at;
      if (response.status !== 201) throw new Error(`import answered ${response.status}`);
      // The matcher's index takes the imported claims in slices after the answer; part of
      // the import for everyone else. A match answers once the index has them all (words
      // no claim has: the match itself costs nothing).
      const match = await fetch(`${base}/api/match`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'application/json' },
        body: JSON.stringify({ text: 'zebra quokka' }),
      });
      await match.arrayBuffer();
      indexedMs = performance.now() - at;
      if (match.status !== 200) throw new Error(`match answered ${match.status}`);
    })();
    const during = await observe(base, cookie, importing);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const idle = await observe(
      base,
      cookie,
      new Promise((r) => setTimeout(r, during.seconds * 1000)),
    );
    console.log(describe('no import', idle));
    console.log(describe('import', during));
    console.log(
      `import took ${(importMs / 1000).toFixed(1)} s; the matcher had indexed its claims ` +
        `${((indexedMs - importMs) / 1000).toFixed(1)} s later (both inside the import's window)`,
    );
    const met = during.loopMaxMs < TARGET_MS;
    console.log(
      `  ${met ? 'PASS' : 'MISS'}  event-loop delay during the import < ${TARGET_MS} ms: ${during.loopMaxMs.toFixed(0)} ms ` +
        `(baseline ${idle.loopMaxMs.toFixed(0)} ms)`,
    );
  } finally {
    await server.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
