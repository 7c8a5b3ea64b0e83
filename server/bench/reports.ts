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
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kysely } from 'kysely';
import type { ClaimKind, Heading } from '../../src/domain/claim';
import { VERDICTS } from '../../src/domain/verdicts';
import { hashPassword } from '../auth/password';
import { PROJECT_ROOT } from '../config';
import { migrateToLatest } from '../database/migrations';
import type { Database } from '../database/schema';
import { openDatabase } from '../database/engine';
import { insertArticle } from '../repositories/articles';
import { insertClaim } from '../repositories/claims';
import { recordHistory } from '../repositories/history';
import { insertEvidence } from '../repositories/evidence';
import { insertNote, tombstoneNote } from '../repositories/notes';
import { insertUser } from '../repositories/users';
import { loadReport } from '../reports/article-export';
import { generateArticle } from './seed';

const ARTICLE_ID = 'newsroom-10000';
const PARTS = 200;
const CLAIMS = 10_000;
const TARGET_MS = 1000;
const USERNAME = 'bench-editor';
const PASSWORD = 'bench password 12345';
const RUNS = Math.max(1, Number(process.env['BENCH_RUNS'] ?? 10) || 10);
/** What-if only, never how `npm start` runs: extra Node flags for the server process. */
const SERVER_FLAGS = (process.env['BENCH_SERVER_FLAGS'] ?? '').split(' ').filter(Boolean);

/** One timestamp per second of a fixed day, so every run stores the same data. */
function at(second: number): string {
  return new Date(Date.UTC(2026, 0, 5, 9) + second * 1000).toISOString();
}

async function seed(db: Kysely<Database>): Promise<void> {
  const texts: string[] = [];
  const headings: Heading[] = [];
  const parts = Array.from({ length: PARTS }, (_, i) => generateArticle(i));
  let offset = 0;
  let line = 0;
  const claims: {
    id: string;
    quote: string;
    start: number;
    end: number;
    statement: string;
    kind: ClaimKind;
  }[] = [];
  for (const [index, part] of parts.entries()) {
    if (index > 0) {
      texts.push('\n\n');
      offset += 2;
      line += 2;
    }
    for (const heading of part.article.headings) {
      headings.push({
        ...heading,
        line: heading.line + line,
        start: heading.start + offset,
        end: heading.end + offset,
      });
    }
    for (const claim of part.claims) {
      claims.push({
        id: `r-${String(claims.length).padStart(5, '0')}`,
        quote: claim.quote,
        start: claim.start + offset,
        end: claim.end + offset,
        statement: claim.statement,
        kind: claim.kind,
      });
    }
    texts.push(part.article.text);
    offset += part.article.text.length;
    line += part.article.text.split('\n').length - 1;
  }
  const text = texts.join('');

  await db.transaction().execute(async (trx) => {
    await insertArticle(
      trx,
      {
        id: ARTICLE_ID,
        headline: 'City budget 2026: ten thousand claims checked',
        outlet: 'Benchmark Gazette',
        url: 'https://news.example.org/bench/newsroom-10000',
        publishedAt: '2025-05-01',
        language: 'en',
        text,
        headings,
      },
      at(0),
      null,
    );
    for (const [i, claim] of claims.entries()) {
      if (text.slice(claim.start, claim.end) !== claim.quote) {
        throw new Error(`${claim.id}: quote not at its offsets`);
      }
      const approved = i % 2 === 0;
      const verdict = VERDICTS[i % VERDICTS.length];
      await insertClaim(
        trx,
        {
          ...claim,
          articleId: ARTICLE_ID,
          stage: approved ? 'approved' : 'researching',
          verdict,
          rationale: `Checked against the council minutes and the audited accounts (${i}).`,
          assignee: 'casey',
        },
        at(1),
        'casey',
      );
      const history = (second: number, action: string, after: Record<string, unknown> | null) =>
        recordHistory(trx, {
          claimId: claim.id,
          articleId: ARTICLE_ID,
          actor: action === 'approve' ? 'dana' : 'casey',
          action,
          before: null,
          after,
          at: at(second),
        });
      await history(1, 'import', { quote: claim.quote, statement: claim.statement });
      await history(2, 'start', { stage: 'researching' });
      for (const [n, stance] of (['refutes', 'context'] as const).entries()) {
        const evidence = {
          id: `${claim.id}-e${n}`,
          claimId: claim.id,
          url: `https://records.example.org/minutes/${i}/${n}`,
          title: `Council minutes, item ${i}.${n}`,
          publisher: 'City council',
          stance,
          sourceType: 'primary' as const,
          quote: null,
          archivedUrl: null,
          accessedAt: '2026-01-04',
          createdAt: at(3 + n),
          createdBy: 'casey',
        };
        await insertEvidence(trx, evidence);
        await history(3 + n, 'evidence_add', { id: evidence.id, url: evidence.url });
      }
      const note = {
        id: `${claim.id}-n0`,
        claimId: claim.id,
        author: 'casey',
        authorRole: 'fact_checker' as const,
        text: `Called the press office about claim ${i}; they sent the spreadsheet.`,
        createdAt: at(5),
        deletedAt: null,
        deletedBy: null,
        mentions: [],
      };
      await insertNote(trx, note);
      await history(5, 'note_add', { id: note.id, text: note.text });
      if (i % 10 === 0) {
        await insertNote(trx, { ...note, id: `${claim.id}-n1`, text: 'Wrong claim, ignore.' });
        await tombstoneNote(trx, `${claim.id}-n1`, 'dana', at(6));
        await history(6, 'note_delete', { id: `${claim.id}-n1`, deleted: true });
      }
      if (approved) {
        await history(7, 'submit', { stage: 'in_review', verdict });
        await history(8, 'approve', { stage: 'approved' });
        await trx
          .updateTable('claims')
          .set({ submitted_by: 'casey', approved_by: 'dana', approved_at: at(8) })
          .where('id', '=', claim.id)
          .execute();
      }
    }
  });
}

function percentile(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** CPU seconds a process has used (user + system), from /proc; null elsewhere. */
function cpuSeconds(pid: number): number | null {
  try {
    // Fields 14 and 15 after the command name in parentheses: utime and stime, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return null;
  }
}

interface Case {
  readonly label: string;
  readonly isRoute: boolean;
  /** Runs once; returns the bytes received and the CPU seconds the measured process used. */
  run(): Promise<{ bytes: number; cpu: number | null }>;
}

interface Sample {
  readonly wall: number;
  readonly cpu: number | null;
  readonly bytes: number;
}

/** Warms every case up, then runs them RUNS times in alternating order. */
async function measure(cases: readonly Case[]): Promise<Map<string, Sample[]>> {
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
async function startServer(
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

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  const line = (row: readonly string[]) =>
    `| ${row.map((cell, j) => cell.padEnd(widths[j])).join(' | ')} |`;
  return [
    line(rows[0]),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.slice(1).map(line),
  ].join('\n');
}

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
