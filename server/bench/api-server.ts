/**
 * The server side of `npm run bench:api`, forked by api.ts so that the load
 * generator does not share the server's event loop (2-core machine: one core
 * each). Holds, in one process, the Claimdesk app on a seeded throwaway database
 * and a bare Fastify instance that answers the same routes with the app's
 * captured bytes from memory.
 */
import { mkdtempSync, openSync, rmSync } from 'node:fs';
import { get as httpGet } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from 'fastify';
import { sql } from 'kysely';
import app from '../app';
import { hashPassword } from '../auth/password';
import { databaseFromEnv, fastifyOptions } from '../config';
import { groupCommitDefaults } from '../database/group-commit';
import { importArticle } from '../intake/article-file';
import { loggedFastify } from '../logging';
import { SESSION_COOKIE } from '../plugins/auth';
import { insertUser } from '../repositories/users';
import {
  BROWSER_ACCEPT_ENCODING,
  type DriverClose,
  type DriverCpu,
  type ServerMessage,
  type ServerReady,
} from './protocol';
import { DESK_ARTICLES, DESK_CLAIMS, seedDesk } from './desk-seed';
import { articleId, CLAIMS_PER_ARTICLE, claimId, generateArticle } from './seed';

const ARTICLES = 200;
const USERNAME = 'bench-editor';
const PASSWORD = 'bench password 12345';

interface Captured {
  readonly status: number;
  readonly type: string;
  readonly body: Buffer;
  /** Content-Encoding and Vary as the app sent them, for the bare route to send too. */
  readonly encoding?: string;
  readonly vary?: string;
}

/**
 * BENCH_WHATIF: measure a change without making it, to size a fix. Never the
 * shipped configuration; the driver prints it above the results.
 *   sync-normal      PRAGMA synchronous = NORMAL (WAL: no fsync per commit)
 *   no-group-commit  one COMMIT (one fsync) per transaction, as before group commit
 */
const WHAT_IF = new Set(
  (process.env['BENCH_WHATIF'] ?? '')
    .split(',')
    .map((item) => item.trim())
    .filter(Boolean),
);

function send(message: ServerMessage): void {
  // The driver may be gone already (Ctrl-C reaches both processes): nothing to tell then.
  if (process.connected) {
    process.send?.(message, undefined, undefined, () => undefined);
  }
}

async function capture(url: string, init: RequestInit & { expect: number }): Promise<Captured> {
  const response = await fetch(url, init);
  const body = Buffer.from(await response.arrayBuffer());
  if (response.status !== init.expect) {
    throw new Error(`${init.method ?? 'GET'} ${url}: ${response.status} ${body.toString()}`);
  }
  return { status: response.status, type: response.headers.get('content-type') ?? '', body };
}

/**
 * The bytes as they came over the wire (fetch would decompress them): for a request that
 * says what a browser says about compression.
 */
function captureRaw(url: string, headers: Record<string, string>): Promise<Captured> {
  return new Promise((resolve, reject) => {
    const request = httpGet(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', reject);
      response.on('end', () => {
        const body = Buffer.concat(chunks);
        if (response.statusCode !== 200) {
          reject(new Error(`GET ${url}: ${response.statusCode} ${body.toString()}`));
          return;
        }
        const header = (name: string) => {
          const value = response.headers[name];
          return typeof value === 'string' ? value : undefined;
        };
        resolve({
          status: 200,
          type: header('content-type') ?? '',
          body,
          encoding: header('content-encoding'),
          vary: header('vary'),
        });
      });
    });
    request.on('error', reject);
  });
}

/** A Fastify instance with no plugins: the cost of HTTP and routing alone. */
function bareServer(routes: {
  read: Captured;
  patch: Captured;
  note: Captured;
  desk: Captured;
  articles: Captured;
}): FastifyInstance {
  const bare = Fastify({ logger: false, forceCloseConnections: true });
  const serve = (captured: Captured) => (_request: FastifyRequest, reply: FastifyReply) => {
    reply.code(captured.status).type(captured.type);
    if (captured.encoding) reply.header('content-encoding', captured.encoding);
    if (captured.vary) reply.header('vary', captured.vary);
    reply.send(captured.body);
  };
  bare.get('/api/articles/:id/claims', serve(routes.read));
  bare.patch('/api/claims/:id', serve(routes.patch));
  bare.post('/api/claims/:id/notes', serve(routes.note));
  bare.get('/api/claims', serve(routes.desk));
  bare.get('/api/articles', serve(routes.articles));
  return bare;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-bench-'));
  const servers: FastifyInstance[] = [];
  let cleaning: Promise<void> | undefined;
  /** Closes the servers and removes the temp dir; every caller waits for the one cleanup. */
  const cleanUp = () =>
    (cleaning ??= (async () => {
      for (const server of servers) {
        await server.close().catch(() => undefined);
      }
      rmSync(dir, { recursive: true, force: true });
    })());
  // Last resort, should the process exit before the cleanup is done.
  process.on('exit', () => rmSync(dir, { recursive: true, force: true }));
  const cleanUpAndExit = () => {
    // A close can wait on work in progress (say, plugins still loading): not for long.
    setTimeout(() => process.exit(1), 5000).unref();
    void cleanUp().finally(() => process.exit(1));
  };
  process.on('disconnect', () => {
    // The driver went away (crash, Ctrl-C): leave no server or temp dir behind.
    if (!cleaning) {
      cleanUpAndExit();
    }
  });
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, cleanUpAndExit);
  }
  process.on('message', (message: DriverClose | DriverCpu) => {
    if (message.type === 'cpu') {
      const { user, system } = process.cpuUsage();
      send({ type: 'cpu', micros: user + system });
    } else if (message.type === 'close') {
      void cleanUp().then(() => {
        send({ type: 'closed' });
        process.disconnect?.();
      });
    }
  });

  try {
    for (const item of WHAT_IF) {
      if (item !== 'sync-normal' && item !== 'no-group-commit') {
        throw new Error(`unknown BENCH_WHATIF item "${item}"`);
      }
    }
    if (WHAT_IF.has('no-group-commit')) {
      groupCommitDefaults.maxBatch = 1;
    }
    // As server.ts builds it, the logger included (one JSON line per request, into a file
    // as under a process manager); forceCloseConnections only lets a close end the load
    // generator's keep-alive connections instead of waiting for them.
    const logFile = process.env['BENCH_LOG'] || join(dir, 'server.log');
    const instance = loggedFastify(
      { terminal: false, fd: openSync(logFile, 'a') },
      { ...fastifyOptions(), forceCloseConnections: true },
    );

    servers.push(instance);
    await instance.register(app, {
      // PostgreSQL as a desk configures it (api.ts sets DATABASE_URL for that run), else SQLite.
      database: process.env['DATABASE_URL']
        ? databaseFromEnv()
        : { engine: 'sqlite', file: join(dir, 'claimdesk.db') },
      claimsDir: null,
      staticDir: null,
      sessionHours: 1,
      loginAttempts: 1000,
      loginWindowMinutes: 15,
    });
    if (WHAT_IF.has('sync-normal') && !process.env['DATABASE_URL']) {
      await sql`PRAGMA synchronous = NORMAL`.execute(instance.db);
    }
    const appUrl = await instance.listen({ port: 0, host: '127.0.0.1' });

    const seedStart = performance.now();
    for (let i = 0; i < ARTICLES; i++) {
      if (!(await importArticle(instance.db, generateArticle(i), null))) {
        throw new Error(`article ${articleId(i)} was not imported`);
      }
    }
    await insertUser(instance.db, {
      username: USERNAME,
      role: 'editor',
      passwordHash: await hashPassword(PASSWORD),
    });
    const seedMs = performance.now() - seedStart;
    // The desk: the rest of 100,000 claims in 1,000 articles, inserted directly.
    const deskStart = performance.now();
    const mine = await seedDesk(instance.db, ARTICLES, ARTICLES * CLAIMS_PER_ARTICLE, USERNAME);
    const deskSeedMs = performance.now() - deskStart;

    const signIn = await fetch(`${appUrl}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: USERNAME, password: PASSWORD }),
    });
    const session = signIn.headers
      .getSetCookie()
      .map((header) => header.split(';')[0])
      .find((pair) => pair.startsWith(`${SESSION_COOKIE}=`));
    if (signIn.status !== 200 || !session) {
      throw new Error(`sign-in failed: ${signIn.status} ${await signIn.text()}`);
    }

    // The real responses, captured once for the bare routes to replay.
    const readArticleId = articleId(0);
    const captureClaim = claimId(ARTICLES - 1, 49);
    const write = { cookie: session, 'content-type': 'application/json' };
    // As a browser asks for it (Accept-Encoding), so both serve the bytes a browser gets.
    const read = await captureRaw(`${appUrl}/api/articles/${readArticleId}/claims`, {
      cookie: session,
      'accept-encoding': BROWSER_ACCEPT_ENCODING,
    });
    const patch = await capture(`${appUrl}/api/claims/${captureClaim}`, {
      method: 'PATCH',
      headers: { ...write, 'if-match': '"1"' },
      body: JSON.stringify({ rationale: 'Rationale captured for the bare route.' }),
      expect: 200,
    });
    const note = await capture(`${appUrl}/api/claims/${captureClaim}/notes`, {
      method: 'POST',
      headers: write,
      body: JSON.stringify({ text: 'Note captured for the bare route.' }),
      expect: 201,
    });

    const deskPath = '/api/claims?assignee=me';
    const desk = await capture(`${appUrl}${deskPath}`, {
      headers: { cookie: session },
      expect: 200,
    });
    const deskPage = JSON.parse(desk.body.toString()) as { items: unknown[]; total: number };
    if (deskPage.total !== mine || deskPage.items.length !== 50) {
      throw new Error(
        `desk page: ${deskPage.items.length} of ${deskPage.total}, expected 50 of ${mine}`,
      );
    }

    const articles = await capture(`${appUrl}/api/articles`, {
      headers: { cookie: session },
      expect: 200,
    });
    const articleCount = (JSON.parse(articles.body.toString()) as unknown[]).length;

    const bare = bareServer({ read, patch, note, desk, articles });
    servers.push(bare);
    const bareUrl = await bare.listen({ port: 0, host: '127.0.0.1' });

    // The write scenarios keep to the 200 imported articles' 10,000 claims, as before the desk.
    const claims = await instance.db
      .selectFrom('claims')
      .select(['id', 'version'])
      .where(
        'article_id',
        'in',
        Array.from({ length: ARTICLES }, (_, i) => articleId(i)),
      )
      .orderBy('id')
      .execute();
    const ready: ServerReady = {
      type: 'ready',
      appUrl,
      bareUrl,
      cookie: session,
      readArticleId,
      claims,
      seedMs,
      desk: {
        path: deskPath,
        articles: DESK_ARTICLES,
        claims: DESK_CLAIMS,
        mine,
        seedMs: deskSeedMs,
      },
      captured: {
        read: { bytes: read.body.length, type: read.type, encoding: read.encoding },
        patch: { bytes: patch.body.length, type: patch.type },
        note: { bytes: note.body.length, type: note.type },
        desk: { bytes: desk.body.length, type: desk.type },
        articles: { bytes: articles.body.length, type: articles.type },
      },
      articleCount,
    };
    send(ready);
  } catch (error) {
    send({ type: 'failed', message: (error as Error).stack ?? String(error) });
    await cleanUp();
    process.disconnect?.();
    process.exitCode = 1;
  }
}

void main();
