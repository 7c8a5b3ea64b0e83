/**
 * RFC 9457 problem documents for every error, so that a client always gets a
 * readable reason and the field at fault, and nothing becomes a bare 500.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { DISPLAY_NAME_RULE } from '../../src/domain/people';
import { schemaRuleWording } from '../../src/domain/problem-wording';
import { DomainError } from '../repositories/errors';
import { problemOf } from '../routes/domain-problems';
import { DISPLAY_NAME_KEYWORD, VISIBLE_CHARACTER, WEB_URL_KEYWORD } from '../routes/schemas';

export interface Problem {
  readonly type?: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** JSON Pointer-ish path of the field at fault, e.g. `/body/url`. */
  readonly field?: string;
  readonly [extension: string]: unknown;
}

export const PROBLEM_TYPE = 'application/problem+json';

/**
 * Thrown from routes and plugins; the error handler answers with its problem.
 * Repositories throw DomainErrors instead, answered by `problemOf`.
 */
export class ProblemError extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail ?? problem.title);
  }
}

export function sendProblem(reply: FastifyReply, problem: Problem): FastifyReply {
  return reply.status(problem.status).type(PROBLEM_TYPE).send(problem);
}

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Sign in required',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Request too large',
  414: 'Address too long',
  415: 'Unsupported media type',
  428: 'Precondition required',
  429: 'Too many attempts',
};

/** Fastify's own refusals of a request's body, in words (its messages quote headers and codes). */
const FASTIFY_REFUSALS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty: send JSON, or no content type.',
  FST_ERR_CTP_BODY_TOO_LARGE: 'The request body is too large.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This kind of content is not accepted: send JSON.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request body is not as long as its Content-Length says.',
};

interface ValidationIssue {
  instancePath: string;
  keyword?: string;
  message?: string;
  params: Record<string, unknown>;
}

/** Ajv's wording for the checks people hit most, in words a newsroom uses. */
function humanMessage(issue: ValidationIssue): string {
  const pattern = String(issue.params['pattern'] ?? '');
  if (issue.keyword === 'pattern' && pattern.includes('[Hh][Tt][Tt][Pp]')) {
    return 'must be an http:// or https:// link';
  }
  if (issue.keyword === WEB_URL_KEYWORD) {
    return 'must be an http:// or https:// link with a valid host name and port, such as https://example.org/page';
  }
  if (issue.keyword === DISPLAY_NAME_KEYWORD) {
    return DISPLAY_NAME_RULE;
  }
  if (issue.keyword === 'pattern' && pattern.includes(VISIBLE_CHARACTER)) {
    return 'must contain visible text, without control characters';
  }
  if (issue.keyword === 'format' && issue.params['format'] === 'uri') {
    return 'must be a complete link, such as https://example.org/page';
  }
  // Every other check in the plain words of src/domain/problem-wording.ts.
  return schemaRuleWording(issue);
}

function fieldOf(context: string | undefined, issue: ValidationIssue): string {
  const missing = issue.params['missingProperty'];
  const extra = issue.params['additionalProperty'];
  const leaf =
    typeof missing === 'string' ? `/${missing}` : typeof extra === 'string' ? `/${extra}` : '';
  return `/${context ?? 'body'}${issue.instancePath}${leaf}`;
}

/**
 * Errors the router answers before any route or hook runs (Fastify's
 * `frameworkErrors`): a path that is not valid percent-encoding, a path segment
 * longer than any id.
 */
export function answerFrameworkError(
  error: FastifyError,
  _request: FastifyRequest,
  reply: FastifyReply,
): void {
  if (error.code === 'FST_ERR_MAX_PARAM_LENGTH') {
    sendProblem(reply, {
      title: TITLES[414],
      status: 414,
      detail: 'A part of the address is longer than any id can be.',
      code: error.code,
    });
    return;
  }
  const status = error.statusCode && error.statusCode < 500 ? error.statusCode : 400;
  sendProblem(reply, {
    title: TITLES[status] ?? 'Bad request',
    status,
    detail:
      error.code === 'FST_ERR_BAD_URL'
        ? 'The address is not valid: a % must be followed by two hexadecimal digits of UTF-8.'
        : error.message,
    code: error.code,
  });
}

export default fp(
  async (app) => {
    app.setErrorHandler((error: FastifyError | ProblemError | DomainError, request, reply) => {
      if (error instanceof ProblemError) {
        return sendProblem(reply, error.problem);
      }
      if (error instanceof DomainError) {
        return sendProblem(reply, problemOf(error));
      }
      if (error.validation && error.validation.length > 0) {
        const issue = error.validation[0] as ValidationIssue;
        const field = fieldOf(error.validationContext, issue);
        const detail = `${field} ${humanMessage(issue)}`;
        return sendProblem(reply, { title: 'Invalid request', status: 400, detail, field });
      }
      const status = error.statusCode && error.statusCode >= 400 ? error.statusCode : 500;
      if (status >= 500) {
        request.log.error({ err: error }, 'request failed');
        return sendProblem(reply, {
          title: 'Server error',
          status,
          detail: 'Something went wrong on the server; nothing was saved. Try again.',
        });
      }
      return sendProblem(reply, {
        title: TITLES[status] ?? 'Request refused',
        status,
        detail: FASTIFY_REFUSALS[error.code] ?? error.message,
      });
    });
  },
  { name: 'problems' },
);
