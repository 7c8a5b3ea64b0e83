/**
 * The checks every claim change makes before it writes, in the change's own
 * transaction: the claim exists, its article is not archived, the version is
 * the one the person saw, the person may change the field.
 */
import type { ClaimSummary } from '../../src/domain/claim';
import { Actor, canEditField, EditableField } from '../../src/domain/workflow';
import { Db, findClaim, findClaimWithArticleState } from './claims';
import { ArchivedArticleError, ForbiddenError, NotFoundError, ValidationError } from './errors';
import type { ChangeEvent } from './events';

export interface Changed<T> {
  readonly value: T;
  /** Events to publish once the transaction has committed. */
  readonly events: ChangeEvent[];
}

export async function claimOrThrow(db: Db, id: string): Promise<ClaimSummary> {
  const claim = await findClaim(db, id);
  if (!claim) {
    throw new NotFoundError('Claim', id);
  }
  return claim;
}

/** An article's text, once it is known to exist and to take changes (not archived). */
export async function openArticleText(db: Db, articleId: string): Promise<string> {
  const row = await db
    .selectFrom('articles')
    .select(['text', 'archived'])
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (!row) {
    throw new NotFoundError('Article', articleId);
  }
  if (row.archived !== 0) {
    throw new ArchivedArticleError();
  }
  return row.text;
}

/** A claim that may change: it exists and its article is not archived. */
export async function changeableClaim(db: Db, id: string): Promise<ClaimSummary> {
  return (await changeTarget(db, id)).claim;
}

/**
 * `changeableClaim` with its article's headline, which a hand-over's messages name, and
 * the number of active webhooks, which a hand-over queues deliveries for.
 */
export async function changeTarget(
  db: Db,
  id: string,
): Promise<{ claim: ClaimSummary; articleHeadline: string; activeWebhooks: number }> {
  const found = await findClaimWithArticleState(db, id);
  if (!found) {
    throw new NotFoundError('Claim', id);
  }
  if (found.articleArchived) {
    throw new ArchivedArticleError();
  }
  return found;
}

export async function assertArticleOpen(db: Db, articleId: string): Promise<void> {
  const row = await db
    .selectFrom('articles')
    .select('archived')
    .where('id', '=', articleId)
    .executeTakeFirst();
  if (row && row.archived !== 0) {
    throw new ArchivedArticleError();
  }
}

export function refuseField(claim: ClaimSummary, actor: Actor, field: EditableField): void {
  const decision = canEditField(claim, actor, field);
  if (!decision.allowed) {
    const { message, code } = decision.refusal;
    throw new ForbiddenError(message, code, field === 'evidence' ? undefined : field);
  }
}

/** Whether `username` names an account that may be given work (exists, not disabled). */
export async function isActiveUser(db: Db, username: string): Promise<boolean> {
  const user = await db
    .selectFrom('users')
    .select('id')
    .where('username', '=', username)
    .where('disabled', '=', 0)
    .executeTakeFirst();
  return user !== undefined;
}

/** Refuses a `field` (of the claim) that does not name an active user. */
export async function assertActiveUser(db: Db, username: string, field: string): Promise<void> {
  if (!(await isActiveUser(db, username))) {
    throw new ValidationError(
      field,
      `must be the username of an active user; "${username}" is not.`,
    );
  }
}
