/** Evidence links of a claim: add, edit, remove. Only http and https URLs a browser can open (`webUrl`). */
import type { FastifyPluginAsync } from 'fastify';
import { SOURCE_TYPES, STANCES } from '../../src/domain/claim';
import { currentUser } from '../plugins/auth';
import {
  addEvidence,
  changeEvidence,
  EvidenceInput,
  removeEvidence,
} from '../repositories/claim-changes';
import { FIELD_LIMITS } from '../../src/domain/requests';
import {
  errorResponses,
  evidenceSchema,
  idParam,
  idPathParams,
  noQuerystring,
  nullable,
  plainText,
  webUrl,
  problemRef,
} from './schemas';

const evidenceFields = {
  url: webUrl,
  title: plainText(FIELD_LIMITS.evidenceTitle),
  publisher: nullable(plainText(FIELD_LIMITS.publisher, false)),
  stance: { type: 'string', enum: [...STANCES] },
  sourceType: { type: 'string', enum: [...SOURCE_TYPES] },
  quote: nullable(plainText(FIELD_LIMITS.evidenceQuote, false)),
  archivedUrl: nullable(webUrl),
  accessedAt: nullable({ type: 'string', format: 'date' }),
};

const evidenceParams = {
  type: 'object',
  properties: { id: idParam, evidenceId: idParam },
  required: ['id', 'evidenceId'],
  additionalProperties: false,
};

interface Params {
  id: string;
  evidenceId: string;
}

const evidence: FastifyPluginAsync = async (app) => {
  app.post<{ Params: { id: string }; Body: EvidenceInput }>(
    '/api/claims/:id/evidence',
    {
      schema: {
        summary: 'Add an evidence link; publisher defaults to the URL’s host',
        params: idPathParams,
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: evidenceFields,
          required: ['url', 'title', 'stance', 'sourceType'],
          additionalProperties: false,
        },
        response: { 201: evidenceSchema, ...errorResponses, 409: problemRef },
      },
    },
    async (request, reply) => {
      const { value, events } = await addEvidence(
        app.db,
        request.params.id,
        request.body,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.status(201);
      return value;
    },
  );

  app.patch<{ Params: Params; Body: Partial<EvidenceInput> }>(
    '/api/claims/:id/evidence/:evidenceId',
    {
      schema: {
        summary: 'Edit an evidence link',
        params: evidenceParams,
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: evidenceFields,
          additionalProperties: false,
          minProperties: 1,
        },
        response: { 200: evidenceSchema, ...errorResponses, 409: problemRef },
      },
    },
    async (request) => {
      const { value, events } = await changeEvidence(
        app.db,
        request.params.id,
        request.params.evidenceId,
        request.body,
        currentUser(request),
      );
      app.changes.publish(...events);
      return value;
    },
  );

  app.delete<{ Params: Params }>(
    '/api/claims/:id/evidence/:evidenceId',
    {
      schema: {
        summary: 'Remove an evidence link (kept in the history)',
        params: evidenceParams,
        querystring: noQuerystring,
        response: { 204: { type: 'null' }, ...errorResponses, 409: problemRef },
      },
    },
    async (request, reply) => {
      const { events } = await removeEvidence(
        app.db,
        request.params.id,
        request.params.evidenceId,
        currentUser(request),
      );
      app.changes.publish(...events);
      return reply.status(204).send();
    },
  );
};

export default evidence;
