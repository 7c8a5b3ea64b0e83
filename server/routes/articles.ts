/** Articles (listed, read, edited and archived), their claims, and adding a claim by its offsets. */
import type { FastifyPluginAsync } from 'fastify';
import { CLAIM_KINDS, type ClaimantType, ClaimKind } from '../../src/domain/claim';
import { canEditArticle } from '../../src/domain/workflow';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError, sendProblem } from '../plugins/problems';
import { type ArticlePatch, patchArticle } from '../repositories/article-changes';
import { articleExists, findArticle, listArticles } from '../repositories/articles';
import { createClaim } from '../repositories/claim-create';
import { listClaims } from '../repositories/claims';
import { FIELD_LIMITS } from '../../src/domain/requests';
import {
  articleDetailSchema,
  articleSummarySchema,
  claimSummarySchema,
  errorResponses,
  idPathParams,
  noQuerystring,
  nullable,
  plainText,
  problemRef,
  webUrl,
} from './schemas';
import { answerClaimList, watchedClaimListCache } from './claim-list-cache';
import { requiredVersion } from './if-match';
import { claimantProperties } from './suggestions';

interface ArticleParams {
  id: string;
}

/** The intake's limits (routes/intake.ts): a changed article is held to what a new one is. */
const articlePatchBody = {
  type: 'object',
  properties: {
    headline: plainText(FIELD_LIMITS.headline),
    outlet: nullable(plainText(FIELD_LIMITS.outlet)),
    url: nullable(webUrl),
    publishedAt: nullable({ type: 'string', format: 'date', pattern: '^\\d{4}-\\d{2}-\\d{2}$' }),
    archived: { type: 'boolean' },
  },
  additionalProperties: false,
  minProperties: 1,
};

const articles: FastifyPluginAsync = async (app) => {
  const cache = watchedClaimListCache(app);

  app.get<{ Querystring: { archived?: '0' | '1' } }>(
    '/api/articles',
    {
      schema: {
        summary: 'Every article with its claim counts per stage and per verdict',
        description: 'Archived articles are left out unless `archived=1`.',
        querystring: {
          type: 'object',
          properties: { archived: { type: 'string', enum: ['0', '1'] } },
          additionalProperties: false,
        },
        response: {
          200: { type: 'array', items: articleSummarySchema },
          400: problemRef,
          401: problemRef,
        },
      },
    },
    async (request) => listArticles(app.db, { archived: request.query.archived === '1' }),
  );

  app.patch<{ Params: ArticleParams; Body: ArticlePatch; Headers: { 'if-match'?: string } }>(
    '/api/articles/:id',
    {
      schema: {
        summary:
          'Edit an article’s metadata or (un-)archive it (editor); needs If-Match: <version>',
        description:
          'Any of headline, outlet, url, publishedAt (YYYY-MM-DD or null) and archived. An ' +
          'archived article leaves the lists and its claims become read-only; nothing is deleted.',
        params: idPathParams,
        querystring: noQuerystring,
        headers: {
          type: 'object',
          properties: { 'if-match': { type: 'string', maxLength: 40 } },
        },
        body: articlePatchBody,
        response: {
          200: articleSummarySchema,
          ...errorResponses,
          412: problemRef,
          428: problemRef,
        },
      },
    },
    async (request, reply) => {
      const decision = canEditArticle(currentUser(request));
      if (!decision.allowed) {
        return sendProblem(reply, {
          title: 'Not allowed',
          status: 403,
          detail: decision.refusal.message,
          code: decision.refusal.code,
        });
      }
      const version = requiredVersion(request.headers['if-match'], 'article');
      const { value, events } = await patchArticle(
        app.db,
        request.params.id,
        version,
        request.body,
      );
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id',
    {
      schema: {
        summary: 'An article: text, headings and metadata (archived ones too, to un-archive them)',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: articleDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const article = await findArticle(app.db, request.params.id);
      if (!article) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${request.params.id} does not exist.`,
        });
      }
      reply.header('etag', `"${article.version}"`);
      return article;
    },
  );

  app.get<{ Params: ArticleParams }>(
    '/api/articles/:id/claims',
    {
      schema: {
        summary: 'Every claim of an article, in article order',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: { type: 'array', items: claimSummarySchema }, ...errorResponses },
      },
      // The list brings its own compressed copies (claim-list-cache.ts), and a GET has no
      // body to decompress: the compression plugin's hooks would only cost time here.
      compress: false,
      decompress: false,
    },
    // Not async: the kept list is sent at once (see sendClaimList), the hottest read.
    (request, reply) =>
      answerClaimList(cache, request, reply, async (articleId) =>
        (await articleExists(app.db, articleId))
          ? JSON.stringify(await listClaims(app.db, articleId))
          : null,
      ),
  );

  app.post<{
    Params: ArticleParams;
    Body: {
      start: number;
      end: number;
      statement: string;
      kind: ClaimKind;
      claimant?: string | null;
      claimantType?: ClaimantType;
    };
  }>(
    '/api/articles/:id/claims',
    {
      schema: {
        summary: 'Add a claim by its offsets in the article text (editor)',
        description:
          'Optionally with who made it (`claimant`, `claimantType`), as the person confirmed it: ' +
          'see `GET /api/articles/{id}/attribution` for the sentence’s guess.',
        params: idPathParams,
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            start: { type: 'integer', minimum: 0 },
            end: { type: 'integer', minimum: 1 },
            statement: plainText(FIELD_LIMITS.statement),
            kind: { type: 'string', enum: [...CLAIM_KINDS] },
            ...claimantProperties,
          },
          required: ['start', 'end', 'statement', 'kind'],
          additionalProperties: false,
        },
        response: { 201: claimSummarySchema, ...errorResponses, 409: problemRef },
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
