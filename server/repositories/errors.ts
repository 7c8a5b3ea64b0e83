/**
 * What a repository refuses, in the desk's own terms: no HTTP status, no body
 * path. The routes decide how each is answered (server/routes/domain-problems.ts),
 * so that the same refusal reads the same from a request, a bulk change or a
 * script that calls the repository directly.
 */
import type { ArticleSummary, ClaimSummary } from '../../src/domain/claim';
import { ARCHIVED_REFUSAL, type Refusal } from '../../src/domain/workflow';

/** Every refusal a repository makes; anything else it throws is a fault. */
export abstract class DomainError extends Error {}

/** What the change is about does not exist (`Claim x`, `Note y`, `Bulk change z`). */
export class NotFoundError extends DomainError {
  constructor(
    readonly kind: string,
    readonly id: string,
    /** The input's field that named it, when the request did (`claimId`). */
    readonly field?: string,
  ) {
    super(`${kind} ${id} does not exist.`);
  }
}

/** The version the person saw is not the one stored: `current` is how it now stands. */
export class VersionConflictError extends DomainError {
  constructor(
    readonly kind: 'claim' | 'article',
    readonly current: ClaimSummary | ArticleSummary,
  ) {
    super(
      `Someone else changed this ${kind} (now version ${current.version}) since you loaded it.`,
    );
  }
}

/** A claim of an archived article takes no change. */
export class ArchivedArticleError extends DomainError {
  readonly refusal: Refusal = ARCHIVED_REFUSAL;
  constructor() {
    super(ARCHIVED_REFUSAL.message);
  }
}

/** The workflow does not allow the action in the claim's stage or for this person. */
export class WorkflowRefusedError extends DomainError {
  constructor(readonly refusal: Refusal) {
    super(refusal.message);
  }
}

/** The person may not do this; `field` names the claim field at fault, when one is. */
export class ForbiddenError extends DomainError {
  constructor(
    message: string,
    readonly code?: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

/**
 * The request's values cannot be stored: `fields` are the input's fields at
 * fault (the first one is the one to fix), `message` continues their names:
 * `end` + "must be after start".
 */
export class ValidationError extends DomainError {
  readonly fields: readonly string[];
  constructor(
    fields: string | readonly string[],
    readonly rule: string,
  ) {
    const list = typeof fields === 'string' ? [fields] : fields;
    super(`${list.join(' and ')} ${rule}`);
    this.fields = list;
  }
}

/** The change collides with the state of the desk (decided already, undone already, changed since). */
export class ConflictError extends DomainError {
  constructor(
    message: string,
    readonly code: string,
    /** The input's field at fault, when one is. */
    readonly field?: string,
  ) {
    super(message);
  }
}
