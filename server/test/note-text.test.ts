/** GET /api/articles/:id/note-text: each claim's live notes as one text, for the dashboard's search. */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary, Note } from '../../src/domain/claim';
import { PROJECT_ROOT } from '../config';
import { Harness, json, SEED_ARTICLE, startApp, withCast } from './harness';

const OTHER_ARTICLE = 'second-article';

/** The seed article, and a copy under another id, so that one article's notes can leak into the other's. */
function twoArticles(): string {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-note-text-claims-'));
  const source = readFileSync(join(PROJECT_ROOT, 'claims', `${SEED_ARTICLE}.json`), 'utf8');
  writeFileSync(join(dir, `${SEED_ARTICLE}.json`), source);
  const copy = JSON.parse(source) as {
    article: { id: string };
    claims: { id: string }[];
  };
  copy.article.id = OTHER_ARTICLE;
  for (const claim of copy.claims) {
    claim.id = `second-${claim.id}`;
  }
  writeFileSync(join(dir, `${OTHER_ARTICLE}.json`), JSON.stringify(copy));
  return dir;
}

describe('note text for search', () => {
  let h: Harness;
  let claimsDir: string;
  let seed: ClaimSummary[];
  let other: ClaimSummary[];

  const url = (articleId: string, query = '') => `/api/articles/${articleId}/note-text${query}`;

  async function addNote(username: string, claimId: string, text: string): Promise<Note> {
    const response = await h.as(username, {
      method: 'POST',
      url: `/api/claims/${claimId}/notes`,
      payload: { text },
    });
    assert.equal(response.statusCode, 201, response.body);
    return json<Note>(response);
  }

  before(async () => {
    claimsDir = twoArticles();
    h = await startApp({ claimsDir });
    await withCast(h);
    seed = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    other = json<ClaimSummary[]>(
      await h.as('casey', { url: `/api/articles/${OTHER_ARTICLE}/claims` }),
    );
    assert.ok(seed.length > 3 && other.length > 0);
  });

  after(async () => {
    await h.close();
    rmSync(claimsDir, { recursive: true, force: true });
  });

  it('needs a session', async () => {
    const response = await h.app.inject({ url: url(SEED_ARTICLE) });
    assert.equal(response.statusCode, 401);
    assert.match(String(response.headers['content-type']), /application\/problem\+json/);
  });

  it('answers 404 for an article that does not exist, and 400 for a malformed claim id', async () => {
    const missing = await h.as('casey', { url: url('no-such-article') });
    assert.equal(missing.statusCode, 404);
    assert.match(json<{ detail: string }>(missing).detail, /no-such-article/);
    const malformed = await h.as('casey', { url: url(SEED_ARTICLE, '?claimId=a%20b') });
    assert.equal(malformed.statusCode, 400);
  });

  it('is empty while no claim has a note', async () => {
    const response = await h.as('casey', { url: url(SEED_ARTICLE) });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(json(response), {});
  });

  it('joins each claim’s live notes, oldest first; deleted notes and other articles are left out', async () => {
    const [first, second, third] = seed;
    await addNote('casey', first.id, 'Reuters puts it at three million.');
    const wrong = await addNote('casey', first.id, 'A note written on the wrong claim.');
    await addNote('dana', first.id, 'Ask the ministry for <b>its</b> figure.');
    await addNote('casey', second.id, 'Only ever said by the Kremlin.');
    const onlyNote = await addNote('casey', third.id, 'Soon deleted.');
    await addNote('casey', other[0].id, 'Belongs to the other article.');
    for (const note of [wrong, onlyNote]) {
      const deleted = await h.as('dana', {
        method: 'DELETE',
        url: `/api/claims/${note.claimId}/notes/${note.id}`,
        // No body, so the header a cross-site form cannot send.
        headers: { 'x-claimdesk-request': '1' },
      });
      assert.equal(deleted.statusCode, 200, deleted.body);
    }

    const response = await h.as('robin', { url: url(SEED_ARTICLE) });
    assert.equal(response.statusCode, 200);
    assert.deepEqual(json(response), {
      [first.id]: 'Reuters puts it at three million.\nAsk the ministry for <b>its</b> figure.',
      [second.id]: 'Only ever said by the Kremlin.',
    });
    assert.deepEqual(json(await h.as('robin', { url: url(OTHER_ARTICLE) })), {
      [other[0].id]: 'Belongs to the other article.',
    });
  });

  it('narrows to one claim with claimId, empty when that claim has no live note', async () => {
    const [first, , third] = seed;
    assert.deepEqual(
      json(await h.as('casey', { url: url(SEED_ARTICLE, `?claimId=${first.id}`) })),
      {
        [first.id]: 'Reuters puts it at three million.\nAsk the ministry for <b>its</b> figure.',
      },
    );
    assert.deepEqual(
      json(await h.as('casey', { url: url(SEED_ARTICLE, `?claimId=${third.id}`) })),
      {},
    );
    // A claim of another article is not reachable through this article.
    assert.deepEqual(
      json(await h.as('casey', { url: url(SEED_ARTICLE, `?claimId=${other[0].id}`) })),
      {},
    );
  });

  it('is described in the OpenAPI document', async () => {
    const spec = json<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>(
      await h.app.inject({ url: '/api/openapi.json' }),
    );
    const route = spec.paths['/api/articles/{id}/note-text'];
    assert.ok(route?.get, 'route documented');
    assert.ok(route.get.responses['200'] && route.get.responses['404']);
  });
});
