/** Malformed input of every kind gets a 4xx problem, never a 500, and changes nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

describe('bad input', () => {
  let h: Harness;
  let claimId: string;
  before(async () => {
    h = await startApp();
    await withCast(h);
    claimId = json<{ id: string }[]>(
      await h.as('dana', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    )[0].id;
  });
  after(() => h.close());

  it('never answers 500, whatever the body, and nothing is written', async () => {
    const before = await h.app.db
      .selectFrom('history')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    const routes: [InjectOptions['method'], string][] = [
      ['POST', '/api/session'],
      ['POST', '/api/setup'],
      ['POST', `/api/articles/${SEED_ARTICLE}/claims`],
      ['PATCH', `/api/claims/${claimId}`],
      ['POST', `/api/claims/${claimId}/transitions`],
      ['POST', `/api/claims/${claimId}/evidence`],
      ['PATCH', `/api/claims/${claimId}/evidence/nope`],
      ['POST', `/api/claims/${claimId}/notes`],
      ['POST', '/api/users'],
      ['PATCH', '/api/users/casey'],
    ];
    const bodies = [
      '',
      '{',
      'null',
      '[]',
      '"text"',
      '42',
      '{"__proto__":{"admin":true}}',
      '{"action":"approve","note":{"$gt":""}}',
      '{"statement":null,"kind":7}',
      '{"url":"https://x.org","title":"t","stance":"supports","sourceType":"primary","extra":1}',
      JSON.stringify({ text: '\u0000\uD800' }),
      JSON.stringify({ start: -1, end: 1e308, statement: 'x', kind: 'figure' }),
      '{"username":"a","password":' + '"x",'.repeat(1) + '"password":1}',
    ];
    for (const [method, url] of routes) {
      for (const payload of bodies) {
        const response = await h.as('dana', {
          method,
          url,
          headers: { 'content-type': 'application/json', 'if-match': '"999"' },
          payload,
        });
        assert.ok(
          response.statusCode >= 400 && response.statusCode < 500,
          `${method} ${url} ${payload} -> ${response.statusCode} ${response.body}`,
        );
        assert.match(String(response.headers['content-type']), /application\/problem\+json/);
        const problem = json<{ title: string; status: number }>(response);
        assert.equal(problem.status, response.statusCode);
      }
    }
    const afterCount = await h.app.db
      .selectFrom('history')
      .select(({ fn }) => fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    assert.equal(Number(afterCount.n), Number(before.n));
  });

  it('rejects bad ids and bad If-Match values by name', async () => {
    const badId = await h.as('dana', { url: '/api/claims/..%2F..%2Fetc' });
    assert.equal(badId.statusCode, 400);
    const badVersion = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${claimId}`,
      headers: { 'if-match': 'yesterday' },
      payload: { rationale: 'x' },
    });
    assert.equal(badVersion.statusCode, 400);
    assert.equal(json<{ field: string }>(badVersion).field, '/headers/if-match');
  });

  it('publishes an OpenAPI 3 document generated from the route schemas', async () => {
    const response = await h.app.inject({ url: '/api/openapi.json' });
    assert.equal(response.statusCode, 200);
    const doc = json<{ openapi: string; paths: Record<string, Record<string, unknown>> }>(response);
    assert.match(doc.openapi, /^3\./);
    for (const path of [
      '/api/claims/{id}',
      '/api/claims/{id}/transitions',
      '/api/articles/{id}/claims',
      '/api/events',
      '/api/claims/{id}/evidence/{evidenceId}',
    ]) {
      assert.ok(doc.paths[path], path);
    }
    assert.ok(doc.paths['/api/claims/{id}']['patch']);
  });
});
