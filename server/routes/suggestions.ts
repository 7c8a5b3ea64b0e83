/**
 * Claim suggestions of an article: listed for everyone, accepted (becoming a
 * claim) or rejected by an editor. Nothing becomes a claim without a person
 * accepting it.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { CLAIM_KINDS, CLAIMANT_TYPES } from '../../src/domain/claim';
import type {
  AcceptSuggestion,
  AttributionGuess,
  ScoredSentence,
  SuggestionStatus,
} from '../../src/domain/suggestion';
import { SUGGESTION_STATUSES } from '../../src/domain/suggestion';
import { currentUser, requireRole } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { findArticle } from '../repositories/articles';
import { listSuggestions, suggestionsBySpan } from '../repositories/suggestions';
import { acceptSuggestion, rejectSuggestion } from '../repositories/suggestion-decisions';
import { attributionAt } from '../suggestions/attribution';
import { ensureSuggestions } from '../suggestions/generate';
import { ScoredTexts } from '../suggestions/scored-texts';
import { suggestsFor } from '../suggestions/suggester';
import { FIELD_LIMITS } from '../../src/domain/requests';
import {
  idPathParams,
  claimSummarySchema,
  errorResponses,
  noQuerystring,
  plainText,
  problemRef,
} from './schemas';
import {
  claimantProperties,
  scoredSentenceSchema,
  suggestionParams,
  suggestionSchema,
  type ArticleParams,
  type SuggestionParams,
} from './suggestion-schemas';

/** The claimant fields, shared with `POST /api/articles/:id/claims` (routes/articles.ts). */
export { claimantProperties } from './suggestion-schemas';

/** A decision may come without a body (with the request header instead): it means `{}`. */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const suggestions: FastifyPluginAsync = async (app) => {
  /** One suggester run per article at a time, however many browsers ask. */
  const running = new Map<string, Promise<boolean>>();
  function ensure(articleId: string): Promise<boolean> {
    let run = running.get(articleId);
    if (!run) {
      run = ensureSuggestions(app.db, articleId).finally(() => running.delete(articleId));
      running.set(articleId, run);
    }
    return run;
  }

  /** The last texts scored, by article: a text scored again only when it changed. */
  const scoredTexts = new ScoredTexts();

  app.get<{
    Params: ArticleParams;
    Querystring: { status: SuggestionStatus; minScore?: number };
  }>(
    '/api/articles/:id/suggestions',
    {
      schema: {
        summary: 'Claim suggestions of an article in article order: open ones by default',
        description:
          'Open suggestions leave out those overlapping a claim. Each has a score (0–1), the ' +
          'reasons it was suggested and a suggested kind. With `minScore` (0–1), instead: every ' +
          'scored sentence of the text (a suggested sentence narrowed to its clauses, as stored) ' +
          'whose score is at least `minScore`, in text order, each saying whether it is ' +
          'suggested (at or over the threshold) and, where a suggestion is stored at the same ' +
          'span, its id and status (else null); `status` is then not used. The same text gives ' +
          'the same list.',
        params: idPathParams,
        querystring: {
          type: 'object',
          properties: {
            status: { type: 'string', enum: [...SUGGESTION_STATUSES], default: 'open' },
            minScore: { type: 'number', minimum: 0, maximum: 1 },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            anyOf: [
              { type: 'array', items: suggestionSchema },
              { type: 'array', items: scoredSentenceSchema },
            ],
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { id } = request.params;
      if (!(await ensure(id))) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${id} does not exist.`,
        });
      }
      const { minScore } = request.query;
      if (minScore === undefined) {
        return listSuggestions(app.db, id, request.query.status ?? 'open');
      }
      const article = await findArticle(app.db, id);
      if (!article) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${id} does not exist.`,
        });
      }
      const [spans, stored] = await Promise.all([
        scoredTexts.spansOf(id, article.text, article.headings, article.language),
        suggestionsBySpan(app.db, id),
      ]);
      return spans
        .filter((s) => s.score >= minScore)
        .map((s): ScoredSentence => {
          const decided = stored.get(`${s.start}:${s.end}`);
          return {
            id: decided?.id ?? null,
            start: s.start,
            end: s.end,
            quote: s.quote,
            score: s.score,
            suggested: s.suggested,
            reasons: s.reasons,
            suggestedKind: s.suggestedKind,
            claimant: s.claimant,
            claimantType: s.claimantType,
            status: decided?.status ?? null,
          };
        });
    },
  );

  app.post<{ Params: SuggestionParams; Body: AcceptSuggestion }>(
    '/api/articles/:id/suggestions/:suggestionId/accept',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        summary: 'Accept a suggestion: it becomes a claim (editor)',
        description:
          'Every field is optional: the offsets default to the suggestion’s (the editor may narrow ' +
          'or move them within the article), the statement to the quote, the kind to the ' +
          'suggested kind. The claimant is stored only as sent (the suggestion’s `claimant` is a ' +
          'guess for the editor to confirm). A decided suggestion is a 409.',
        params: suggestionParams,
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            statement: plainText(FIELD_LIMITS.statement),
            kind: { type: 'string', enum: [...CLAIM_KINDS] },
            start: { type: 'integer', minimum: 0 },
            end: { type: 'integer', minimum: 1 },
            ...claimantProperties,
          },
          additionalProperties: false,
        },
        response: {
          201: {
            type: 'object',
            properties: { suggestion: suggestionSchema, claim: claimSummarySchema },
            required: ['suggestion', 'claim'],
            additionalProperties: false,
          },
          ...errorResponses,
          409: problemRef,
        },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'editor')) {
        return reply;
      }
      const { value, events } = await acceptSuggestion(
        app.db,
        request.params.id,
        request.params.suggestionId,
        request.body,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.status(201);
      return value;
    },
  );

  app.get<{ Params: ArticleParams; Querystring: { start: number; end: number } }>(
    '/api/articles/:id/attribution',
    {
      schema: {
        summary:
          'Who the sentence around a span of the text says made the claim, if it names anyone',
        description:
          'For a new claim from selected words: "Council leader Marion Adebayo said …" gives ' +
          '`{"claimant": "Marion Adebayo", "claimantType": "Person"}`. A guess for the person to ' +
          'confirm; `claimant` is null when the sentence names nobody (never a pronoun), and for ' +
          'text in a language other than English.',
        params: idPathParams,
        querystring: {
          type: 'object',
          properties: {
            start: { type: 'integer', minimum: 0 },
            end: { type: 'integer', minimum: 1 },
          },
          required: ['start', 'end'],
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              claimant: { type: ['string', 'null'] },
              claimantType: { type: 'string', enum: [...CLAIMANT_TYPES] },
            },
            required: ['claimant', 'claimantType'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request): Promise<AttributionGuess> => {
      const article = await findArticle(app.db, request.params.id);
      if (!article) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${request.params.id} does not exist.`,
        });
      }
      const { start, end } = request.query;
      if (end <= start || end > article.text.length) {
        throw new ProblemError({
          title: 'Invalid request',
          status: 400,
          detail: `/querystring/end must be after start and at most ${article.text.length}, the length of the article text.`,
          field: '/querystring/end',
        });
      }
      const found = suggestsFor(article.language) ? attributionAt(article.text, start, end) : null;
      return found ?? { claimant: null, claimantType: 'Person' };
    },
  );

  app.post<{ Params: SuggestionParams; Body: Record<string, never> }>(
    '/api/articles/:id/suggestions/:suggestionId/reject',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        summary: 'Reject a suggestion (editor)',
        params: suggestionParams,
        querystring: noQuerystring,
        body: { type: 'object', additionalProperties: false },
        response: { 200: suggestionSchema, ...errorResponses, 409: problemRef },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'editor')) {
        return reply;
      }
      const { value, events } = await rejectSuggestion(
        app.db,
        request.params.id,
        request.params.suggestionId,
        currentUser(request),
      );
      app.changes.publish(...events);
      return value;
    },
  );
};

export default suggestions;
