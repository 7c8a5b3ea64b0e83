// HTTP as browsers expect it: compressed answers, and caching that matches the files.
//   node --import tsx --test server/test/http-delivery.test.ts
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { Harness, SEED_ARTICLE, startApp, withCast } from './harness';

const FINISH_BUILD = join(import.meta.dirname, '../../scripts/finish-build.mjs');
const MAIN = 'main-ABCD2345.js';
const FONT = 'media/icons-WXYZ6789.woff2';
/** Over the 1 kB below which nothing is compressed. */
const MAIN_SOURCE = `console.log(${JSON.stringify('claimdesk '.repeat(400))});`;

describe('HTTP delivery', () => {
  let h: Harness;
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-http-'));
  before(async () => {
    const staticDir = join(dir, 'browser');
    mkdirSync(join(staticDir, 'media'), { recursive: true });
    writeFileSync(
      join(staticDir, 'index.html'),
      `<!doctype html><title>Claimdesk</title><script src="${MAIN}"></script>${' '.repeat(1200)}`,
    );
    writeFileSync(join(staticDir, MAIN), MAIN_SOURCE);
    writeFileSync(join(staticDir, FONT), Buffer.alloc(2000, 7));
    // As `npm run build` leaves it: .br and .gz beside each text file.
    execFileSync(process.execPath, [FINISH_BUILD, staticDir]);
    h = await startApp({ staticDir });
    await withCast(h);
  });
  after(async () => {
    await h.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('sends the Brotli copy made at build to a browser that accepts it, cached for a year', async () => {
    const response = await h.app.inject({
      url: `/${MAIN}`,
      headers: { 'accept-encoding': 'gzip, deflate, br' },
    });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-encoding'], 'br');
    assert.match(String(response.headers['vary']), /accept-encoding/i);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
    assert.equal(brotliDecompressSync(response.rawPayload).toString(), MAIN_SOURCE);
    assert.deepEqual(response.rawPayload, readFileSync(join(dir, 'browser', `${MAIN}.br`)));
  });

  it('sends gzip to a browser without Brotli, and the plain file to one without either', async () => {
    const gzip = await h.app.inject({ url: `/${MAIN}`, headers: { 'accept-encoding': 'gzip' } });
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), MAIN_SOURCE);
    const plain = await h.app.inject({
      url: `/${MAIN}`,
      headers: { 'accept-encoding': 'identity' },
    });
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.equal(plain.body, MAIN_SOURCE);
    assert.equal(plain.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('caches hashed media for a year and leaves binary files as they are', async () => {
    const response = await h.app.inject({ url: `/${FONT}`, headers: { 'accept-encoding': 'br' } });
    assert.equal(response.statusCode, 200);
    assert.equal(response.headers['content-encoding'], undefined);
    assert.equal(response.headers['cache-control'], 'public, max-age=31536000, immutable');
  });

  it('has browsers revalidate index.html, at / and at every deep link', async () => {
    for (const url of ['/', '/index.html', '/articles/some-article']) {
      const response = await h.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.equal(response.statusCode, 200, url);
      assert.equal(response.headers['cache-control'], 'no-cache', url);
      assert.match(brotliDecompressSync(response.rawPayload).toString(), /<title>Claimdesk/, url);
    }
  });

  it('compresses API answers over 1 kB for browsers that accept it, and not smaller ones', async () => {
    const url = `/api/articles/${SEED_ARTICLE}/claims`;
    const plain = await h.as('dana', { url, headers: { 'accept-encoding': 'identity' } });
    assert.equal(plain.statusCode, 200);
    assert.ok(plain.body.length > 1024, 'the seed claims list is over 1 kB');
    assert.equal(plain.headers['content-encoding'], undefined);
    const br = await h.as('dana', { url, headers: { 'accept-encoding': 'br, gzip' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    assert.ok(br.rawPayload.length < plain.body.length / 3, 'JSON compresses to under a third');
    const small = await h.as('dana', { url: '/api/session', headers: { 'accept-encoding': 'br' } });
    assert.equal(small.statusCode, 200);
    assert.ok(small.body.length < 1024);
    assert.equal(small.headers['content-encoding'], undefined);
  });
});

// The build step itself: `npm run build` runs it after `ng build`.
describe('finish-build', () => {
  it('writes .br and .gz beside text files over 1 kB only', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-compress-'));
    try {
      writeFileSync(join(dir, 'big.js'), 'x'.repeat(5000));
      writeFileSync(join(dir, 'small.css'), 'a{}');
      writeFileSync(join(dir, 'font.woff2'), Buffer.alloc(5000));
      execFileSync(process.execPath, [FINISH_BUILD, dir]);
      assert.equal(
        brotliDecompressSync(readFileSync(join(dir, 'big.js.br'))).toString(),
        'x'.repeat(5000),
      );
      assert.equal(gunzipSync(readFileSync(join(dir, 'big.js.gz'))).toString(), 'x'.repeat(5000));
      assert.throws(() => readFileSync(join(dir, 'small.css.br')));
      assert.throws(() => readFileSync(join(dir, 'font.woff2.br')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('preloads every chunk main imports statically, directly or not, and no lazy one', () => {
    const dir = mkdtempSync(join(tmpdir(), 'claimdesk-preload-'));
    try {
      writeFileSync(
        join(dir, 'index.html'),
        '<head></head><body><link rel="modulepreload" href="chunk-AAAAAAAA.js">' +
          '<script src="main-MMMMMMMM.js" type="module"></script></body>',
      );
      writeFileSync(
        join(dir, 'main-MMMMMMMM.js'),
        'import{a}from"./chunk-AAAAAAAA.js";import{b}from"./chunk-BBBBBBBB.js";const l=()=>import("./chunk-LLLLLLLL.js");',
      );
      writeFileSync(join(dir, 'chunk-AAAAAAAA.js'), 'export const a=1;');
      writeFileSync(
        join(dir, 'chunk-BBBBBBBB.js'),
        'import"./chunk-CCCCCCCC.js";export const b=2;',
      );
      writeFileSync(join(dir, 'chunk-CCCCCCCC.js'), 'globalThis.c=3;');
      writeFileSync(join(dir, 'chunk-LLLLLLLL.js'), 'import"./chunk-DDDDDDDD.js";');
      writeFileSync(join(dir, 'chunk-DDDDDDDD.js'), '');
      execFileSync(process.execPath, [FINISH_BUILD, dir]);
      const html = readFileSync(join(dir, 'index.html'), 'utf8');
      const preloaded = [...html.matchAll(/modulepreload" href="([^"]+)"/g)].map((m) => m[1]);
      assert.deepEqual(preloaded.sort(), [
        'chunk-AAAAAAAA.js',
        'chunk-BBBBBBBB.js',
        'chunk-CCCCCCCC.js',
      ]);
      assert.ok(
        html.indexOf('chunk-CCCCCCCC.js') < html.indexOf('main-MMMMMMMM.js'),
        'before the entry',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
