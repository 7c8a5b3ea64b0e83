/**
 * Repositories refuse in the desk's terms (repositories/errors.ts), with no HTTP
 * status or body path; the routes answer each refusal as before, from one
 * place (routes/domain-problems.ts). Called directly here, as a script would.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { ClaimSummary } from '../../src/domain/claim';
import type { Actor } from '../../src/domain/workflow';
import { patchArticle } from '../repositories/article-changes';
import { addNote, deleteNote, patchClaim, transitionClaim } from '../repositories/claim-changes';
import { listClaims } from '../repositories/claims';
import {
  DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
  WorkflowRefusedError,
} from '../repositories/errors';
import { ProblemError } from '../plugins/problems';
import { problemOf } from '../routes/domain-problems';
import { type Harness, SEED_ARTICLE, startApp, withCast } from './harness';

const dana: Actor = { username: 'dana', role: 'editor' };
const casey: Actor = { username: 'casey', role: 'fact_checker' };

/** The error `promise` rejects with, which must be of `kind`. */
async function refusal<T extends DomainError>(
  promise: Promise<unknown>,
  kind: abstract new (...args: never[]) => T,
): Promise<T> {
  const error = await promise.then(
    () => assert.fail('the repository accepted what it should refuse'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof kind, `expected ${kind.name}, got ${String(error)}`);
  assert.ok(!(error instanceof ProblemError), 'no problem document from a repository');
  for (const http of ['status', 'statusCode', 'problem', 'title']) {
    assert.equal(http in error, false, `no ${http} on a domain error`);
  }
  return error;
}

describe('domain errors from repositories', () => {
  let h: Harness;
  let claim: ClaimSummary;

  before(async () => {
    h = await startApp();
    await withCast(h);
    [claim] = await listClaims(h.app.db, SEED_ARTICLE);
  });
  after(() => h.close());

  it('a stale version is a VersionConflictError carrying the claim as it now stands', async () => {
    const saved = await patchClaim(h.app.db, claim.id, claim.version, { statement: 'One' }, dana);
    const error = await refusal(
      patchClaim(h.app.db, claim.id, claim.version, { statement: 'Two' }, dana),
      VersionConflictError,
    );
    assert.equal(error.kind, 'claim');
    assert.equal(error.current.version, saved.value.version);
    assert.equal((error.current as ClaimSummary).statement, 'One');
    // Answered by the route exactly as before.
    const problem = problemOf(error);
    assert.deepEqual(
      [problem.status, problem['code'], problem.title],
      [412, 'stale', 'Precondition failed'],
    );
    assert.equal(problem['current'], error.current);
  });

  it('checks the version in the UPDATE: of two writers with one version, one wins', async () => {
    const [current] = await listClaims(h.app.db, SEED_ARTICLE);
    const outcomes = await Promise.allSettled(
      ['Three', 'Four'].map((statement) =>
        patchClaim(h.app.db, current.id, current.version, { statement }, dana),
      ),
    );
    const won = outcomes.filter((o) => o.status === 'fulfilled');
    const lost = outcomes.filter((o) => o.status === 'rejected');
    assert.equal(won.length, 1);
    assert.equal(lost.length, 1);
    assert.ok((lost[0] as PromiseRejectedResult).reason instanceof VersionConflictError);
    const [after] = await listClaims(h.app.db, SEED_ARTICLE);
    assert.equal(after.version, current.version + 1);
  });

  it('an article at a stale version is a VersionConflictError about the article', async () => {
    const error = await refusal(
      patchArticle(h.app.db, SEED_ARTICLE, -1, { headline: 'Never' }),
      VersionConflictError,
    );
    assert.equal(error.kind, 'article');
    assert.match(error.message, /this article \(now version \d+\)/);
  });

  it('names what is missing, what the workflow refuses and which field is wrong', async () => {
    const missing = await refusal(
      patchClaim(h.app.db, 'no-such-claim', 1, { statement: 'x' }, dana),
      NotFoundError,
    );
    assert.deepEqual([missing.kind, missing.id], ['Claim', 'no-such-claim']);
    assert.equal(problemOf(missing).status, 404);

    const [current] = await listClaims(h.app.db, SEED_ARTICLE);
    const refused = await refusal(
      transitionClaim(h.app.db, current.id, { action: 'approve' }, dana, null),
      WorkflowRefusedError,
    );
    assert.equal(typeof refused.refusal.code, 'string');
    assert.equal(problemOf(refused).status, 409);

    const invalid = await refusal(
      patchClaim(h.app.db, current.id, current.version, { dueAt: 'soon' }, dana),
      ValidationError,
    );
    assert.deepEqual(invalid.fields, ['dueAt']);
    assert.equal(problemOf(invalid).field, '/body/dueAt');

    const note = await addNote(h.app.db, current.id, 'Mine', dana);
    const forbidden = await refusal(
      deleteNote(h.app.db, current.id, note.value.id, casey),
      ForbiddenError,
    );
    assert.equal(problemOf(forbidden).status, 403);
    await deleteNote(h.app.db, current.id, note.value.id, dana);
    // Deleted already: the tombstone's UPDATE finds no live note.
    await refusal(deleteNote(h.app.db, current.id, note.value.id, dana), NotFoundError);
  });
});
