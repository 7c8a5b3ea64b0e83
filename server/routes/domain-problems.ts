/**
 * The one place where a repository's refusal becomes an HTTP answer: its
 * status, title and the body path of the field at fault. The problems plugin
 * answers every DomainError a route lets through with it; a bulk change
 * answers each claim's with it.
 */
import type { Problem } from '../plugins/problems';
import {
  ArchivedArticleError,
  ConflictError,
  type DomainError,
  ForbiddenError,
  NotFoundError,
  ValidationError,
  VersionConflictError,
  WorkflowRefusedError,
} from '../repositories/errors';

/** Repositories name the input's fields; requests carry them in the body. */
const bodyPath = (field: string) => `/body/${field}`;

export function problemOf(error: DomainError): Problem {
  if (error instanceof NotFoundError) {
    return {
      title: 'Not found',
      status: 404,
      detail: error.message,
      ...(error.field !== undefined ? { field: bodyPath(error.field) } : {}),
    };
  }
  if (error instanceof VersionConflictError) {
    // 412: the If-Match the request carried no longer holds.
    return {
      title: 'Precondition failed',
      status: 412,
      detail: error.message,
      code: 'stale',
      current: error.current,
    };
  }
  if (error instanceof ArchivedArticleError) {
    return {
      title: 'Article archived',
      status: 409,
      detail: error.message,
      code: error.refusal.code,
    };
  }
  if (error instanceof WorkflowRefusedError) {
    return {
      title: 'Action refused',
      status: 409,
      detail: error.message,
      code: error.refusal.code,
    };
  }
  if (error instanceof ForbiddenError) {
    return {
      title: 'Not allowed',
      status: 403,
      detail: error.message,
      ...(error.field !== undefined ? { field: bodyPath(error.field) } : {}),
      ...(error.code !== undefined ? { code: error.code } : {}),
    };
  }
  if (error instanceof ValidationError) {
    return {
      title: 'Invalid request',
      status: 400,
      detail: `${error.fields.map(bodyPath).join(' and ')} ${error.rule}`,
      field: bodyPath(error.fields[0]),
    };
  }
  if (error instanceof ConflictError) {
    return {
      title: 'Conflict',
      status: 409,
      detail: error.message,
      code: error.code,
      ...(error.field !== undefined ? { field: bodyPath(error.field) } : {}),
    };
  }
  // A refusal added without a mapping here still reads as one, not as a fault.
  return { title: 'Conflict', status: 409, detail: error.message };
}
