/**
 * How the report benchmark (reports.ts) measures: cases warmed up and run in alternating
 * rounds, the server's CPU time read from /proc, the server started as `npm start` would,
 * and the results as a table.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PROJECT_ROOT } from '../config';

export const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 10) || 10);
/** What-if only, never how `npm start` runs: extra Node flags for the server process. */
export const SERVER_FLAGS = (process.env['BENCH_SERVER_FLAGS'] ?? '').split(' ').filter(Boolean);

export function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CPU seconds a process has used (user + system), from /proc; null elsewhere. */
export function cpuSeconds(pid: number): number | null {
  try {
    // Fields 14 and 15 after the command name in parentheses: utime and stime, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

export interface Case {
  readonly label: string;
  readonly isRoute: boolean;
  /** Runs once; returns the bytes received and the CPU seconds the measured process used. */
  run(): Promise<{ bytes: number; cpu: number | null }>;
}

export interface Sample {
  readonly wall: number;
  readonly cpu: number | null;
  readonly bytes: number;
}

/** Warms every case up, then runs them RUNS times in alternating order. */
export async function measure(cases: readonly Case[]): Promise<Map<string, Sample[]>> {
  const samples = new Map(cases.map((c) => [c.label, [] as Sample[]]));
  for (const c of cases) {
    await c.run();
  }
  for (let run = 0; run < RUNS; run++) {
    // Alternate the order, so that a burst of load elsewhere does not fall on one case.
    for (const c of run % 2 === 0 ? cases : [...cases].reverse()) {
      const started = performance.now();
      const { bytes, cpu } = await c.run();
      samples.get(c.label)?.push({ wall: performance.now() - started, cpu, bytes });
    }
  }
  return samples;
}

/** Starts `server.ts` on the database, on a free port; resolves with its address. */
export async function startServer(
  databaseFile: string,
  emptyDir: string,
): Promise<{
  child: ChildProcess;
  url: string;
}> {
  const child = spawn(
    process.execPath,
    [...SERVER_FLAGS, '--import', 'tsx', join(PROJECT_ROOT, 'server/server.ts')],
    {
      cwd: PROJECT_ROOT,
      env: {
        ...process.env,
        PORT: '0',
        HOST: '127.0.0.1',
        CLAIMDESK_DB: databaseFile,
        CLAIMDESK_CLAIMS_DIR: emptyDir,
        CLAIMDESK_STATIC_DIR: emptyDir,
        CLAIMDESK_ORG_NAME: 'Benchmark Gazette fact-check desk',
        LOG_LEVEL: 'error',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    },
  );
  const url = await new Promise<string>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(output);
      if (match) {
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`server exited (${code}): ${output}`)));
  });
  return { child, url };
}

export function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, j) => cell.padEnd(widths[j])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}
