/**
 * `npm run bench:soak [-- --minutes N]`: Claimdesk's memory and latency over time.
 *
 * Starts `server.ts` as `npm run server` runs it (its own logging, into a file as under a
 * process manager) on a fresh SQLite desk of 20 articles, then has 50 people work for N
 * minutes (10 by default): each keeps the event stream open and, every half second or so,
 * reads an article's claims, opens a claim, edits a rationale (If-Match), adds a note or
 * lists the articles. Once a minute it reports the server's RSS and heap, the requests,
 * failures and latency of that minute.
 *
 * The goals (issue 13): after the first two minutes RSS grows by no more than 15%, no
 * request fails, and every minute's p99 stays within 1.5 times the first minute's.
 *
 * Environment: BENCH_JSON writes the minutes and checks as JSON to this file.
 */
import { fork } from 'node:child_process';
import { mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ClaimSummary } from '../../src/domain/claim';
import { openDatabase } from '../database/engine';
import { migrateToLatest } from '../database/migrations';
import { importArticle } from '../intake/article-file';
import { SESSION_COOKIE } from '../plugins/auth';
import { createSession, insertUser } from '../repositories/users';
import { articleId, generateArticle } from './seed';
import type { MemorySample } from './soak-protocol';
import { type Minute, MinuteLog, soakChecks } from './soak-report';

const PEOPLE = 50;
const EDITORS = 15;
const ARTICLES = 20;
const THINK_MS = { min: 200, max: 800 };

function minutesArgument(): number {
  const at = process.argv.indexOf('--minutes');
  const value = at >= 0 ? Number(process.argv[at + 1]) : 10;
  if (!Number.isFinite(value) || value <= 0) {
    throw new Error(`--minutes takes a positive number, not "${process.argv[at + 1]}"`);
  }
  return value;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}

interface Person {
  readonly username: string;
  readonly cookie: string;
  /** The claims this person edits: nobody else does, so If-Match never meets a rival. */
  readonly own: { id: string; version: number }[];
}

/** A fresh desk: articles, people with sessions; closed again before the server opens it. */
async function prepareDesk(file: string): Promise<{ people: Person[]; articleIds: string[] }> {
  const db = await openDatabase({ engine: 'sqlite', file });
  try {
    await migrateToLatest(db);
    const articleIds: string[] = [];
    for (let i = 0; i < ARTICLES; i++) {
      await importArticle(db, generateArticle(i), null);
      articleIds.push(articleId(i));
    }
    const claims = await db.selectFrom('claims').select(['id', 'version']).orderBy('id').execute();
    const people: Person[] = [];
    for (let i = 0; i < PEOPLE; i++) {
      const username = `soak-${String(i).padStart(2, '0')}`;
      const user = await insertUser(db, {
        username,
        role: i < EDITORS ? 'editor' : 'fact_checker',
        passwordHash: 'not used: signed in by a session made here',
      });
      const { token } = await createSession(db, user.id, 24);
      people.push({
        username,
        cookie: `${SESSION_COOKIE}=${token}`,
        own: claims.filter((_, index) => index % PEOPLE === i).map((c) => ({ ...c })),
      });
    }
    return { people, articleIds };
  } finally {
    await db.destroy();
  }
}

const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)];
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One person's stream of changes, held open for the whole run; counts what arrives. */
async function listen(base: string, person: Person, log: MinuteLog, until: number): Promise<void> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), until - Date.now());
  try {
    const response = await fetch(`${base}/api/events`, {
      headers: { cookie: person.cookie },
      signal: controller.signal,
    });
    if (response.status !== 200 || !response.body) {
      log.failure(`event stream: ${response.status}`);
      return;
    }
    const reader = response.body.getReader();
    for (let read = await reader.read(); !read.done; read = await reader.read()) {
      log.eventBytes(read.value.length);
    }
    if (Date.now() < until - 1000) {
      log.failure('event stream ended early');
    }
  } catch (error) {
    if (!controller.signal.aborted) {
      log.failure(`event stream: ${(error as Error).message}`);
    }
  } finally {
    clearTimeout(timer);
  }
}

async function act(base: string, person: Person, articleIds: string[], log: MinuteLog) {
  const roll = Math.random();
  const started = performance.now();
  let response: Response;
  const headers = { cookie: person.cookie, 'content-type': 'application/json' };
  const claim = pick(person.own);
  if (roll < 0.6) {
    response = await fetch(`${base}/api/articles/${pick(articleIds)}/claims`, { headers });
  } else if (roll < 0.75) {
    response = await fetch(`${base}/api/claims/${claim.id}`, { headers });
  } else if (roll < 0.85) {
    response = await fetch(`${base}/api/claims/${claim.id}`, {
      method: 'PATCH',
      headers: { ...headers, 'if-match': `"${claim.version}"` },
      body: JSON.stringify({ rationale: `Checked by ${person.username} at ${Date.now()}.` }),
    });
    if (response.ok) {
      claim.version = ((await response.clone().json()) as ClaimSummary).version;
    }
  } else if (roll < 0.95) {
    response = await fetch(`${base}/api/claims/${claim.id}/notes`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ text: `Called the source (${person.username}).` }),
    });
  } else {
    response = await fetch(`${base}/api/articles`, { headers });
  }
  await response.arrayBuffer();
  log.request(
    performance.now() - started,
    response.ok ? null : `${response.status} ${response.url}`,
  );
}

async function work(
  base: string,
  person: Person,
  articleIds: string[],
  log: MinuteLog,
  until: number,
) {
  while (Date.now() < until) {
    try {
      await act(base, person, articleIds, log);
    } catch (error) {
      log.failure((error as Error).message);
    }
    await sleep(THINK_MS.min + Math.random() * (THINK_MS.max - THINK_MS.min));
  }
}

async function main(): Promise<void> {
  const minutes = minutesArgument();
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-soak-'));
  const file = join(dir, 'claimdesk.db');
  const { people, articleIds } = await prepareDesk(file);
  const port = await freePort();
  const logFd = openSync(join(dir, 'server.log'), 'a');
  const server = fork(fileURLToPath(new URL('./soak-server.ts', import.meta.url)), [], {
    execArgv: process.execArgv,
    stdio: ['ignore', logFd, logFd, 'ipc'],
    env: {
      ...process.env,
      CLAIMDESK_DB: file,
      PORT: String(port),
      HOST: '127.0.0.1',
      CLAIMDESK_CLAIMS_DIR: join(dir, 'no-claims'),
      CLAIMDESK_STATIC_DIR: join(dir, 'no-dashboard'),
      DATABASE_URL: '',
    },
  });
  let memory: MemorySample | null = null;
  server.on('message', (message: MemorySample) => {
    memory = message;
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    for (let attempt = 0; ; attempt++) {
      const up = await fetch(`${base}/api/health`).then(
        (r) => r.ok,
        () => false,
      );
      if (up) break;
      if (attempt > 600 || server.exitCode !== null) throw new Error('the server did not start');
      await sleep(100);
    }
    console.log(
      `bench:soak: ${PEOPLE} people on ${ARTICLES} articles for ${minutes} min, server.ts on ${base} (log: ${dir}/server.log)`,
    );
    const log = new MinuteLog();
    const started = Date.now();
    const until = started + minutes * 60_000;
    const minutesDone: Minute[] = [];
    const ticker = setInterval(() => {
      const minute = log.close(memory);
      minutesDone.push(minute);
      console.log(MinuteLog.format(minute, minutesDone.length));
    }, 60_000);
    await Promise.all([
      ...people.map((person) => listen(base, person, log, until)),
      ...people.map((person) => work(base, person, articleIds, log, until)),
    ]);
    clearInterval(ticker);
    if (minutesDone.length < Math.ceil(minutes - 0.01)) {
      const minute = log.close(memory);
      minutesDone.push(minute);
      console.log(MinuteLog.format(minute, minutesDone.length));
    }
    const checks = soakChecks(minutesDone);
    for (const check of checks) {
      console.log(
        `  ${check.met === null ? 'N/A ' : check.met ? 'PASS' : 'MISS'}  ${check.name}: ${check.value}`,
      );
    }
    if (process.env['BENCH_JSON']) {
      writeFileSync(
        process.env['BENCH_JSON'],
        JSON.stringify({ minutes: minutesDone, checks }, null, 2),
      );
    }
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) =>
      server.exitCode !== null ? resolve(null) : server.once('exit', resolve),
    );
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
