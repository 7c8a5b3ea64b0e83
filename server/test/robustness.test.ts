/** Malformed input of every kind gets a 4xx problem, never a 500, and changes nothing. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import Fastify from 'fastify';
import type { Evidence } from '../../src/domain/claim';
import { fastifyOptions } from '../config';
import problems from '../plugins/problems';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

/** Links that `format: uri` lets through but no browser opens (and `new URL` refuses). */
const BROKEN_LINKS = [
  'http://',
  'http://:80/',
  'http://1.2.3.256/',
  'http://a:99999/',
  'https://./',
  'http://-/',
];

const EVIDENCE = {
  url: 'https://example.org/source',
  title: 'Source',
  stance: 'supports',
  sourceType: 'primary',
};

async function historyCount(h: Harness): Promise<number> {
  const row = await h.app.db
    .selectFrom('history')
    .select(({ fn }) => fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

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
      ...BROKEN_LINKS.map((url) => JSON.stringify({ ...EVIDENCE, url })),
      ...BROKEN_LINKS.map((url) => JSON.stringify({ ...EVIDENCE, archivedUrl: url })),
      JSON.stringify({ start: '3', end: 9, statement: 'x', kind: 'figure' }),
      JSON.stringify({ text: '\u200B' }),
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

  it('refuses evidence links no browser can open, naming the field, and stores nothing', async () => {
    const before = await historyCount(h);
    const added = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${claimId}/evidence`,
      payload: EVIDENCE,
    });
    assert.equal(added.statusCode, 201, added.body);
    const evidenceId = json<Evidence>(added).id;
    for (const link of BROKEN_LINKS) {
      for (const field of ['url', 'archivedUrl']) {
        for (const [method, url, payload] of [
          ['POST', `/api/claims/${claimId}/evidence`, { ...EVIDENCE, [field]: link }],
          ['PATCH', `/api/claims/${claimId}/evidence/${evidenceId}`, { [field]: link }],
        ] as const) {
          const response = await h.as('dana', { method, url, payload });
          assert.equal(response.statusCode, 400, `${method} ${field}=${link}: ${response.body}`);
          const problem = json<{ field: string; detail: string }>(response);
          assert.equal(problem.field, `/body/${field}`);
          assert.match(problem.detail, /http:\/\/ or https:\/\/ link/);
        }
      }
    }
    assert.equal(await historyCount(h), before + 1, 'only the valid link was stored');
  });

  it('answers 404 for an unknown evidence id on DELETE and PATCH', async () => {
    for (const method of ['DELETE', 'PATCH'] as const) {
      const response = await h.as('dana', {
        method,
        url: `/api/claims/${claimId}/evidence/no-such-evidence`,
        headers: { 'x-claimdesk-request': '1' },
        ...(method === 'PATCH' ? { payload: { title: 'x' } } : {}),
      });
      assert.equal(response.statusCode, 404, `${method}: ${response.body}`);
      assert.match(String(response.headers['content-type']), /application\/problem\+json/);
    }
  });

  it('refuses notes and rationales of only white space or invisible characters', async () => {
    for (const text of [
      '\u200B',
      '\u200B\u200C\u200D\u2060',
      '\uFEFF',
      ' \u00AD\n',
      '\u3164',
      ' ',
    ]) {
      const note = await h.as('dana', {
        method: 'POST',
        url: `/api/claims/${claimId}/notes`,
        payload: { text },
      });
      assert.equal(note.statusCode, 400, `${JSON.stringify(text)}: ${note.body}`);
      assert.equal(json<{ field: string }>(note).field, '/body/text');
    }
    const rationale = await h.as('dana', {
      method: 'PATCH',
      url: `/api/claims/${claimId}`,
      headers: { 'if-match': '"1"' },
      payload: { rationale: '\u200B\u200B' },
    });
    assert.equal(rationale.statusCode, 400, rationale.body);
    assert.equal(json<{ field: string }>(rationale).field, '/body/rationale');
    const visible = await h.as('dana', {
      method: 'POST',
      url: `/api/claims/${claimId}/notes`,
      payload: { text: '\u200BSee the ministry\u2019s table.' },
    });
    assert.equal(visible.statusCode, 201, visible.body);
  });

  it('takes numbers in a body as JSON numbers only: "3" and [1] are not integers', async () => {
    const before = await historyCount(h);
    for (const start of ['3', [1], true]) {
      const response = await h.as('dana', {
        method: 'POST',
        url: `/api/articles/${SEED_ARTICLE}/claims`,
        payload: { start, end: 9, statement: 'A claim.', kind: 'figure' },
      });
      assert.equal(response.statusCode, 400, `${JSON.stringify(start)}: ${response.body}`);
      assert.equal(json<{ field: string }>(response).field, '/body/start');
    }
    const disabled = await h.as('ada', {
      method: 'PATCH',
      url: '/api/users/robin',
      payload: { disabled: 'true' },
    });
    assert.equal(disabled.statusCode, 400);
    assert.equal(json<{ field: string }>(disabled).field, '/body/disabled');
    assert.equal(await historyCount(h), before);
  });

  it('refuses unknown query parameters by name on every route', async () => {
    const before = await historyCount(h);
    const evidencePath = `/api/claims/${claimId}/evidence/x`;
    const routes: [InjectOptions['method'], string, object?][] = [
      ['GET', '/api/articles'],
      ['GET', `/api/articles/${SEED_ARTICLE}`],
      ['GET', `/api/articles/${SEED_ARTICLE}/claims`],
      [
        'POST',
        `/api/articles/${SEED_ARTICLE}/claims`,
        { start: 0, end: 5, statement: 'x', kind: 'figure' },
      ],
      ['GET', `/api/claims/${claimId}`],
      ['PATCH', `/api/claims/${claimId}`, { rationale: 'x' }],
      ['POST', `/api/claims/${claimId}/transitions`, { action: 'start' }],
      ['GET', `/api/claims/${claimId}/history`],
      ['POST', `/api/claims/${claimId}/evidence`, EVIDENCE],
      ['PATCH', evidencePath, { title: 'x' }],
      ['DELETE', evidencePath],
      ['POST', `/api/claims/${claimId}/notes`, { text: 'x' }],
      ['DELETE', `/api/claims/${claimId}/notes/x`],
      ['GET', `/api/articles/${SEED_ARTICLE}/note-text`],
      ['GET', '/api/users'],
      ['POST', '/api/users', { username: 'zed', role: 'editor', password: 'x'.repeat(12) }],
      ['PATCH', '/api/users/casey', { role: 'editor' }],
      ['GET', '/api/session'],
      ['DELETE', '/api/session'],
      ['GET', '/api/health'],
      ['GET', '/api/setup'],
      ['GET', '/api/openapi.json'],
      ['POST', '/api/articles', { source: 'text', headline: 'Headline', text: 'Text.' }],
      ['GET', `/api/articles/${SEED_ARTICLE}/suggestions`],
      ['POST', `/api/articles/${SEED_ARTICLE}/suggestions/x/accept`, {}],
      ['POST', `/api/articles/${SEED_ARTICLE}/suggestions/x/reject`, {}],
    ];
    for (const [method, url, payload] of routes) {
      const response = await h.as('dana', {
        method,
        url: `${url}?debug=1`,
        headers: { 'x-claimdesk-request': '1', 'if-match': '"1"' },
        ...(payload ? { payload } : {}),
      });
      assert.equal(response.statusCode, 400, `${method} ${url}: ${response.body}`);
      assert.equal(
        json<{ field: string }>(response).field,
        '/querystring/debug',
        `${method} ${url}`,
      );
    }
    assert.equal(await historyCount(h), before);
    const session = await h.as('dana', { url: '/api/session' });
    assert.equal(session.statusCode, 200, 'the sign-out with an unknown parameter did nothing');
  });

  it('answers a malformed or overlong path with a problem document', async () => {
    const badEncoding = await h.as('dana', { url: '/api/claims/%E0%A4%A' });
    assert.equal(badEncoding.statusCode, 400);
    assert.match(String(badEncoding.headers['content-type']), /application\/problem\+json/);
    assert.equal(json<{ status: number }>(badEncoding).status, 400);

    const longest = await h.as('dana', { url: `/api/claims/${'a'.repeat(200)}` });
    assert.equal(longest.statusCode, 404, 'an id of the longest allowed length is looked up');
    for (const length of [101, 150, 200]) {
      const response = await h.as('dana', { url: `/api/claims/${'b'.repeat(length)}/history` });
      assert.equal(response.statusCode, 404, `${length}: ${response.body}`);
    }
    const tooLong = await h.as('dana', { url: `/api/claims/${'a'.repeat(201)}` });
    assert.equal(tooLong.statusCode, 400);
    assert.equal(json<{ field: string }>(tooLong).field, '/params/id');
    const farTooLong = await h.as('dana', { url: `/api/claims/${'a'.repeat(5000)}` });
    assert.ok([400, 414].includes(farTooLong.statusCode), String(farTooLong.statusCode));
    assert.match(String(farTooLong.headers['content-type']), /application\/problem\+json/);
  });
});

describe('validators', () => {
  it('resolve shared schemas added with addSchema, in bodies and query strings', async () => {
    const instance = Fastify({ ...fastifyOptions(), logger: false });
    await instance.register(problems);
    instance.addSchema({
      $id: 'Count',
      type: 'object',
      properties: { n: { type: 'integer' } },
      required: ['n'],
      additionalProperties: false,
    });
    instance.post(
      '/body',
      { schema: { body: { $ref: 'Count#' } } },
      async (request) => request.body,
    );
    instance.get(
      '/query',
      { schema: { querystring: { $ref: 'Count#' } } },
      async (request) => request.query,
    );
    await instance.ready();
    const body = await instance.inject({ method: 'POST', url: '/body', payload: { n: 2 } });
    assert.deepEqual(json(body), { n: 2 });
    const text = await instance.inject({ method: 'POST', url: '/body', payload: { n: '2' } });
    assert.equal(text.statusCode, 400, 'no coercion in a body');
    const query = await instance.inject({ url: '/query?n=2' });
    assert.deepEqual(json(query), { n: 2 }, 'a query string is coerced');
    const bad = await instance.inject({ url: '/query?n=two' });
    assert.equal(bad.statusCode, 400);
    await instance.close();
  });
});
