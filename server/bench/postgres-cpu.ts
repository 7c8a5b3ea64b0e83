/**
 * The CPU time a local PostgreSQL cluster has used, for `bench:api`'s PostgreSQL run: a
 * write's cost to the database beside its cost to the app, steadier than a rate on a
 * shared machine. Read from /proc: the postmaster (the parent of a backend of ours), the
 * children it has reaped (backends and workers that ended) and those alive. Null when
 * the cluster is not on this machine or /proc cannot say.
 */
import { readdirSync, readFileSync } from 'node:fs';
import pg from 'pg';

/** CPU microseconds used so far by the cluster's processes. */
export type ClusterCpu = () => number;

const TICK_MICROS = 1e6 / 100; // USER_HZ on Linux

/** Fields of /proc/PID/stat after the command's closing parenthesis, or null. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

function clusterCpu(postmaster: number): number {
  const own = statFields(postmaster);
  if (!own) return NaN;
  // After ")": state(0) ppid(1) ... utime(11) stime(12) cutime(13) cstime(14).
  let ticks = Number(own[11]) + Number(own[12]) + Number(own[13]) + Number(own[14]);
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    const fields = statFields(pid);
    if (fields && Number(fields[1]) === postmaster) {
      ticks += Number(fields[11]) + Number(fields[12]);
    }
  }
  return ticks * TICK_MICROS;
}

export async function postgresCpuReader(url: string): Promise<ClusterCpu | null> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ pid: number }>('select pg_backend_pid() as pid');
    const backend = statFields(rows[0].pid);
    const postmaster = Number(backend?.[1]);
    return backend && Number.isFinite(clusterCpu(postmaster)) ? () => clusterCpu(postmaster) : null;
  } catch {
    // Not local, or no /proc: the report goes without the figure.
    return null;
  } finally {
    await client.end();
  }
}
