// The claims list's compressed copies: made once per version of the list and encoding,
// dropped with the list, never sent after a change.
//   node --import tsx --test server/test/claim-list-cache.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { ClaimSummary } from '../../src/domain/claim';
import { chooseEncoding, ClaimListCache, compressionsMade } from '../routes/claim-list-cache';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const url = `/api/articles/${SEED_ARTICLE}/claims`;

describe('the claims list, compressed once', () => {
  let h: Harness;
  before(async () => {
    h = await startApp();
    await withCast(h);
  });
  after(() => h.close());

  const read = (encoding?: string) =>
    h.as('dana', { url, headers: encoding === undefined ? {} : { 'accept-encoding': encoding } });

  it('sends the bytes each browser accepts, with Vary, all of them the same list', async () => {
    const plain = await read();
    assert.equal(plain.statusCode, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(String(plain.headers['content-type']), /^application\/json/);
    assert.match(String(plain.headers['vary']), /accept-encoding/i);
    const br = await read('gzip, deflate, br, zstd');
    assert.equal(br.headers['content-encoding'], 'br');
    assert.match(String(br.headers['vary']), /accept-encoding/i);
    assert.equal(brotliDecompressSync(br.rawPayload).toString(), plain.body);
    const gzip = await read('gzip');
    assert.equal(gzip.headers['content-encoding'], 'gzip');
    assert.equal(gunzipSync(gzip.rawPayload).toString(), plain.body);
    const identity = await read('identity');
    assert.equal(identity.headers['content-encoding'], undefined);
    assert.equal(identity.body, plain.body);
  });

  it('compresses a version of the list once per encoding, however often it is read', async () => {
    // A change first, so that this version has no compressed copy yet.
    const [claim] = json<ClaimSummary[]>(await read());
    const noted = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claim.id}/notes`,
      payload: { text: 'a fresh version of the list' },
    });
    assert.equal(noted.statusCode, 201);
    const before = { ...compressionsMade };
    const answers = await Promise.all(Array.from({ length: 8 }, () => read('br')));
    await read('br');
    await read('gzip');
    await read('gzip');
    assert.equal(compressionsMade.br - before.br, 1, 'one Brotli copy for nine reads');
    assert.equal(compressionsMade.gzip - before.gzip, 1, 'one gzip copy for two reads');
    const first = answers[0].rawPayload;
    assert.ok(answers.every((answer) => answer.rawPayload.equals(first)));
  });

  it('never sends a compressed copy of the list as it was before a change', async () => {
    const [claim] = json<ClaimSummary[]>(await read());
    const stale = JSON.parse(
      brotliDecompressSync((await read('br')).rawPayload).toString(),
    ) as ClaimSummary[];
    const before = stale.find((c) => c.id === claim.id)?.noteCount ?? -1;
    const noted = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${claim.id}/notes`,
      payload: { text: 'the list changes' },
    });
    assert.equal(noted.statusCode, 201);
    for (const encoding of ['br', 'gzip']) {
      const answer = await read(encoding);
      const bytes =
        encoding === 'br' ? brotliDecompressSync(answer.rawPayload) : gunzipSync(answer.rawPayload);
      const fresh = JSON.parse(bytes.toString()) as ClaimSummary[];
      assert.equal(fresh.find((c) => c.id === claim.id)?.noteCount, before + 1, encoding);
      assert.equal(bytes.toString(), (await read()).body, encoding);
    }
  });
});

describe('ClaimListCache', () => {
  it('forgets a list and its compressed copies on a change, even one still being made', async () => {
    const cache = new ClaimListCache();
    const json = JSON.stringify(Array.from({ length: 100 }, (_, i) => ({ id: `c${i}`, n: 1 })));
    const list = cache.store('a', cache.generation('a'), json);
    const making = list.encoded('br');
    cache.invalidate('a');
    assert.equal(cache.get('a'), undefined, 'the list is gone with its copies');
    // The request that read the old version still gets its answer…
    assert.equal(brotliDecompressSync(await making).toString(), json);
    // …but the next one reads and compresses the new version.
    const changed = json.replaceAll('"n":1', '"n":2');
    const next = cache.store('a', cache.generation('a'), changed);
    assert.equal(cache.get('a'), next);
    assert.equal(brotliDecompressSync(await next.encoded('br')).toString(), changed);
  });

  it('reads a list once for requests that come together, and again after a change', async () => {
    const cache = new ClaimListCache();
    let loads = 0;
    let finish: (json: string) => void = () => undefined;
    const load = () => {
      loads += 1;
      return new Promise<string>((resolve) => (finish = resolve));
    };
    const first = cache.read('a', load);
    const second = cache.read('a', load);
    assert.equal(loads, 1);
    const finishOld = finish;
    cache.invalidate('a');
    const third = cache.read('a', load);
    assert.equal(loads, 2, 'a change while reading: the next request reads again');
    finish('["new"]');
    finishOld('["old"]');
    assert.equal((await first)?.body.toString(), '["old"]');
    assert.equal(await second, await first);
    assert.equal((await third)?.body.toString(), '["new"]');
    assert.equal(cache.get('a'), await third, 'only the list read after the change is kept');
  });

  it('does not keep a list read before a change that came in meanwhile', () => {
    const cache = new ClaimListCache();
    const generation = cache.generation('a');
    cache.invalidate('a');
    cache.store('a', generation, '[]');
    assert.equal(cache.get('a'), undefined);
  });

  it('chooses Brotli, then gzip, as the compression plugin does', () => {
    assert.equal(chooseEncoding('gzip, deflate, br, zstd'), 'br');
    assert.equal(chooseEncoding('gzip'), 'gzip');
    assert.equal(chooseEncoding('x-gzip'), 'gzip');
    assert.equal(chooseEncoding('*'), 'gzip');
    assert.equal(chooseEncoding('br;q=0.5, gzip'), 'gzip');
    assert.equal(chooseEncoding('identity'), null);
    assert.equal(chooseEncoding('deflate'), null);
    assert.equal(chooseEncoding(undefined), null);
  });
});
