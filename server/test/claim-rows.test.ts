// The claims list as rows (GET /api/articles/:id/claim-rows): what the dashboard's table
// reads, as its schema says, the same claims as the list of objects, after changes too.
//   node --import tsx --test server/test/claim-rows.test.ts
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { brotliDecompressSync } from 'node:zlib';
import { Ajv } from 'ajv';
import type { ArticleDetail } from '../../src/domain/claim';
import { CLAIM_ROW_FIELDS, type ClaimRows, fromClaimRows } from '../../src/domain/claim-rows';
import { claimRowsSchema } from '../routes/response-schemas';
import { Harness, json, SEED_ARTICLE, seedClaims, startApp, withCast } from './harness';

const rowsUrl = `/api/articles/${SEED_ARTICLE}/claim-rows`;

describe('the claims list as rows', () => {
  let h: Harness;
  let text: string;
  before(async () => {
    h = await startApp();
    await withCast(h);
    text = json<ArticleDetail>(await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}` })).text;
  });
  after(() => h.close());

  const rows = async (headers: Record<string, string> = {}) => {
    const response = await h.as('dana', { url: rowsUrl, headers });
    assert.equal(response.statusCode, 200, response.body);
    return response;
  };

  it('answers as its schema says, every quote taken from the article text', async () => {
    const response = await rows();
    assert.match(String(response.headers['content-type']), /^application\/json/);
    const body = json<ClaimRows>(response);
    const validate = new Ajv({ strictTuples: false }).compile(claimRowsSchema);
    assert.ok(validate(body), JSON.stringify(validate.errors));
    assert.deepEqual(body.fields, CLAIM_ROW_FIELDS);
    const quote = CLAIM_ROW_FIELDS.indexOf('quote');
    assert.ok(body.rows.length > 0);
    assert.ok(body.rows.every((row) => row[quote] === null));
  });

  it('reads back as the same claims as the list of objects, in the same order', async () => {
    const claims = await seedClaims(h);
    const read = fromClaimRows(json<ClaimRows>(await rows()), SEED_ARTICLE, text);
    assert.deepEqual(read, claims);
    assert.equal(JSON.stringify(read), JSON.stringify(claims));
  });

  it('follows every change, compressed or not', async () => {
    const [first] = await seedClaims(h);
    await rows({ 'accept-encoding': 'br' });
    const noted = await h.as('casey', {
      method: 'POST',
      url: `/api/claims/${first.id}/notes`,
      payload: { text: 'a note the rows must count' },
    });
    assert.equal(noted.statusCode, 201);
    const claims = await seedClaims(h);
    assert.equal(claims[0].noteCount, first.noteCount + 1);
    const plain = fromClaimRows(json<ClaimRows>(await rows()), SEED_ARTICLE, text);
    assert.deepEqual(plain, claims);
    const br = await rows({ 'accept-encoding': 'br' });
    assert.equal(br.headers['content-encoding'], 'br');
    const decoded = JSON.parse(brotliDecompressSync(br.rawPayload).toString()) as ClaimRows;
    assert.deepEqual(fromClaimRows(decoded, SEED_ARTICLE, text), claims);
  });

  it('says an unknown article is not found, and asks who is reading', async () => {
    const missing = await h.as('dana', { url: '/api/articles/no-such-article/claim-rows' });
    assert.equal(missing.statusCode, 404);
    const anonymous = await h.app.inject({ url: rowsUrl });
    assert.equal(anonymous.statusCode, 401);
  });
});
