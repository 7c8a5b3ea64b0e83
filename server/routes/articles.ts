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
  noQuerystring,
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

/**
 * The serialised claim list per article: the dashboard's hottest read. Every
 * committed change publishes an event with its article, which drops the entry;
 * a generation counter keeps a read that started before a change from storing
 * what it read after the drop.
 */
class ClaimListCache {
  private readonly bodies = new Map<string, string>();
  private readonly generations = new Map<string, number>();

  generation(articleId: string): number {
    return this.generations.get(articleId) ?? 0;
  }

  get(articleId: string): string | undefined {
    return this.bodies.get(articleId);
  }

  store(articleId: string, generation: number, body: string): void {
    if (this.generation(articleId) === generation) {
      this.bodies.set(articleId, body);
    }
  }

  invalidate(articleId: string): void {
    this.generations.set(articleId, this.generation(articleId) + 1);
    this.bodies.delete(articleId);
  }
}

const articles: FastifyPluginAsync = async (app) => {
  const cache = new ClaimListCache();
  const unsubscribe = app.changes.subscribe((event) => {
    if (event.articleId) {
      cache.invalidate(event.articleId);
    }
  });
  app.addHook('onClose', async () => unsubscribe());

  app.get(
    '/api/articles',
    {
      schema: {
        summary: 'Every article with its claim counts per stage and per verdict',
        querystring: noQuerystring,
        response: {
          200: { type: 'array', items: articleSummarySchema },
          400: problemRef,
          401: problemRef,
        },
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
        querystring: noQuerystring,
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
        querystring: noQuerystring,
        response: { 200: { type: 'array', items: claimSummarySchema }, ...errorResponses },
      },
    },
    async (request, reply) => {
      const articleId = request.params.id;
      reply.type('application/json; charset=utf-8');
      const cached = cache.get(articleId);
      if (cached !== undefined) {
        return reply.send(cached);
      }
      const generation = cache.generation(articleId);
      if (!(await articleExists(app.db, articleId))) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${articleId} does not exist.`,
        });
      }
      const body = JSON.stringify(await listClaims(app.db, articleId));
      cache.store(articleId, generation, body);
      return reply.send(body);
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
        querystring: noQuerystring,
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
