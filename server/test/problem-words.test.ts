/**
 * Refusals read in plain words: the field's pointer first (API clients keep it; the dashboard
 * turns it into the field's label, src/domain/problem-wording.ts), then the rule as people
 * say it, never the validator's wording, a regular expression or a quoted header.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { problemWording } from '../../src/domain/problem-wording';
import { type Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

/** What the validator or Fastify would have said, word for word or in part. */
const OLD_STYLE =
  /must have required|must NOT|must be [<>]=|must match|must be (integer|string)|\^|\$|content-type|Body /;

describe('problem details in plain words', () => {
  let h: Harness;
  before(async () => {
    h = await startApp({ claimsDir: null });
    await withCast(h);
  });
  after(() => h.close());

  const refusal = async (
    method: 'GET' | 'POST' | 'PATCH',
    url: string,
    payload?: object | string,
    headers: Record<string, string> = {},
  ) => {
    const response = await h.as('ada', {
      method,
      url,
      headers,
      ...(payload === undefined
        ? {}
        : typeof payload === 'string'
          ? { body: payload }
          : { payload }),
    });
    assert.ok(response.statusCode >= 400 && response.statusCode < 500, response.body);
    return json<{ title: string; detail: string; field?: string }>(response);
  };

  it('says each schema rule in words, after the field it is about', async () => {
    const cases: [Parameters<typeof refusal>, string, string][] = [
      [
        ['POST', `/api/articles/${SEED_ARTICLE}/claims`, {}],
        '/body/start is required',
        'Start is required',
      ],
      [
        ['GET', '/api/search?q=a&limit=500'],
        '/querystring/limit must be at most 50',
        'Limit must be at most 50',
      ],
      [
        ['GET', '/api/search?q=a&limit=x'],
        '/querystring/limit must be a whole number',
        'Limit must be a whole number',
      ],
      [
        ['POST', '/api/claims/bulk', { ids: [], op: { type: 'assign', assignee: null } }],
        '/body/ids must hold at least 1 item',
        'Selected claims must hold at least 1 item',
      ],
      [
        [
          'PATCH',
          `/api/articles/${SEED_ARTICLE}`,
          { publishedAt: 'yesterday' },
          { 'if-match': '"1"' },
        ],
        '/body/publishedAt must be a date, such as 2026-05-04',
        'Publication date must be a date, such as 2026-05-04',
      ],
      [
        ['GET', '/api/search?q=a&cursor=a%20b'],
        '/querystring/cursor may hold only letters, digits and _ -',
        'Cursor may hold only letters, digits and _ -',
      ],
    ];
    for (const [request, detail, words] of cases) {
      const problem = await refusal(...request);
      assert.equal(problem.detail, detail, request[1]);
      assert.equal(problem.field, detail.split(' ')[0]);
      assert.equal(problemWording(problem), words);
      assert.doesNotMatch(problem.detail, OLD_STYLE);
    }
  });

  it('says what is wrong with a body Fastify refuses, in words', async () => {
    const json = { 'content-type': 'application/json' };
    const broken = await refusal('POST', '/api/webhooks', '{"url": ', json);
    assert.equal(broken.detail, 'The request body is not valid JSON.');
    const empty = await refusal('POST', '/api/webhooks', '', json);
    assert.equal(empty.detail, 'The request body is empty: send JSON, or no content type.');
    for (const problem of [broken, empty]) {
      assert.doesNotMatch(problem.detail, OLD_STYLE);
    }
  });
});
