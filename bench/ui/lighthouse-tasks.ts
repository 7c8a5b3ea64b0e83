/**
 * The main thread's long tasks in a trace that `bench:lighthouse -- --traces` kept: what
 * each task above a threshold spent its time on (self time by trace event, with the script
 * or timer behind it), and when the first and largest contentful paints were observed.
 * Lighthouse's mobile preset multiplies each task's duration by 4, and counts what exceeds
 * 50 ms as total blocking time: tasks of 12.5 ms or more here are the ones that count.
 * Thread time (`cpu`) is printed beside wall time, since a busy machine stretches the latter.
 *
 *   npx tsx bench/ui/lighthouse-tasks.ts FILE.trace.json [--min=12.5]
 */
import { readFileSync } from 'node:fs';

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly ts: number;
  readonly dur?: number;
  readonly tdur?: number;
  readonly pid: number;
  readonly tid: number;
  readonly args?: { readonly data?: Record<string, unknown>; readonly name?: string };
}

interface Span {
  readonly event: TraceEvent;
  readonly start: number;
  readonly end: number;
}

const TASK_NAMES = new Set(['RunTask', 'ThreadControllerImpl::RunTask']);

function mainThread(events: readonly TraceEvent[]): { pid: number; tid: number } {
  const names = events.filter((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain');
  let best = { pid: 0, tid: 0, count: -1 };
  for (const thread of names) {
    const count = events.filter(
      (e) => e.pid === thread.pid && e.tid === thread.tid && TASK_NAMES.has(e.name),
    ).length;
    if (count > best.count) best = { pid: thread.pid, tid: thread.tid, count };
  }
  return best;
}

/** What an event was about: the script's file, the timer or the event's type. */
function detail(event: TraceEvent): string {
  const data = event.args?.data ?? {};
  const url = typeof data['url'] === 'string' ? (data['url'] as string).replace(/^.*\//, '') : '';
  const fn = typeof data['functionName'] === 'string' ? (data['functionName'] as string) : '';
  const type = typeof data['type'] === 'string' ? (data['type'] as string) : '';
  return [event.name, url, fn, type].filter(Boolean).join(' ');
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: lighthouse-tasks.ts FILE.trace.json [--min=12.5]');
  const min = Number(process.argv.find((a) => a.startsWith('--min='))?.slice(6) ?? 12.5);
  const trace = JSON.parse(readFileSync(file, 'utf8')) as { traceEvents: TraceEvent[] };
  const events = trace.traceEvents;
  const { pid, tid } = mainThread(events);
  const navigation = events.find((e) => e.name === 'navigationStart' && e.pid === pid);
  const origin = navigation?.ts ?? Math.min(...events.filter((e) => e.ts > 0).map((e) => e.ts));
  const ms = (us: number) => (us / 1000).toFixed(1);
  for (const name of ['firstContentfulPaint', 'largestContentfulPaint::Candidate']) {
    for (const e of events.filter((x) => x.name === name && x.pid === pid)) {
      const data = e.args?.data ?? {};
      const size = data['size'] ? ` size ${data['size']} type ${data['type'] ?? ''}` : '';
      console.log(`${name} at ${ms(e.ts - origin)} ms${size}`);
    }
  }
  const spans: Span[] = events
    .filter((e) => e.pid === pid && e.tid === tid && e.ph === 'X' && e.dur !== undefined)
    .map((e) => ({ event: e, start: e.ts, end: e.ts + (e.dur ?? 0) }))
    .sort((a, b) => a.start - b.start || b.end - a.end);
  const tasks = spans.filter((s) => TASK_NAMES.has(s.event.name));
  let blocking = 0;
  let blockingCpu = 0;
  for (const task of tasks) {
    blockingCpu += Math.max(0, ((task.event.tdur ?? 0) / 1000) * 4 - 50);
    const wall = (task.end - task.start) / 1000;
    if (wall < min) continue;
    blocking += Math.max(0, wall * 4 - 50);
    const inside = spans.filter(
      (s) =>
        s !== task && s.start >= task.start && s.end <= task.end && !TASK_NAMES.has(s.event.name),
    );
    // Self time per event: its duration less its direct children's (spans sorted by start,
    // the longer first, so each one's parent is the innermost open span that contains it).
    const selfTimes = new Map<Span, number>();
    const open: Span[] = [];
    for (const span of inside) {
      while (open.length > 0 && open[open.length - 1].end <= span.start) open.pop();
      const parent = open[open.length - 1];
      if (parent && span.end <= parent.end) {
        selfTimes.set(parent, (selfTimes.get(parent) ?? 0) - (span.end - span.start));
      }
      selfTimes.set(span, (selfTimes.get(span) ?? 0) + (span.end - span.start));
      open.push(span);
    }
    const self = new Map<string, number>();
    for (const [span, us] of selfTimes) {
      const key = detail(span.event);
      self.set(key, (self.get(key) ?? 0) + Math.max(0, us));
    }
    const cpu = (task.event.tdur ?? 0) / 1000;
    console.log(
      `\ntask at ${ms(task.start - origin)} ms: ${wall.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms cpu`,
    );
    for (const [key, us] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 8)) {
      if (us >= 500) console.log(`  ${ms(us).padStart(7)}  ${key}`);
    }
  }
  console.log(
    `\nblocking time if each task ×4: ${blocking.toFixed(0)} ms (wall), ${blockingCpu.toFixed(0)} ms (thread time)`,
  );
}

main();
