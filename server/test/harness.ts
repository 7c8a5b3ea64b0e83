/** A Claimdesk app on a throwaway database, with signed-in users, for app.inject() tests. */
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import Fastify, { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import type { ClaimSummary } from '../../src/domain/claim';
import type { Role, Stage } from '../../src/domain/workflow';
import app from '../app';
import { hashPassword } from '../auth/password';
import { type DatabaseTarget, dropPostgresSchema } from '../database/engine';
import { fastifyOptions, PROJECT_ROOT, type TrustProxy } from '../config';
import { insertUser } from '../repositories/users';
import type { WebhookTimings } from '../webhooks/worker';

export const SEED_ARTICLE = 'putin-north-korea-visit';
export const PASSWORD = 'correct horse battery';

let passwordHash: Promise<string> | undefined;

/**
 * PASSWORD's scrypt hash, made once per test process and given to every user the tests
 * add: scrypt is slow on purpose (50-90 ms of CPU a hash), and each app's cast would pay
 * it five times. Sign-in still verifies it with scrypt, as for any stored hash.
 */
export function passwordHashForTests(): Promise<string> {
  passwordHash ??= hashPassword(PASSWORD);
  return passwordHash;
}

export interface Harness {
  readonly app: FastifyInstance;
  readonly dir: string;
  readonly dbFile: string;
  /** Cookie header per username signed in with `signIn`. */
  readonly cookies: Map<string, string>;
  addUser(username: string, role: Role): Promise<void>;
  signIn(username: string): Promise<string>;
  /** A request as `username` (JSON body, session cookie). */
  as(username: string, options: InjectOptions): Promise<LightMyRequestResponse>;
  /** Puts a claim into a stage directly, for tests of what happens from there. */
  setStage(claimId: string, stage: Stage, extra?: Record<string, unknown>): Promise<void>;
  close(): Promise<void>;
}

export interface StartOptions {
  dir?: string;
  claimsDir?: string | null;
  /** A built dashboard to serve, as server.ts does; none by default. */
  staticDir?: string | null;
  loginAttempts?: number;
  sessionHours?: number;
  trustProxy?: TrustProxy;
  streamSessionCheckMs?: number;
  /** The webhook worker's timings (server/webhooks/worker.ts), shortened by its tests. */
  webhookTimings?: Partial<WebhookTimings>;
  /**
   * WEBHOOKS_ALLOW_PRIVATE_NETWORK: on here unless a test says otherwise, since the tests'
   * receivers listen on 127.0.0.1.
   */
  webhooksAllowPrivateNetwork?: boolean;
  /** The due reminders' clock (ms between runs); off unless a test asks for it. */
  dueReminderMs?: number;
  /** CLAIMDESK_PUBLIC_URL: the address links in reports and webhook deliveries point to. */
  publicUrl?: string;
  /** SQLite even when TEST_DATABASE_URL is set: for tests that compare the two engines. */
  sqlite?: boolean;
}

/**
 * The database of a test app whose files live in `dir`: SQLite in it, or, when
 * TEST_DATABASE_URL is set (`npm test` runs the server suite once more on a
 * throw-away PostgreSQL), a PostgreSQL schema named after `dir`, so that an app
 * restarted on the same dir finds its data again.
 */
export function testDatabase(dir: string): DatabaseTarget {
  const url = process.env['TEST_DATABASE_URL'];
  if (url) {
    return { engine: 'postgres', url, schema: testSchema(dir), poolSize: 4 };
  }
  return { engine: 'sqlite', file: join(dir, 'claimdesk.db') };
}

export function testSchema(dir: string): string {
  return `test_${createHash('sha256').update(dir).digest('hex').slice(0, 20)}`;
}

/** The environment that points a server process at the test database of `dir`. */
export function testDatabaseEnv(dir: string): Record<string, string> {
  const target = testDatabase(dir);
  return target.engine === 'sqlite'
    ? { CLAIMDESK_DB: target.file }
    : { DATABASE_URL: target.url, DATABASE_SCHEMA: target.schema ?? '' };
}

/**
 * A folder for apps that share one database: an app started again, or several on one
 * PostgreSQL database. `startApp({ dir })` leaves it; `removeTestDir` removes it.
 */
export function makeTestDir(name: string): string {
  return mkdtempSync(join(tmpdir(), `claimdesk-${name}-`));
}

/** Removes a test folder and its database (the PostgreSQL schema named after it). */
export async function removeTestDir(dir: string): Promise<void> {
  rmSync(dir, { recursive: true, force: true });
  const target = testDatabase(dir);
  if (target.engine === 'postgres' && target.schema) {
    await dropPostgresSchema(target.url, target.schema);
  }
}

/** A database that several apps of one describe block share (see `sharedDatabase`). */
export interface SharedDatabase {
  /** The apps' folder, once the block's `before` has run. */
  readonly dir: string;
  /** PostgreSQL, which several processes may share, rather than SQLite (one process's). */
  readonly postgres: boolean;
  /** Starts an app on the shared database; it is closed after the block at the latest. */
  start(options?: Omit<StartOptions, 'dir'>): Promise<Harness>;
  /** Closes the apps started so far: one started next finds their data. */
  closeApps(): Promise<void>;
}

/**
 * For the tests of apps started again, or side by side, on one database: the folder
 * is made before the block's tests; after them its apps are closed and the folder and
 * its database removed. Call it in the block's body.
 */
export function sharedDatabase(name: string): SharedDatabase {
  let dir: string | undefined;
  const apps: Harness[] = [];
  before(() => {
    dir = makeTestDir(name);
  });
  after(async () => {
    await Promise.all(apps.splice(0).map((app) => app.close()));
    if (dir) await removeTestDir(dir);
  });
  const shared: SharedDatabase = {
    get dir() {
      if (!dir) throw new Error('the shared database is made in the describe block’s before hook');
      return dir;
    },
    postgres: testDatabase('probe').engine === 'postgres',
    async start(options = {}) {
      const app = await startApp({ ...options, dir: shared.dir });
      apps.push(app);
      return app;
    },
    async closeApps() {
      await Promise.all(apps.splice(0).map((app) => app.close()));
    },
  };
  return shared;
}

export async function startApp(options: StartOptions = {}): Promise<Harness> {
  const dir = options.dir ?? mkdtempSync(join(tmpdir(), 'claimdesk-test-'));
  const dbFile = join(dir, 'claimdesk.db');
  // As server.ts builds it: the same validators, limits and problem documents.
  // TEST_LOG=1 prints the errors the app logs (a 500's cause); quiet by default.
  const instance = Fastify({
    ...fastifyOptions(options.trustProxy),
    logger: process.env['TEST_LOG'] ? { level: 'error' } : false,
  });
  await instance.register(app, {
    database: options.sqlite ? { engine: 'sqlite', file: dbFile } : testDatabase(dir),
    claimsDir: options.claimsDir === undefined ? join(PROJECT_ROOT, 'claims') : options.claimsDir,
    staticDir: options.staticDir ?? null,
    sessionHours: options.sessionHours ?? 1,
    loginAttempts: options.loginAttempts ?? 5,
    loginWindowMinutes: 15,
    streamSessionCheckMs: options.streamSessionCheckMs,
    webhookTimings: options.webhookTimings,
    webhooksAllowPrivateNetwork: options.webhooksAllowPrivateNetwork ?? true,
    dueReminderMs: options.dueReminderMs ?? 0,
    publicUrl: options.publicUrl,
  });
  await instance.ready();
  const cookies = new Map<string, string>();

  const harness: Harness = {
    app: instance,
    dir,
    dbFile,
    cookies,
    async addUser(username, role) {
      await insertUser(instance.db, { username, role, passwordHash: await passwordHashForTests() });
    },
    async signIn(username) {
      const response = await instance.inject({
        method: 'POST',
        url: '/api/session',
        payload: { username, password: PASSWORD },
      });
      if (response.statusCode !== 200) {
        throw new Error(`sign-in of ${username} failed: ${response.body}`);
      }
      const cookie = response.cookies.find((c) => c.name === 'claimdesk_session');
      if (!cookie) {
        throw new Error('no session cookie');
      }
      const header = `claimdesk_session=${cookie.value}`;
      cookies.set(username, header);
      return header;
    },
    async as(username, injectOptions) {
      const cookie = cookies.get(username) ?? (await harness.signIn(username));
      return instance.inject({
        ...injectOptions,
        headers: { ...(injectOptions.headers ?? {}), cookie },
      });
    },
    async setStage(claimId, stage, extra = {}) {
      await instance.db
        .updateTable('claims')
        .set({ stage, ...extra })
        .where('id', '=', claimId)
        .execute();
    },
    async close() {
      await instance.close();
      if (!options.dir) {
        await removeTestDir(dir);
      }
    },
  };
  return harness;
}

/** The standard cast: a checker, two editors and an admin, all signed in lazily. */
export async function withCast(harness: Harness): Promise<void> {
  await harness.addUser('casey', 'fact_checker');
  await harness.addUser('robin', 'fact_checker');
  await harness.addUser('dana', 'editor');
  await harness.addUser('eli', 'editor');
  await harness.addUser('ada', 'admin');
}

/** The seed article's claims, in the article's order, as `username` lists them. */
export async function seedClaims(h: Harness, username = 'casey'): Promise<ClaimSummary[]> {
  const response = await h.as(username, { url: `/api/articles/${SEED_ARTICLE}/claims` });
  if (response.statusCode !== 200) {
    throw new Error(`the seed claims: ${response.statusCode} ${response.body}`);
  }
  return json<ClaimSummary[]>(response);
}

export function json<T>(response: LightMyRequestResponse): T {
  return JSON.parse(response.body) as T;
}

/** The real server in a process of its own, for the tests that kill it. */
export interface ServerProcess {
  readonly address: string;
  readonly child: ChildProcess;
  /** Settles when the process has exited. */
  readonly exited: Promise<unknown>;
  /** The session cookie of `casey` (the cast's fact-checker). */
  readonly cookie: string;
  /** The seed article's claims, as casey sees them. */
  readonly claims: ClaimSummary[];
}

/**
 * Starts server/server.ts on the database in `dir` (set up with `withCast`
 * beforehand), waits until it listens and signs casey in.
 */
export async function spawnServer(dir: string): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/server.ts'], {
    cwd: PROJECT_ROOT,
    env: {
      ...process.env,
      PORT: '0',
      ...testDatabaseEnv(dir),
      LOG_LEVEL: 'warn',
      CLAIMDESK_STATIC_DIR: dir,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise((resolve) => child.once('exit', resolve));
  const address = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /running at (http:\/\/\S+)/.exec(out);
      if (match) resolve(match[1]);
    });
    child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
  });
  const login = await fetch(`${address}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'casey', password: PASSWORD }),
  });
  const cookie = (login.headers.get('set-cookie') ?? '').split(';')[0];
  const claims = (await (
    await fetch(`${address}/api/articles/${SEED_ARTICLE}/claims`, { headers: { cookie } })
  ).json()) as ClaimSummary[];
  return { address, child, exited, cookie, claims };
}
