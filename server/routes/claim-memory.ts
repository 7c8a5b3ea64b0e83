/**
 * Claim memory (issue 11): mark a claim as a repeat of an earlier check, undo it, and
 * adopt the earlier check. Each needs If-Match, as an edit does (412 when stale, 428
 * without): the person decides on the claim as they saw it.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { RepeatOfRequest } from '../../src/domain/claim-memory';
import type { Actor } from '../../src/domain/workflow';
import { currentUser } from '../plugins/auth';
import type { Changed } from '../repositories/claim-guards';
import { adoptCheck, markRepeat, unmarkRepeat } from '../repositories/claim-memory';
import { conflictResponses, ifMatchHeaders, requiredVersion } from './if-match';
import {
  claimDetailSchema,
  claimSummarySchema,
  errorResponses,
  idParam,
  idPathParams,
  noQuerystring,
} from './schemas';

interface ClaimParams {
  id: string;
}

interface IfMatch {
  'if-match'?: string;
}

/** An adoption takes nothing but If-Match: no body (with the request header instead) means `{}`. */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const claimMemory: FastifyPluginAsync = async (app) => {
  /**
   * The one shape of these routes: the claim's version from If-Match, the change, its
   * events published, and the claim answered with its new ETag.
   */
  function versionedChange<R extends FastifyRequest<{ Params: ClaimParams; Headers: IfMatch }>, T>(
    change: (
      request: R,
      version: number,
      actor: Actor,
    ) => Promise<Changed<T & { version: number }>>,
  ) {
    return async (request: R, reply: FastifyReply): Promise<T> => {
      const version = requiredVersion(request.headers['if-match'], 'claim');
      const { value, events } = await change(request, version, currentUser(request));
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    };
  }

  app.put<{ Params: ClaimParams; Body: RepeatOfRequest; Headers: IfMatch }>(
    '/api/claims/:id/repeat-of',
    {
      schema: {
        summary:
          'Mark the claim as a repeat of an earlier one (stored as that claim’s original); needs If-Match',
        params: idPathParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        body: {
          type: 'object',
          properties: { claimId: idParam },
          required: ['claimId'],
          additionalProperties: false,
        },
        response: { 200: claimSummarySchema, ...errorResponses, ...conflictResponses },
      },
    },
    versionedChange((request, version, actor) =>
      markRepeat(app.db, request.params.id, request.body.claimId, version, actor),
    ),
  );

  app.delete<{ Params: ClaimParams; Headers: IfMatch }>(
    '/api/claims/:id/repeat-of',
    {
      schema: {
        summary: 'The claim is not a repeat after all; needs If-Match',
        params: idPathParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        response: { 200: claimSummarySchema, ...errorResponses, ...conflictResponses },
      },
    },
    versionedChange((request, version, actor) =>
      unmarkRepeat(app.db, request.params.id, version, actor),
    ),
  );

  app.post<{ Params: ClaimParams; Headers: IfMatch }>(
    '/api/claims/:id/adopt',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        summary:
          'Copy the earlier check’s verdict, rationale and evidence into this repeat (it is still reviewed); needs If-Match',
        params: idPathParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        body: { type: 'object', additionalProperties: false },
        response: { 200: claimDetailSchema, ...errorResponses, ...conflictResponses },
      },
    },
    versionedChange((request, version, actor) =>
      adoptCheck(app.db, request.params.id, version, actor),
    ),
  );
};

export default claimMemory;
