/**
 * The checks every claim change makes before it writes, in the change's own
 * transaction: the claim exists, its article is not archived, the version is
 * the one the person saw, the person may change the field.
 */
import type { ClaimSummary } from '../../src/domain/claim';
import { Actor, ARCHIVED_REFUSAL, canEditField, EditableField } from '../../src/domain/workflow';
import { ProblemError } from '../plugins/problems';
import { Db, findClaim } from './claims';
import type { ChangeEvent } from './events';

export interface Changed<T> {
  readonly value: T;
  /** Events to publish once the transaction has committed. */
  readonly events: ChangeEvent[];
}

export function notFound(what: string): ProblemError {
  return new ProblemError({ title: 'Not found', status: 404, detail: `${what} does not exist.` });
}

export async function claimOrThrow(db: Db, id: string): Promise<ClaimSummary> {
  const claim = await findClaim(db, id);
  if (!claim) {
    throw notFound(`Claim ${id}`);
  }
  return claim;
}

export function archivedProblem(): ProblemError {
  return new ProblemError({
    title: 'Article archived',
    status: 409,
    detail: ARCHIVED_REFUSAL.message,
    code: ARCHIVED_REFUSAL.code,
  });
}

/** An article's text, once it is known to exist and to take changes (not archived). */
export async function openArticleText(db: Db, articleId: string): Promise<string> {
  const row = await db
    .selectFrom('articles')
    .select(['text', 'archived'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) {
    throw notFound(`Article ${articleId}`);
  }
  if (row.archived !== 0) {
    throw archivedProblem();
  }
  return row.text;
}

/** A claim that may change: it exists and its article is not archived. */
export async function changeableClaim(db: Db, id: string): Promise<ClaimSummary> {
  const claim = await claimOrThrow(db, id);
  await assertArticleOpen(db, claim.articleId);
  return claim;
}

export async function assertArticleOpen(db: Db, articleId: string): Promise<void> {
  const row = await db
    .selectFrom('articles')
    .select('archived')
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (row && row.archived !== 0) {
    throw archivedProblem();
  }
}

export function refuseField(claim: ClaimSummary, actor: Actor, field: EditableField): void {
  const decision = canEditField(claim, actor, field);
  if (!decision.allowed) {
    throw new ProblemError({
      title: 'Not allowed',
      status: 403,
      detail: decision.refusal.message,
      field: field === 'evidence' ? undefined : `/body/${field}`,
      code: decision.refusal.code,
    });
  }
}

export async function assertActiveUser(db: Db, username: string, field: string): Promise<void> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  if (!user) {
    throw new ProblemError({
      title: 'Invalid request',
      status: 400,
      detail: `${field} must be the username of an active user; "${username}" is not.`,
      field,
    });
  }
}

export function staleProblem(current: ClaimSummary): ProblemError {
  return new ProblemError({
    title: 'Precondition failed',
    status: 412,
    detail: `Someone else changed this claim (now version ${current.version}) since you loaded it.`,
    code: 'stale',
    current,
  });
}
