/**
 * Claim memory (issue 11): mark a claim as a repeat of an earlier check, undo it, and
 * adopt the earlier check. Each needs If-Match, as an edit does (412 when stale, 428
 * without): the person decides on the claim as they saw it.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { RepeatOfRequest } from '../../src/domain/claim-memory';
import { currentUser } from '../plugins/auth';
import { adoptCheck, markRepeat, unmarkRepeat } from '../repositories/claim-memory';
import { claimParams } from './claims';
import { requiredVersion } from './if-match';
import {
  claimDetailSchema,
  claimSummarySchema,
  errorResponses,
  idParam,
  noQuerystring,
  problemRef,
} from './schemas';

interface ClaimParams {
  id: string;
}

interface IfMatch {
  'if-match'?: string;
}

const ifMatchHeaders = {
  type: 'object',
  properties: { 'if-match': { type: 'string', maxLength: 40 } },
};

const conflictResponses = { 409: problemRef, 412: problemRef, 428: problemRef };

/** An adoption takes nothing but If-Match: no body (with the request header instead) means `{}`. */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const claimMemory: FastifyPluginAsync = async (app) => {
  app.put<{ Params: ClaimParams; Body: RepeatOfRequest; Headers: IfMatch }>(
    '/api/claims/:id/repeat-of',
    {
      schema: {
        summary:
          'Mark the claim as a repeat of an earlier one (stored as that claim’s original); needs If-Match',
        params: claimParams,
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
    async (request, reply) => {
      const version = requiredVersion(request.headers['if-match'], 'claim');
      const { value, events } = await markRepeat(
        app.db,
        request.params.id,
        request.body.claimId,
        version,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    },
  );

  app.delete<{ Params: ClaimParams; Headers: IfMatch }>(
    '/api/claims/:id/repeat-of',
    {
      schema: {
        summary: 'The claim is not a repeat after all; needs If-Match',
        params: claimParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        response: { 200: claimSummarySchema, ...errorResponses, ...conflictResponses },
      },
    },
    async (request, reply) => {
      const version = requiredVersion(request.headers['if-match'], 'claim');
      const { value, events } = await unmarkRepeat(
        app.db,
        request.params.id,
        version,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    },
  );

  app.post<{ Params: ClaimParams; Headers: IfMatch }>(
    '/api/claims/:id/adopt',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        summary:
          'Copy the earlier check’s verdict, rationale and evidence into this repeat (it is still reviewed); needs If-Match',
        params: claimParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        body: { type: 'object', additionalProperties: false },
        response: { 200: claimDetailSchema, ...errorResponses, ...conflictResponses },
      },
    },
    async (request, reply) => {
      const version = requiredVersion(request.headers['if-match'], 'claim');
      const { value, events } = await adoptCheck(
        app.db,
        request.params.id,
        version,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    },
  );
};

export default claimMemory;
