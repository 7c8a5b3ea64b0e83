/** Work survives a restart and a re-import; the import never overwrites. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import type { ArticleSummary, ClaimDetail, ClaimSummary } from '../../src/domain/claim';
import { json, SEED_ARTICLE, spawnServer, startApp, withCast } from './harness';

describe('persistence', () => {
  const dir = mkdtempSync(join(tmpdir(), 'claimdesk-persist-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps every change across a restart, and re-import changes nothing', async () => {
    const first = await startApp({ dir });
    await withCast(first);
    const claims = json<ClaimSummary[]>(
      await first.as('casey', { url: `/api/articles/${SEED_ARTICLE}/claims` }),
    );
    const id = claims[0].id;
    await first.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/transitions`,
      payload: { action: 'start' },
    });
    await first.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${id}`,
      headers: { 'if-match': '2' },
      payload: { verdict: 'mostly_true', rationale: 'Close.' },
    });
    await first.as('casey', {
      method: 'POST',
      url: `/api/claims/${id}/notes`,
      payload: { text: 'Persist me' },
    });
    await first.close();

    const second = await startApp({ dir });
    const detail = json<ClaimDetail>(await second.as('casey', { url: `/api/claims/${id}` }));
    assert.equal(detail.stage, 'researching');
    assert.equal(detail.verdict, 'mostly_true');
    assert.equal(detail.notes[0].text, 'Persist me');
    const articles = json<ArticleSummary[]>(await second.as('casey', { url: '/api/articles' }));
    assert.equal(articles.filter((a) => a.id === SEED_ARTICLE).length, 1);
    assert.equal(articles[0].claimCount, claims.length, 're-import added no claims');
    const history = await second.app.db
      .selectFrom('history')
      .select('action')
      .where('claim_id', '=', id)
      .execute();
    assert.equal(history.filter((h) => h.action === 'import').length, 1);
    await second.close();
  });

  it('loses no acknowledged write when the server process is killed', async () => {
    const killDir = mkdtempSync(join(tmpdir(), 'claimdesk-kill-'));
    const setup = await startApp({ dir: killDir });
    await withCast(setup);
    await setup.close();
    const { address, child, exited, cookie, claims } = await spawnServer(killDir);
    const acknowledged: string[] = [];
    for (let i = 0; i < 20; i += 1) {
      const response = await fetch(`${address}/api/claims/${claims[i % claims.length].id}/notes`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', cookie },
        body: JSON.stringify({ text: `note ${i}` }),
      });
      if (response.status === 201) acknowledged.push(`note ${i}`);
    }
    child.kill('SIGKILL');
    await exited;
    assert.equal(acknowledged.length, 20);
    const after = await startApp({ dir: killDir });
    const stored = await after.app.db.selectFrom('notes').select('text').execute();
    assert.deepEqual(stored.map((n) => n.text).sort(), [...acknowledged].sort());
    await after.close();
    rmSync(killDir, { recursive: true, force: true });
  });
});
