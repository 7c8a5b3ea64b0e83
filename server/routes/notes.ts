/** Notes: plain text, appended; a deletion leaves a tombstone. Their text per claim, for search. */
import type { FastifyPluginAsync } from 'fastify';
import { currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { articleExists } from '../repositories/articles';
import { addNote, deleteNote } from '../repositories/claim-changes';
import { noteTextByClaim } from '../repositories/notes';
import { FIELD_LIMITS } from '../../src/domain/requests';
import {
  errorResponses,
  idParam,
  idPathParams,
  noQuerystring,
  noteSchema,
  plainText,
  problemRef,
} from './schemas';

const notes: FastifyPluginAsync = async (app) => {
  app.get<{ Params: { id: string }; Querystring: { claimId?: string } }>(
    '/api/articles/:id/note-text',
    {
      schema: {
        summary:
          'The live notes of each claim of an article as one text, for search; ' +
          'claims without live notes are absent. `claimId` narrows it to one claim.',
        params: idPathParams,
        querystring: {
          type: 'object',
          properties: { claimId: idParam },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            description: 'Claim id → its live notes, oldest first, joined by newlines',
            additionalProperties: { type: 'string' },
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const articleId = request.params.id;
      if (!(await articleExists(app.db, articleId))) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${articleId} does not exist.`,
        });
      }
      return noteTextByClaim(app.db, articleId, request.query.claimId);
    },
  );

  app.post<{ Params: { id: string }; Body: { text: string } }>(
    '/api/claims/:id/notes',
    {
      schema: {
        summary: 'Add a note (1 to 10,000 characters of plain text)',
        params: idPathParams,
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: { text: plainText(FIELD_LIMITS.note) },
          required: ['text'],
          additionalProperties: false,
        },
        response: { 201: noteSchema, ...errorResponses, 409: problemRef },
      },
    },
    async (request, reply) => {
      const { value, events } = await addNote(
        app.db,
        request.params.id,
        request.body.text,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.status(201);
      return value;
    },
  );

  app.delete<{ Params: { id: string; noteId: string } }>(
    '/api/claims/:id/notes/:noteId',
    {
      schema: {
        summary: 'Delete a note: its author or an editor; a tombstone stays',
        params: {
          type: 'object',
          properties: { id: idParam, noteId: idParam },
          required: ['id', 'noteId'],
          additionalProperties: false,
        },
        querystring: noQuerystring,
        response: { 200: noteSchema, ...errorResponses, 409: problemRef },
      },
    },
    async (request) => {
      const { value, events } = await deleteNote(
        app.db,
        request.params.id,
        request.params.noteId,
        currentUser(request),
      );
      app.changes.publish(...events);
      return value;
    },
  );
};

export default notes;
