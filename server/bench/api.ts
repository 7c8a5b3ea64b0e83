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
import { writeFileSync } from 'node:fs';
import { availableParallelism, cpus, totalmem } from 'node:os';
import { dropPostgresSchema } from '../database/engine';
import { benchEngine, type EngineResult } from './api-engine';
import { CONNECTIONS, ROUNDS, SECONDS, WARMUP_SECONDS } from './api-settings';
import { benchPostgres, postgresSettings } from './postgres';

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
