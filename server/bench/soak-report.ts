/** The soak benchmark's bookkeeping: what each minute saw, and the goals checked on it. */
import type { MemorySample } from './soak-protocol';

export interface Minute {
  readonly requests: number;
  readonly failures: number;
  /** The first few failures' descriptions, for a reader to go on. */
  readonly failureSamples: readonly string[];
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly eventBytes: number;
  /** The server's memory at the minute's end, in MiB; null if it never reported. */
  readonly rssMiB: number | null;
  readonly heapUsedMiB: number | null;
}

export interface SoakCheck {
  readonly name: string;
  /** null: not applicable to a run this short. */
  readonly met: boolean | null;
  readonly value: string;
}

function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

const MiB = 1024 * 1024;

export class MinuteLog {
  private latencies: number[] = [];
  private failures = 0;
  private samples: string[] = [];
  private bytes = 0;

  request(ms: number, failure: string | null): void {
    this.latencies.push(ms);
    if (failure !== null) this.failure(failure);
  }

  failure(description: string): void {
    this.failures += 1;
    if (this.samples.length < 5) this.samples.push(description);
  }

  eventBytes(count: number): void {
    this.bytes += count;
  }

  /** Ends the minute: its figures, and a fresh count for the next. */
  close(memory: MemorySample | null): Minute {
    const sorted = [...this.latencies].sort((a, b) => a - b);
    const minute: Minute = {
      requests: sorted.length,
      failures: this.failures,
      failureSamples: this.samples,
      p50Ms: percentile(sorted, 50),
      p99Ms: percentile(sorted, 99),
      eventBytes: this.bytes,
      rssMiB: memory ? memory.rss / MiB : null,
      heapUsedMiB: memory ? memory.heapUsed / MiB : null,
    };
    this.latencies = [];
    this.failures = 0;
    this.samples = [];
    this.bytes = 0;
    return minute;
  }

  static format(minute: Minute, index: number): string {
    const mem = (value: number | null) => (value === null ? '?' : value.toFixed(1));
    return (
      `minute ${String(index).padStart(2)}: RSS ${mem(minute.rssMiB)} MiB, heap ${mem(minute.heapUsedMiB)} MiB, ` +
      `${minute.requests} requests, ${minute.failures} failed, p50 ${minute.p50Ms.toFixed(1)} ms, ` +
      `p99 ${minute.p99Ms.toFixed(1)} ms, events ${(minute.eventBytes / 1024).toFixed(0)} kB` +
      (minute.failureSamples.length ? ` (${minute.failureSamples.join('; ')})` : '')
    );
  }
}

/** RSS may grow by this much after the first two minutes; p99 by this factor over minute 1. */
export const RSS_GROWTH_LIMIT = 0.15;
export const P99_GROWTH_LIMIT = 1.5;

export function soakChecks(minutes: readonly Minute[]): SoakCheck[] {
  const failures = minutes.reduce((sum, m) => sum + m.failures, 0);
  const requests = minutes.reduce((sum, m) => sum + m.requests, 0);
  const checks: SoakCheck[] = [
    {
      name: 'no request fails',
      met: failures === 0 && requests > 0,
      value: `${failures} of ${requests}`,
    },
  ];
  const first = minutes[0]?.p99Ms ?? 0;
  const worst = Math.max(...minutes.map((m) => m.p99Ms));
  checks.push({
    name: `p99 within ${P99_GROWTH_LIMIT}x the first minute's`,
    met: minutes.length < 2 ? null : worst <= P99_GROWTH_LIMIT * first,
    value: `first ${first.toFixed(1)} ms, worst ${worst.toFixed(1)} ms`,
  });
  const base = minutes[1]?.rssMiB ?? null;
  const later = minutes.slice(2).map((m) => m.rssMiB ?? 0);
  const highest = later.length ? Math.max(...later) : null;
  checks.push({
    name: `RSS grows <= ${RSS_GROWTH_LIMIT * 100}% after minute 2`,
    met: base === null || highest === null ? null : highest <= base * (1 + RSS_GROWTH_LIMIT),
    value:
      base === null || highest === null
        ? 'needs 3 minutes or more'
        : `${base.toFixed(1)} MiB -> at most ${highest.toFixed(1)} MiB (${(((highest - base) / base) * 100).toFixed(1)}%)`,
  });
  return checks;
}
