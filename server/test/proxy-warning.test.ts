// The warning for a proxy in front of a server that trusts none (TRUST_PROXY unset).
//   node --import tsx --test server/test/proxy-warning.test.ts
import { testDatabase } from './harness';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { describe, it } from 'node:test';
import Fastify from 'fastify';
import app from '../app';
import { fastifyOptions, type TrustProxy } from '../config';
import { UNTRUSTED_PROXY_WARNING } from '../plugins/proxy-warning';

/** The whole app as server.ts builds it, with its log lines collected. */
async function appLogging(trustProxy: TrustProxy) {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-proxy-'));
  const lines: { level: number; msg: string }[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as { level: number; msg: string });
      done();
    },
  });
  const server = Fastify({ ...fastifyOptions(trustProxy), logger: { level: 'warn', stream } });
  await server.register(app, {
    database: testDatabase(dir),
    claimsDir: null,
    staticDir: null,
    sessionHours: 1,
    loginAttempts: 5,
    loginWindowMinutes: 15,
  });
  await server.ready();
  const warnings = () => lines.filter((line) => line.msg === UNTRUSTED_PROXY_WARNING);
  return {
    server,
    warnings,
    async close() {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe('X-Forwarded-For without TRUST_PROXY', () => {
  it('logs one warning at the first forwarded request, and none before or after', async () => {
    const { server, warnings, close } = await appLogging(false);
    try {
      await server.inject({ url: '/api/health' });
      assert.equal(warnings().length, 0, 'no warning without the header');
      for (const address of ['203.0.113.7', '198.51.100.2', '203.0.113.7']) {
        const response = await server.inject({
          url: '/api/health',
          headers: { 'x-forwarded-for': address },
        });
        assert.ok(response.statusCode < 500, response.body);
      }
      const logged = warnings();
      assert.equal(logged.length, 1, JSON.stringify(logged));
      assert.equal(logged[0].level, 40, 'logged as a warning');
      assert.match(logged[0].msg, /TRUST_PROXY is not set/);
    } finally {
      await close();
    }
  });

  it('stays quiet when TRUST_PROXY is set', async () => {
    for (const trust of [1, ['127.0.0.1']] as TrustProxy[]) {
      const { server, warnings, close } = await appLogging(trust);
      try {
        await server.inject({ url: '/api/health', headers: { 'x-forwarded-for': '203.0.113.7' } });
        assert.equal(warnings().length, 0, `TRUST_PROXY=${String(trust)}`);
      } finally {
        await close();
      }
    }
  });
});
