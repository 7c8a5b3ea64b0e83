/**
 * The version a client says it edited (`If-Match`), for claims and articles alike.
 * Accepts `3`, `"3"` and `W/"3"`: what browsers and curl users send.
 */
import { ProblemError } from '../plugins/problems';
import { problemRef } from './schemas';

/** The header schema of a route that reads If-Match (the value is checked by `parse`). */
export const ifMatchHeaders = {
  type: 'object',
  properties: { 'if-match': { type: 'string', maxLength: 40 } },
};

/** A versioned edit's extra answers: 409 (the rules refuse), 412 (stale), 428 (no If-Match). */
export const conflictResponses = { 409: problemRef, 412: problemRef, 428: problemRef };

function parse(header: string | undefined, what: string): number | null {
  if (header === undefined) {
    return null;
  }
  const match = /^(?:W\/)?"?(\d{1,12})"?$/.exec(header.trim());
  if (!match) {
    throw new ProblemError({
      title: 'Invalid request',
      status: 400,
      detail: `/headers/if-match must be the ${what} version, e.g. "3".`,
      field: '/headers/if-match',
    });
  }
  return Number(match[1]);
}

/** For an edit: without If-Match it would overwrite blindly, so it is refused (428). */
export function requiredVersion(header: string | undefined, what: 'claim' | 'article'): number {
  const version = parse(header, what);
  if (version === null) {
    throw new ProblemError({
      title: 'Precondition required',
      status: 428,
      detail: `Send If-Match with the version of the ${what} you edited, so that no one else’s change is overwritten.`,
      field: '/headers/if-match',
    });
  }
  return version;
}

/** For a workflow action, which the rules check against the claim as it stands: If-Match is optional. */
export function optionalVersion(
  header: string | undefined,
  what: 'claim' | 'article',
): number | null {
  return parse(header, what);
}
