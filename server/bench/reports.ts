/**
 * `npm run bench:reports`: how long the report route takes for one article of
 * 10,000 claims, in every format, against the target of under a second.
 *
 * The article is the API benchmark's generated articles 0–199 (seed.ts) joined
 * into one text, each claim given a workflow's worth of data: half of them
 * approved with a verdict, two evidence links, a note (every tenth also a
 * deleted one) and the history entries those changes write: 10,000 claims,
 * 20,000 evidence links, 11,000 notes, 61,000 history entries. Stored with the
 * repositories in one transaction on a throwaway database. The text is about
 * 700,000 characters, past the article file format's 200,000 cap: this
 * measures report generation, not a realistic article.
 *
 * The real server (`server.ts`, its own process) serves the database; this
 * process downloads each format over loopback, to the last byte, after a
 * warm-up, in alternating rounds. Besides wall time it reads the server's CPU
 * time from /proc (10 ms steps), which a busy shared machine inflates less.
 * The loader alone is timed in this process before the server starts.
 *
 * Environment:
 *   BENCH_RUNS           timed runs per case (default 10)
 *   BENCH_SERVER_FLAGS   extra Node flags for the server process, to size a change
 *                        (e.g. --max-semi-space-size=64); printed above the results
 */
import { type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { hashPassword } from '../auth/password';
import { migrateToLatest } from '../database/migrations';
import { openDatabase } from '../database/engine';
import { insertUser } from '../repositories/users';
import { loadReport } from '../reports/article-export';
import {
  type Case,
  cpuSeconds,
  measure,
  percentile,
  RUNS,
  SERVER_FLAGS,
  startServer,
  table,
} from './reports-measure';
import { ARTICLE_ID, CLAIMS, seed } from './reports-seed';

const TARGET_MS = 1000;
const USERNAME = 'bench-editor';
const PASSWORD = 'bench password 12345';

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-reports-'));
  const emptyDir = join(dir, 'empty');
  mkdirSync(emptyDir);
  const databaseFile = join(dir, 'claimdesk.db');
  let server: ChildProcess | undefined;
  try {
    const db = await openDatabase({ engine: 'sqlite', file: databaseFile });
    const seedStart = performance.now();
    try {
      await migrateToLatest(db);
      await seed(db);
      await insertUser(db, {
        username: USERNAME,
        role: 'editor',
        passwordHash: await hashPassword(PASSWORD),
      });
      const counts = await db
        .selectFrom('claims')
        .select(({ fn }) => fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      if (Number(counts.n) !== CLAIMS) {
        throw new Error(`seeded ${counts.n} claims, not ${CLAIMS}`);
      }
    } catch (error) {
      await db.destroy();
      throw error;
    }
    const seedMs = performance.now() - seedStart;
    console.log(
      `Report benchmark: one article of ${CLAIMS.toLocaleString('en-US')} claims ` +
        `(seeded in ${(seedMs / 1000).toFixed(1)} s), ${RUNS} timed runs per case, ` +
        `Node ${process.version}, ${availableParallelism()} CPUs (${cpus()[0]?.model ?? 'unknown'}), ` +
        `load average ${loadavg()[0].toFixed(2)}` +
        (SERVER_FLAGS.length ? `\nWHAT-IF: server runs with ${SERVER_FLAGS.join(' ')}` : '') +
        '\n',
    );

    // The loader alone, in this process, before the server starts.
    const own = () => {
      const used = process.cpuUsage();
      return () => {
        const delta = process.cpuUsage(used);
        return (delta.user + delta.system) / 1e6;
      };
    };
    const loaderCases: Case[] = (['full', 'last', 'none'] as const).map((history) => ({
      label: `loadReport(), history: '${history}'`,
      isRoute: false,
      run: async () => {
        const cpu = own();
        await loadReport(db, ARTICLE_ID, { history });
        return { bytes: 0, cpu: cpu() };
      },
    }));
    const loaderSamples = await measure(loaderCases);
    await db.destroy();

    const started = await startServer(databaseFile, emptyDir);
    server = started.child;
    const signIn = await fetch(`${started.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    });
    const cookie = signIn.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .find((pair) => pair.startsWith('claimdesk_session='));
    if (signIn.status !== 200 || !cookie) {
      throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    }
    const pid = server.pid ?? -1;
    const route = (query: string): Case => ({
      label: `GET …/report?${query}`,
      isRoute: true,
      run: async () => {
        const before = cpuSeconds(pid);
        const response = await fetch(`${started.url}/api/articles/${ARTICLE_ID}/report?${query}`, {
          headers: { cookie },
        });
        const body = await response.arrayBuffer();
        const after = cpuSeconds(pid);
        if (response.status !== 200) {
          throw new Error(`${query}: ${response.status} ${Buffer.from(body).toString()}`);
        }
        return {
          bytes: body.byteLength,
          cpu: before === null || after === null ? null : after - before,
        };
      },
    });
    const routeCases = [
      ...['md', 'csv', 'json', 'claimreview', 'html'].map((format) => route(`format=${format}`)),
      route('format=md&q=spreadsheet&stage=approved'),
      route('format=csv&q=spreadsheet&sort=verdict'),
    ];
    const routeSamples = await measure(routeCases);

    const rows = [['case', 'p50 ms', 'max ms', 'CPU p50 ms', 'size', `p50 < ${TARGET_MS} ms`]];
    let allMet = true;
    for (const [c, taken] of [
      ...routeCases.map((c) => [c, routeSamples.get(c.label) ?? []] as const),
      ...loaderCases.map((c) => [c, loaderSamples.get(c.label) ?? []] as const),
    ]) {
      const wall = taken.map((x) => x.wall).sort((a, b) => a - b);
      const cpu = taken
        .flatMap((x) => (x.cpu === null ? [] : [x.cpu * 1000]))
        .sort((a, b) => a - b);
      const met = percentile(wall, 50) < TARGET_MS;
      allMet &&= !c.isRoute || met;
      rows.push([
        c.label,
        percentile(wall, 50).toFixed(0),
        wall[wall.length - 1].toFixed(0),
        cpu.length ? percentile(cpu, 50).toFixed(0) : '-',
        c.isRoute ? `${((taken[0]?.bytes ?? 0) / 1e6).toFixed(1)} MB` : '',
        c.isRoute ? (met ? 'PASS' : 'MISS') : '',
      ]);
    }
    console.log(table(rows));
    console.log(
      `\nTarget, every format in under ${TARGET_MS} ms (p50 of ${RUNS}): ` +
        `${allMet ? 'PASS' : 'MISS'} (load average ${loadavg()[0].toFixed(2)} after)`,
    );
  } finally {
    server?.kill('SIGTERM');
    if (server && server.exitCode === null) {
      await new Promise((resolve) => server?.once('exit', resolve));
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
