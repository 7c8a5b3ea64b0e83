/**
 * database/query-template.ts: a query compiled once answers each run with that run's
 * values, shapes of one family stay apart, and a build that looks at its values (which
 * are stand-ins while it runs) is refused on its first run rather than sending wrong SQL.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { queryTemplate, queryTemplates } from '../database/query-template';
import { Harness, SEED_ARTICLE, startApp } from './harness';

describe('query templates', () => {
  let h: Harness;

  before(async () => {
    h = await startApp();
  });
  after(() => h.close());

  it('answers each run with its own values', async () => {
    const claimsOf = queryTemplate((db, values: { articleId: string; from: number }) =>
      db
        .selectFrom('claims')
        .select('id')
        .where('article_id', '=', values.articleId)
        .where('start_offset', '>=', values.from)
        .orderBy('id'),
    );
    const all = (await claimsOf(h.app.db, { articleId: SEED_ARTICLE, from: 0 })).rows;
    assert.ok(all.length > 1, 'the seed article has claims');
    const none = await claimsOf(h.app.db, { articleId: 'no-such-article', from: 0 });
    assert.deepEqual(none.rows, []);
    const again = await claimsOf(h.app.db, { articleId: SEED_ARTICLE, from: 0 });
    assert.deepEqual(again.rows, all);
  });

  it('compiles one template per shape of a family', async () => {
    const columnOf = queryTemplates(
      (column: 'statement' | 'quote') => column,
      (db, values: { id: string }, column) =>
        db.selectFrom('claims').select(`${column} as text`).where('id', '=', values.id),
    );
    const [claim] = await h.app.db
      .selectFrom('claims')
      .select(['id', 'statement', 'quote'])
      .execute();
    const statement = await columnOf(h.app.db, 'statement', { id: claim.id });
    const quote = await columnOf(h.app.db, 'quote', { id: claim.id });
    assert.equal(statement.rows[0]?.text, claim.statement);
    assert.equal(quote.rows[0]?.text, claim.quote);
  });

  it('refuses a build that uses a value as anything but a value', async () => {
    const peeking = queryTemplate((db, values: { id: string }) =>
      db.selectFrom('claims').select('id').where('id', '=', String(values.id).trim()),
    );
    await assert.rejects(peeking(h.app.db, { id: 'x' }), /not parameters of it/);
  });
});
