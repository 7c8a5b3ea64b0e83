// Security headers on every answer: the dashboard, its files, the API, errors;
// the print report keeps its own stricter policy.
//   node --import tsx --test server/test/security-headers.test.ts
import assert from 'node:assert/strict';
import {
  closeSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { loggedFastify } from '../logging';
import {
  CONTENT_SECURITY_POLICY,
  helmetHeaders,
  securityHeaderWriter,
} from '../plugins/security-headers';
import { HTML_REPORT_CSP } from '../reports/html';
import { Harness, SEED_ARTICLE, startApp, withCast } from './harness';
import { until } from './until';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: unknown): Map<string, string[]> {
  assert.equal(typeof header, 'string', 'a Content-Security-Policy header');
  return new Map(
    (header as string)
      .split(';')
      .map((part) => part.trim().split(/\s+/))
      .filter((words) => words[0])
      .map(([name, ...values]) => [name.toLowerCase(), values]),
  );
}

function assertDashboardHeaders(response: LightMyRequestResponse, what: string): void {
  const csp = directives(response.headers['content-security-policy']);
  const scripts = csp.get('script-src') ?? csp.get('default-src');
  assert.deepEqual(scripts, ["'self'"], `${what}: scripts only from the app itself`);
  assert.deepEqual(csp.get('script-src-attr'), ["'none'"], `${what}: no inline handlers`);
  assert.deepEqual(csp.get('frame-ancestors'), ["'none'"], `${what}: never framed`);
  assert.deepEqual(csp.get('object-src'), ["'none'"], what);
  assert.ok(!csp.has('upgrade-insecure-requests'), `${what}: plain HTTP keeps working`);
  for (const [name, values] of csp) {
    if (name.startsWith('script') || name === 'default-src') {
      assert.ok(
        !values.some((value) => /unsafe-(inline|eval)|^\*$|^https?:$|^data:$/.test(value)),
        `${what}: ${name} ${values.join(' ')}`,
      );
    }
  }
  assert.equal(response.headers['x-content-type-options'], 'nosniff', what);
  assert.equal(response.headers['referrer-policy'], 'same-origin', what);
  assert.equal(response.headers['x-frame-options'], 'DENY', what);
}

describe('security headers', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-headers-'));
  before(async () => {
    const staticDir = join(dir, 'browser');
    mkdirSync(staticDir, { recursive: true });
    writeFileSync(join(staticDir, 'index.html'), '<!doctype html><title>Claimdesk</title>');
    writeFileSync(join(staticDir, 'main.js'), 'console.log(1);');
    h = await startApp({ staticDir });
    await withCast(h);
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('go with every page, file, API answer and error', async () => {
    const answers: [string, LightMyRequestResponse][] = [
      ['the dashboard', await h.app.inject({ url: '/' })],
      ['a deep link', await h.app.inject({ url: `/articles/${SEED_ARTICLE}` })],
      ['a script file', await h.app.inject({ url: '/main.js' })],
      ['a missing file', await h.app.inject({ url: '/nope.js' })],
      ['a public API answer', await h.app.inject({ url: '/api/health' })],
      ['a 401', await h.app.inject({ url: '/api/articles' })],
      ['a signed-in API answer', await h.as('casey', { url: '/api/articles' })],
      [
        'a 400',
        await h.app.inject({ method: 'POST', url: '/api/session', payload: { username: 'x' } }),
      ],
    ];
    for (const [what, response] of answers) {
      assertDashboardHeaders(response, `${what} (${response.statusCode})`);
    }
  });

  it('leave the print report its own stricter policy', async () => {
    const response = await h.as('casey', {
      url: `/api/articles/${SEED_ARTICLE}/report?format=html`,
    });
    assert.equal(response.statusCode, 200, response.body);
    assert.equal(response.headers['content-security-policy'], HTML_REPORT_CSP);
    assert.deepEqual(directives(HTML_REPORT_CSP).get('default-src'), ["'none'"]);
    assert.equal(response.headers['x-content-type-options'], 'nosniff');
    assert.equal(response.headers['referrer-policy'], 'same-origin');
  });
});

describe('security headers written by the server', () => {
  /** Header names and values as they came over the wire, in order. */
  async function wireHeaders(origin: string, path: string): Promise<[string, string][]> {
    return new Promise((resolve, reject) => {
      request(`${origin}${path}`, (response) => {
        response.resume();
        const raw = response.rawHeaders;
        resolve(raw.flatMap((name, i) => (i % 2 === 0 ? [[name.toLowerCase(), raw[i + 1]!]] : [])));
      })
        .on('error', reject)
        .end();
    });
  }

  it('are in every answer once, as the hook sets them, and an answer’s own header wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-headers-'));
    const log = join(dir, 'server.log');
    const fd = openSync(log, 'a');
    const server = loggedFastify({ terminal: false, fd });
    try {
      // As the app's onRequest hook does: it leaves them to the server's response here.
      const writeSecurityHeaders = securityHeaderWriter();
      server.addHook('onRequest', (_request, reply, done) => {
        writeSecurityHeaders(reply);
        done();
      });
      server.get('/plain', async () => ({ ok: true }));
      server.get('/strict', async (_request, reply) =>
        reply
          .header('content-security-policy', HTML_REPORT_CSP)
          .header('x-content-type-options', 'nosniff')
          .send('report'),
      );
      const origin = await server.listen({ port: 0, host: '127.0.0.1' });
      const expected = helmetHeaders({
        contentSecurityPolicy: CONTENT_SECURITY_POLICY,
        referrerPolicy: { policy: 'same-origin' },
        xFrameOptions: { action: 'deny' },
        strictTransportSecurity: false,
      });
      for (const path of ['/plain', '/missing']) {
        const headers = await wireHeaders(origin, path);
        for (const [name, value] of Object.entries(expected)) {
          assert.deepEqual(
            headers.filter(([n]) => n === name).map(([, v]) => v),
            [value],
            `${path}: ${name} once`,
          );
        }
      }
      const strict = await wireHeaders(origin, '/strict');
      const values = (name: string) => strict.filter(([n]) => n === name).map(([, v]) => v);
      assert.deepEqual(values('content-security-policy'), [HTML_REPORT_CSP]);
      assert.deepEqual(values('x-content-type-options'), ['nosniff']);
      assert.deepEqual(values('x-frame-options'), ['DENY']);
    } finally {
      await server.close();
      // The request lines are written in batches, after the answers: the file is closed once
      // the three are in it, not while a write is under way (EBADF, or, with its number
      // given to a file opened since, a write into that file).
      await until('the three request lines in the log', () => {
        const lines = readFileSync(log, 'utf8').split('\n');
        return lines.filter((line) => line.includes('"msg":"request"')).length >= 3;
      }).catch(() => undefined); // A test that failed before its requests ends with its own error.
      closeSync(fd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
