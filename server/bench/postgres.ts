/**
 * The PostgreSQL server of the benchmark's PostgreSQL run. BENCH_DATABASE_URL names one
 * (the run works in a schema of its own, dropped afterwards); else a throw-away cluster
 * is started by scripts/postgres.mjs. Unlike the test suite's (fsync off for speed), this
 * one keeps PostgreSQL's default durability, as a desk runs it: fsync on,
 * synchronous_commit on, full_page_writes on.
 */
import pg from 'pg';
import { startThrowawayPostgres } from '../../scripts/postgres.mjs';

export interface BenchPostgres {
  readonly url: string;
  /** Where it came from: the throw-away cluster's version, or BENCH_DATABASE_URL. */
  readonly origin: string;
  stop(): void;
}

export async function benchPostgres(): Promise<BenchPostgres> {
  const given = process.env['BENCH_DATABASE_URL'];
  if (given) {
    return { url: given, origin: 'BENCH_DATABASE_URL', stop: () => undefined };
  }
  const server = await startThrowawayPostgres({ durable: true }).catch((error: Error) => {
    throw new Error(`${error.message} (or leave PostgreSQL out with BENCH_ENGINES=sqlite)`);
  });
  return {
    url: server.url,
    origin: `a throw-away PostgreSQL ${server.bin.split('/').at(-2)} cluster started for the run`,
    stop: server.stop,
  };
}

/** The server's version and durability settings, for the report. */
export async function postgresSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const names = [
      'server_version',
      'fsync',
      'synchronous_commit',
      'full_page_writes',
      'wal_sync_method',
      'shared_buffers',
      'max_connections',
    ];
    const { rows } = await client.query<{ name: string; setting: string }>(
      `select name, current_setting(name) as setting from unnest($1::text[]) as name`,
      [names],
    );
    return rows.map((row) => `${row.name}=${row.setting}`).join(', ');
  } finally {
    await client.end();
  }
}
