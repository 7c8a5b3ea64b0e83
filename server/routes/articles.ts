/** Articles, their claims, and adding a claim by its offsets. */
import type { FastifyPluginAsync } from 'fastify';
import { CLAIM_KINDS, ClaimKind } from '../../src/domain/claim';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { articleExists, findArticle, listArticles } from '../repositories/articles';
import { createClaim } from '../repositories/claim-changes';
import { listClaims } from '../repositories/claims';
import {
  articleDetailSchema,
  articleSummarySchema,
  claimSummarySchema,
  errorResponses,
  idParam,
  plainText,
  problemRef,
} from './schemas';

interface ArticleParams {
  id: string;
}

const params = {
  type: 'object',
  properties: { id: idParam },
  required: ['id'],
  additionalProperties: false,
};

const articles: FastifyPluginAsync = async (app) => {
  app.get(
    '/api/articles',
    {
      schema: {
        summary: 'Every article with its claim counts per stage and per verdict',
        response: { 200: { type: 'array', items: articleSummarySchema }, 401: problemRef },
      },
    },
    async () => listArticles(app.db),
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id',
    {
      schema: {
        summary: 'An article: text, headings and metadata',
        params,
        response: { 200: articleDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const article = await findArticle(app.db, request.params.id);
      if (!article) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${request.params.id} does not exist.`,
        });
      }
      return article;
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id/claims',
    {
      schema: {
        summary: 'Every claim of an article, in article order',
        params,
        response: { 200: { type: 'array', items: claimSummarySchema }, ...errorResponses },
      },
    },
    async (request) => {
      if (!(await articleExists(app.db, request.params.id))) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${request.params.id} does not exist.`,
        });
      }
      return listClaims(app.db, request.params.id);
    },
  );

  app.post<{
    Params: ArticleParams;
    Body: { start: number; end: number; statement: string; kind: ClaimKind };
  }>(
    '/api/articles/:id/claims',
    {
      schema: {
        summary: 'Add a claim by its offsets in the article text (editor)',
        params,
        body: {
          type: 'object',
          properties: {
            start: { type: 'integer', minimum: 0 },
            end: { type: 'integer', minimum: 1 },
            statement: plainText(1000),
            kind: { type: 'string', enum: [...CLAIM_KINDS] },
          },
          required: ['start', 'end', 'statement', 'kind'],
          additionalProperties: false,
        },
        response: { 201: claimSummarySchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'editor')) {
        return reply;
      }
      const { value, events } = await createClaim(
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
};

export default articles;
