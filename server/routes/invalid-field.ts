/**
 * A refusal of one field that the route's JSON Schema cannot express. Worded as the
 * schema's own refusals (plugins/problems.ts): 400, the field's pointer in `field` and
 * at the start of `detail`, so that API clients read every refusal the same way and the
 * dashboard words it for people (src/domain/problem-wording.ts).
 */
import { ProblemError } from '../plugins/problems';

/** `field` is a pointer into the request: `/body/op/dueAt`; `rule` what it must be. */
export function invalidField(field: string, rule: string): ProblemError {
  return new ProblemError({
    title: 'Invalid request',
    status: 400,
    detail: `${field} ${rule}`,
    field,
  });
}

/** A query parameter the route refuses: `/querystring/<name> <rule>`. */
export function invalidQueryParameter(name: string, rule: string): ProblemError {
  return invalidField(`/querystring/${name}`, rule);
}
