// The server's log as `npm run server` writes it: one JSON line per request.
//   node --import tsx --test server/test/logging.test.ts
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as delay } from 'node:timers/promises';
import { describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import pino from 'pino';
import { loggedFastify, requestLine } from '../logging';

/** Requests over HTTP: the request's line is written by the server's response, which `inject` does not use. */
async function get(server: FastifyInstance, ...paths: string[]): Promise<void> {
  const origin = await server.listen({ port: 0, host: '127.0.0.1' });
  for (const path of paths) {
    await (await fetch(`${origin}${path}`)).arrayBuffer();
  }
}

/** The log's lines once there are at least `count`. */
async function linesOf(file: string, count: number): Promise<Record<string, unknown>[]> {
  // The lines are written asynchronously: wait for them, not for a fixed time.
  for (let attempt = 0; attempt < 200; attempt++) {
    const lines = readFileSync(file, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      // Fastify's own line when the test's server starts listening.
      .filter((line) => !String(line['msg']).startsWith('Server listening at'));
    if (lines.length >= count) {
      return lines;
    }
    await delay(25);
  }
  throw new Error(`fewer than ${count} log lines in ${file}`);
}

describe('server logging', () => {
  it('writes one JSON line per request, naming method, URL, status and time', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-log-'));
    const file = join(dir, 'server.log');
    const fd = openSync(file, 'a');
    try {
      const server = loggedFastify({ terminal: false, fd });
      server.get('/api/health', async () => ({ ok: true }));
      await get(server, '/api/health?x=1', '/missing');
      // Lines are written in order: once this one is there, all before it are.
      server.log.info('end');
      await server.close();
      const all = await linesOf(file, 3);
      assert.equal(all.at(-1)?.['msg'], 'end');
      const lines = all.slice(0, -1);
      assert.equal(lines.length, 2, 'no "incoming request" or "not found" lines beside them');
      assert.deepEqual(
        lines.map(({ method, url, statusCode, msg }) => ({ method, url, statusCode, msg })),
        [
          { method: 'GET', url: '/api/health?x=1', statusCode: 200, msg: 'request' },
          { method: 'GET', url: '/missing', statusCode: 404, msg: 'request' },
        ],
      );
      for (const line of lines) {
        assert.equal(typeof line['ms'], 'number');
        assert.equal(line['level'], 30, 'info');
        assert.equal(typeof line['reqId'], 'string');
      }
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("puts a request's line together byte for byte as pino writes it", () => {
    const written: string[] = [];
    const logger = pino(
      { base: { pid: 4242, hostname: 'desk "1"' }, timestamp: () => ',"time":1796462767008' },
      { write: (line: string) => written.push(line) },
    );
    const bindings = (logger as unknown as Record<symbol, string>)[pino.symbols.chindingsSym];
    const urls = [
      '/api/articles/a000/claims',
      '/a"b\\c?q=é',
      '/\u0001\u2028',
      `/${'x'.repeat(80)}`,
    ];
    for (const url of urls) {
      for (const [statusCode, ms] of [
        [200, 0],
        [404, 12.3],
        [500, Number.NaN],
      ] as const) {
        logger.info({ reqId: 'req-1f', method: 'PATCH', url, statusCode, ms }, 'request');
        assert.equal(
          requestLine(bindings, 1796462767008, 'req-1f', 'PATCH', url, statusCode, ms),
          written.at(-1),
        );
      }
    }
  });

  it('honours LOG_LEVEL: at warn, successful requests are not logged', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-log-'));
    const file = join(dir, 'server.log');
    const fd = openSync(file, 'a');
    try {
      const server = loggedFastify({ terminal: false, fd, level: 'warn' });
      server.get('/ok', async () => ({ ok: true }));
      await get(server, '/ok');
      server.log.warn('marker');
      await server.close();
      const lines = await linesOf(file, 1);
      assert.deepEqual(
        lines.map((line) => line['msg']),
        ['marker'],
      );
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('logs a client leaving mid-answer (premature close) at debug, not as an error', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-log-'));
    const file = join(dir, 'server.log');
    const fd = openSync(file, 'a');
    try {
      const server = loggedFastify({ terminal: false, fd, level: 'debug' });
      server.log.error(new Error('premature close'));
      server.log.error(new Error('disk full'));
      await server.close();
      const lines = await linesOf(file, 2);
      assert.deepEqual(
        lines.map((line) => [line['level'], (line['err'] as { message: string }).message]),
        [
          [20, 'premature close'],
          [50, 'disk full'],
        ],
      );
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
  it("gives a request's own lines the reqId of its request line", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-log-'));
    const file = join(dir, 'server.log');
    const fd = openSync(file, 'a');
    try {
      const server = loggedFastify({ terminal: false, fd });
      server.get('/noted', async (request) => {
        request.log.warn({ note: 1 }, 'noted');
        return { ok: true };
      });
      server.get('/quiet', async () => ({ ok: true }));
      await get(server, '/noted', '/quiet');
      server.log.info('end');
      await server.close();
      const [noted, notedRequest, quietRequest] = await linesOf(file, 4);
      assert.equal(noted?.['msg'], 'noted');
      assert.equal(noted?.['level'], 40);
      assert.equal(notedRequest?.['url'], '/noted');
      assert.equal(noted?.['reqId'], notedRequest?.['reqId'], 'the same request');
      assert.equal(quietRequest?.['url'], '/quiet');
      assert.notEqual(quietRequest?.['reqId'], notedRequest?.['reqId']);
      // The same keys in the same order, whether the request's logger was used or not.
      assert.deepEqual(Object.keys(quietRequest ?? {}), Object.keys(notedRequest ?? {}));
    } finally {
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('writes out the lines still waiting when the process exits', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-log-'));
    const file = join(dir, 'server.log');
    try {
      // process.exit right after logging: no batch is full, no timer has run.
      const script = [
        `import { openSync } from 'node:fs';`,
        `import { loggedFastify } from ${JSON.stringify(new URL('../logging.ts', import.meta.url).href)};`,
        `const server = loggedFastify({ terminal: false, fd: openSync(${JSON.stringify(file)}, 'a') });`,
        `for (let i = 0; i < 5; i++) server.log.info({ i }, 'line');`,
        `process.exit(0);`,
      ].join('\n');
      execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
        cwd: new URL('../..', import.meta.url),
      });
      const lines = readFileSync(file, 'utf8').split('\n').filter(Boolean);
      assert.deepEqual(
        lines.map((line) => (JSON.parse(line) as { i: number }).i),
        [0, 1, 2, 3, 4],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
