/**
 * A large JSON body parsed in slices (intake/json-in-slices.ts): the same value as
 * JSON.parse, other work runs in between, and what Fastify's parser refuses is refused.
 *   node --import tsx --test server/test/intake-json.test.ts
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { largeArticleFile } from '../bench/large-file';
import { parseJsonInSlices } from '../intake/json-in-slices';

const parse = (text: string) => parseJsonInSlices(Buffer.from(text, 'utf8'));

/** A document with large arrays and objects nested in each other, and awkward strings. */
function awkwardDocument() {
  const strings = [
    'plain',
    'quote " inside',
    'brackets ] } [ { , : inside',
    'back\\slash\\',
    'ünï €😀',
    '',
  ];
  return {
    list: Array.from({ length: 3000 }, (_, n) => ({
      n,
      text: strings[n % strings.length],
      nested: n % 500 === 0 ? Array.from({ length: 2000 }, (_, m) => [m, null, true, -1.5e3]) : [],
      empty: {},
    })),
    map: Object.fromEntries(
      Array.from({ length: 2000 }, (_, n) => [`key "${n}" ,:`, strings[n % 6]]),
    ),
    emptyList: [],
    number: 12.5,
  };
}

async function refused(text: string, code: string): Promise<void> {
  await assert.rejects(parse(text), (error: { code?: string; statusCode?: number }) => {
    assert.equal(error.code, code, text.slice(0, 80));
    assert.equal(error.statusCode, 400);
    return true;
  });
}

describe('a large JSON body parsed in slices', () => {
  it('gives what JSON.parse gives, for the 20,000-claim file and awkward documents', async () => {
    const file = { source: 'file', file: largeArticleFile() };
    assert.deepEqual(await parse(JSON.stringify(file)), file);
    const awkward = awkwardDocument();
    assert.deepEqual(await parse(JSON.stringify(awkward)), awkward);
    assert.deepEqual(await parse(JSON.stringify(awkward, null, 2)), awkward);
    assert.deepEqual(await parse(`  \n${JSON.stringify([awkward, 1, 'x'])}\n `), [awkward, 1, 'x']);
    assert.deepEqual(await parse('{"small": [1, 2]}'), { small: [1, 2] });
    const longString = 'y'.repeat(100_000);
    assert.equal(await parse(JSON.stringify(longString)), longString);
  });

  it('lets other work run while it parses a 5 MB body', async () => {
    const text = JSON.stringify({ source: 'file', file: largeArticleFile() });
    let turns = 0;
    const timer = setInterval(() => (turns += 1), 1);
    try {
      await parse(text);
    } finally {
      clearInterval(timer);
    }
    assert.ok(turns > 0, 'no timer ran while the body was parsed');
  });

  it('refuses what is not JSON as Fastify does: 400, FST_ERR_CTP_INVALID_JSON_BODY', async () => {
    const large = JSON.stringify(awkwardDocument());
    const invalid = 'FST_ERR_CTP_INVALID_JSON_BODY';
    await refused(large.slice(0, -1), invalid);
    await refused(`${large} x`, invalid);
    await refused(`${large}${large}`, invalid);
    await refused(large.replace('"emptyList":[]', '"emptyList":[,]'), invalid);
    await refused(large.replace('"number":12.5', '"number":12.5,'), invalid);
    await refused(large.replace('"number":12.5', '"number" 12.5'), invalid);
    await refused(large.replace('"number":12.5', 'number:12.5'), invalid);
    await refused(large.replace('"emptyList":[]', '"emptyList":[}'), invalid);
    await refused(`[${large.slice(1)}`, invalid);
    await refused('{"a": }', invalid);
    await refused('   ', 'FST_ERR_CTP_EMPTY_JSON_BODY');
  });

  it('refuses __proto__ and constructor.prototype keys, large or small, as Fastify does', async () => {
    const large = JSON.stringify(awkwardDocument());
    const invalid = 'FST_ERR_CTP_INVALID_JSON_BODY';
    await refused(`{"__proto__": {"admin": true}, ${large.slice(1)}`, invalid);
    await refused(`{"x": ${large}, "__proto__": ${large}}`, invalid);
    await refused(large.replace('"empty":{}', '"empty":{"__proto__":{"admin":true}}'), invalid);
    await refused(`{"constructor": {"prototype": ${large}}}`, invalid);
    await refused(large.replace('"empty":{}', '"empty":{"constructor":{"prototype":{}}}'), invalid);
  });
});
