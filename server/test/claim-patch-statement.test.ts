/**
 * repositories/claim-patch-statement.ts: on PostgreSQL a PATCH of the claim's own fields
 * is one statement that writes the change, its history entry and its event only when
 * every check holds, and nothing otherwise (the usual path then answers). Through the
 * API, on both engines: the event carries the claim as the API serves it, byte for byte
 * what JSON.stringify writes, and the history entry the values before and after.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import { isPostgres } from '../database/engine';
import { patchClaimChecked, type StatementPatchField } from '../repositories/claim-patch-statement';
import { findClaim } from '../repositories/claims';
import { Harness, json, SEED_ARTICLE, seedClaims, startApp, withCast } from './harness';

describe('a PATCH of the claim itself, its history entry and its event', () => {
  let h: Harness;

  before(async () => {
    h = await startApp();
    await withCast(h);
  });
  after(() => h.close());

  const eventCount = async () =>
    Number(
      (
        await h.app.db
          .selectFrom('events')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  const lastEvent = () =>
    h.app.db
      .selectFrom('events')
      .select(['id', 'type', 'article_id', 'claim_id', 'payload'])
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  const lastHistory = (claimId: string) =>
    h.app.db
      .selectFrom('history')
      .select(['article_id', 'action', 'actor', 'before', 'after', 'note', 'correction'])
      .where('claim_id', '=', claimId)
      .orderBy('id', 'desc')
      .limit(1)
      .executeTakeFirstOrThrow();

  it('carries the claim as JSON.stringify writes it, and the values before and after', async () => {
    const [claim] = await seedClaims(h);
    const rationale = 'Said "twice"\n\ton air: café ✓ \\ done';
    const response = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${claim.id}`,
      headers: { 'if-match': `"${claim.version}"` },
      payload: { summary: '  A summary  ', rationale },
    });
    assert.equal(response.statusCode, 200, response.body);
    const stored = await findClaim(h.app.db, claim.id);
    assert.ok(stored);
    assert.deepEqual(json<ClaimSummary>(response), stored);
    assert.equal(stored.version, claim.version + 1);
    assert.equal(stored.updatedBy, 'casey');
    const event = await lastEvent();
    assert.equal(event.type, 'claim.updated');
    assert.equal(event.claim_id, claim.id);
    assert.equal(event.article_id, SEED_ARTICLE);
    assert.equal(event.payload, JSON.stringify({ claim: stored }));
    const entry = await lastHistory(claim.id);
    assert.deepEqual(entry, {
      article_id: SEED_ARTICLE,
      action: 'update',
      actor: 'casey',
      // In the PATCH's order of fields, whatever order the request sent them in.
      before: JSON.stringify({ rationale: claim.rationale, summary: claim.summary }),
      after: JSON.stringify({ rationale, summary: 'A summary' }),
      note: null,
      correction: 0,
    });
  });

  it('leaves a field sent unchanged out of the change and its history', async () => {
    const [, claim] = await seedClaims(h);
    const response = await h.as('casey', {
      method: 'PATCH',
      url: `/api/claims/${claim.id}`,
      headers: { 'if-match': `"${claim.version}"` },
      payload: { statement: claim.statement, rationale: 'Only this changed.' },
    });
    assert.equal(response.statusCode, 200, response.body);
    const entry = await lastHistory(claim.id);
    assert.equal(entry.before, JSON.stringify({ rationale: claim.rationale }));
    assert.equal(entry.after, JSON.stringify({ rationale: 'Only this changed.' }));
  });

  it('on PostgreSQL writes in one statement only when every check holds', async () => {
    const claims = await seedClaims(h);
    const casey = { username: 'casey', role: 'fact_checker' } as const;
    const rationale = (text: string) =>
      new Map<StatementPatchField, unknown>([['rationale', text]]);
    const [open, locked] = [claims[2], claims[3]];
    const written = await patchClaimChecked(
      h.app.db,
      open.id,
      open.version,
      rationale('Checked.'),
      casey,
    );
    if (!isPostgres(h.app.db)) {
      // SQLite takes the usual path: the claim read and the write cost no round trips.
      assert.equal(written, undefined);
      return;
    }
    assert.ok(written);
    const stored = await findClaim(h.app.db, open.id);
    assert.deepEqual(written.value, stored);
    assert.deepEqual(written.event.data, { claim: stored });
    assert.equal(written.event.type, 'claim.updated');

    await h.setStage(locked.id, 'in_review');
    const events = await eventCount();
    const refused: [string, Promise<unknown>][] = [
      [
        'an older version',
        patchClaimChecked(h.app.db, open.id, open.version, rationale('Late.'), casey),
      ],
      ['no such claim', patchClaimChecked(h.app.db, 'no-such-claim', 1, rationale('Lost.'), casey)],
      [
        'a value already stored',
        patchClaimChecked(h.app.db, open.id, open.version + 1, rationale('Checked.'), casey),
      ],
      [
        'a field locked in its stage',
        patchClaimChecked(h.app.db, locked.id, locked.version, rationale('Frozen.'), casey),
      ],
      [
        "a field of another role's",
        patchClaimChecked(
          h.app.db,
          open.id,
          open.version + 1,
          new Map<StatementPatchField, unknown>([['statement', 'Editors only.']]),
          casey,
        ),
      ],
    ];
    for (const [why, attempt] of refused) {
      assert.equal(await attempt, undefined, why);
    }
    await h.app.db
      .updateTable('articles')
      .set({ archived: 1 })
      .where('id', '=', SEED_ARTICLE)
      .execute();
    try {
      const archived = await patchClaimChecked(
        h.app.db,
        open.id,
        open.version + 1,
        rationale('Archived.'),
        casey,
      );
      assert.equal(archived, undefined, 'an archived article');
    } finally {
      await h.app.db
        .updateTable('articles')
        .set({ archived: 0 })
        .where('id', '=', SEED_ARTICLE)
        .execute();
    }
    assert.equal(await eventCount(), events, 'nothing written');
    assert.deepEqual(await findClaim(h.app.db, open.id), stored);
  });
});
