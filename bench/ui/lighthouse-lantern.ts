/**
 * What Lighthouse's simulated phone waited for before a paint: the run's artifacts that
 * `bench:lighthouse -- --artifacts` kept, put through Lantern (Lighthouse's simulation)
 * as the audits do, printing each node of the optimistic and pessimistic graphs of the
 * metric with its simulated start and end: requests (URL, bytes) and main-thread tasks
 * (the scripts they ran, their simulated duration). The metric is their average.
 *
 *   npx tsx bench/ui/lighthouse-lantern.ts DIR [--metric=lcp|fcp] [--preset=mobile|desktop]
 */
import { defaultSettings, throttling } from 'lighthouse/core/config/constants.js';
import { LanternFirstContentfulPaint } from 'lighthouse/core/computed/metrics/lantern-first-contentful-paint.js';
import { LanternLargestContentfulPaint } from 'lighthouse/core/computed/metrics/lantern-largest-contentful-paint.js';
import { loadArtifacts } from 'lighthouse/core/lib/asset-saver.js';

interface SimNode {
  readonly type: string;
  readonly id: string;
  readonly request?: {
    readonly url: string;
    readonly transferSize: number;
    readonly priority: string;
  };
  readonly childEvents?: readonly { name: string; args?: { data?: { url?: string } } }[];
  readonly event?: { readonly dur?: number };
}

interface Estimate {
  readonly timeInMs: number;
  readonly nodeTimings: Map<SimNode, { startTime: number; endTime: number; duration: number }>;
}

function option(name: string): string | undefined {
  return process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function describe(node: SimNode): string {
  if (node.type === 'network' && node.request) {
    const { url, transferSize, priority } = node.request;
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    return `net ${path} (${(transferSize / 1024).toFixed(1)} kB, ${priority})`;
  }
  const scripts = new Set<string>();
  const kinds = new Map<string, number>();
  for (const child of node.childEvents ?? []) {
    const url = child.args?.data?.url;
    if (url) scripts.add(url.replace(/^.*\//, ''));
    kinds.set(child.name, (kinds.get(child.name) ?? 0) + 1);
  }
  const top = [...kinds.keys()]
    .filter((k) => /Evaluate|FunctionCall|Layout|Paint|Parse|Timer|Microtask|Animation/i.test(k))
    .slice(0, 4);
  return `cpu ${[...scripts].join(' ')} ${top.join(',')}`;
}

function print(label: string, estimate: Estimate): void {
  console.log(`\n${label}: ${estimate.timeInMs.toFixed(0)} ms`);
  const rows = [...estimate.nodeTimings].sort((a, b) => a[1].startTime - b[1].startTime);
  for (const [node, timing] of rows) {
    console.log(
      `${timing.startTime.toFixed(0).padStart(6)} -> ${timing.endTime.toFixed(0).padStart(6)}` +
        ` (${(timing.endTime - timing.startTime).toFixed(0).padStart(5)})  ${describe(node)}`,
    );
  }
}

async function main(): Promise<void> {
  const dir = process.argv[2];
  if (!dir) throw new Error('usage: lighthouse-lantern.ts DIR [--metric=lcp|fcp]');
  const metric = option('metric') ?? 'lcp';
  const desktop = option('preset') === 'desktop';
  const artifacts = await loadArtifacts(dir);
  const settings = {
    ...defaultSettings,
    ...(desktop ? { formFactor: 'desktop', throttling: throttling.desktopDense4G } : {}),
  };
  const data = {
    trace: artifacts.traces['defaultPass'],
    devtoolsLog: artifacts.devtoolsLogs['defaultPass'],
    gatherContext: artifacts.GatherContext,
    settings,
    URL: artifacts.URL,
  };
  const context = { computedCache: new Map(), settings };
  const computed = metric === 'fcp' ? LanternFirstContentfulPaint : LanternLargestContentfulPaint;
  const result = (await computed.request(data as never, context as never)) as unknown as {
    timing: number;
    optimisticEstimate: Estimate;
    pessimisticEstimate: Estimate;
  };
  console.log(`${metric}: ${result.timing.toFixed(0)} ms`);
  print('optimistic', result.optimisticEstimate);
  print('pessimistic', result.pessimisticEstimate);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
