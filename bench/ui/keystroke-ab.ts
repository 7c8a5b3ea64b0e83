/**
 * The search keystroke of the 10,000-claim article (issue 13) in two or more
 * builds of the app, in turn (A, B, A, B …), on one seeded database, so that
 * each build sees the same machine load. Prints each session's spread with the
 * 1-minute load average beside it.
 *
 *   npx tsx bench/ui/keystroke-ab.ts --app=OLD/browser --app=NEW/browser [--rounds=2] [--keys=200] [--trace]
 *
 * A build is made with `npx ng build --output-path DIR && node scripts/finish-build.mjs DIR/browser`.
 * Each session opens the article in a fresh tab, types and erases a warm-up word
 * (not counted), then the planned words (keys.ts `planWords`), timed as
 * `bench:ui` times them (typing.ts). --trace records a Chrome trace of the keys
 * and adds the main thread's CPU time from each keydown to its result in the
 * DOM (key-cpu.ts): the wall clock's figure without the waits for a core.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import type { Browser } from '@playwright/test';
import {
  expectationFor,
  fullStatus,
  launchBrowser,
  log,
  newContext,
  openWorkspace,
  type RunningServer,
  signIn,
  startServer,
  stopServer,
  summarise,
  type Summary,
  typeSteps,
} from './harness';
import { startKeyTrace, stopKeyTrace } from './key-cpu';
import { planWords, type Step } from './keys';
import { HUGE_ARTICLE_CLAIMS, seedDatabase } from './seed';

const option = (name: string) =>
  process.argv.find((arg) => arg.startsWith(`--${name}=`))?.slice(name.length + 3);

const ms = (value: number) => value.toFixed(1).padStart(6);
const spread = (s: Summary) => `p50 ${ms(s.p50)}  p95 ${ms(s.p95)}  max ${ms(s.max)}  (n ${s.n})`;

/** On a loaded machine a plugin may miss Fastify's start-up time limit: try again. */
async function startWithRetries(
  options: Parameters<typeof startServer>[0],
  attempts = 3,
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startServer(options);
    } catch (error) {
      if (attempt >= attempts) throw error;
      log(`the server did not start (attempt ${attempt}); trying again …`);
    }
  }
}

async function main(): Promise<void> {
  const apps = process.argv
    .filter((arg) => arg.startsWith('--app='))
    .map((arg) => resolve(arg.slice('--app='.length)));
  const rounds = Number(option('rounds') ?? 2);
  const keyCount = Number(option('keys') ?? 200);
  const trace = process.argv.includes('--trace');
  if (apps.length === 0) {
    process.stdout.write('usage: npx tsx bench/ui/keystroke-ab.ts --app=DIR --app=DIR …\n');
    return;
  }
  const temp = mkdtempSync(join(tmpdir(), 'claimdesk-keystroke-ab-'));
  const servers: RunningServer[] = [];
  let browser: Browser | null = null;
  try {
    log('seeding 20,000 claims (a 10,000-claim article among them) …');
    const databaseFile = join(temp, 'claimdesk.db');
    const seeded = await seedDatabase(databaseFile);
    log(`planning ${keyCount} keys …`);
    const plan = planWords(seeded.hugeClaims, keyCount);
    for (const staticDir of apps) {
      const claimsDir = mkdtempSync(join(temp, 'claims-'));
      servers.push(await startWithRetries({ databaseFile, claimsDir, staticDir }));
    }
    browser = await launchBrowser();
    const expectation = expectationFor(HUGE_ARTICLE_CLAIMS);
    for (let round = 1; round <= rounds; round++) {
      for (const [i, server] of servers.entries()) {
        const session = await signIn(browser, server.url);
        const context = await newContext(browser, session);
        const url = `${server.url}/articles/${seeded.hugeArticleId}`;
        const page = await openWorkspace(context, url, fullStatus(HUGE_ARTICLE_CLAIMS));
        await typeSteps(page, plan.warmUp, expectation);
        const before = loadavg()[0];
        if (trace) await startKeyTrace(browser, page);
        const keys = await typeSteps(page, plan.measured, expectation);
        const cpu = trace
          ? await stopKeyTrace(
              browser,
              keys.map((k) => k.dom),
            )
          : [];
        const after = loadavg()[0];
        await context.close();
        await session.close();
        // Keys by what they ask of the search: the first letter of a word searches every
        // claim afresh, the last Backspace of a word brings the whole list back.
        const kinds: [string, (step: Step) => boolean][] = [
          ['typed', (step) => step.key !== 'Backspace'],
          ['… first letters', (step) => step.key !== 'Backspace' && step.query.length === 1],
          ['erased', (step) => step.key === 'Backspace'],
          ['… to empty', (step) => step.key === 'Backspace' && step.query === ''],
        ];
        const rows = (label: string, values: (i: number) => number) =>
          `  ${label.padEnd(24)} every key: ${spread(summarise(keys.map((_, k) => values(k))))}\n` +
          kinds
            .map(([kind, test]) => {
              const picked = keys.flatMap((key, k) => (test(key.step) ? [values(k)] : []));
              return `  ${''.padEnd(24)} ${kind.padStart(15)}: ${spread(summarise(picked))}\n`;
            })
            .join('');
        process.stdout.write(
          `round ${round}, ${apps[i]} (load ${before.toFixed(1)}–${after.toFixed(1)})\n` +
            rows('keydown → DOM', (k) => keys[k].dom) +
            `  keydown → painted:        ${spread(summarise(keys.map((k) => k.painted)))}\n` +
            (trace ? rows('CPU keydown → DOM', (k) => cpu[k]) : ''),
        );
      }
    }
    const warm = plan.warmUp.reduce(
      (w, step) => (step.query.length > w.length ? step.query : w),
      '',
    );
    process.stdout.write(
      `\nwords: ${plan.words.join(', ')}; warm-up word (not counted): ${warm}\n`,
    );
  } finally {
    await browser?.close().catch(() => undefined);
    for (const server of servers) await stopServer(server);
    rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  process.stderr.write(`[keystroke-ab] failed: ${message}\n`);
  process.exit(1);
});
