/**
 * "Checked before?": `POST /api/match` ranks every article's claims by how likely a text
 * repeats them; `GET /api/claims/:id/similar` does the same for a claim's own statement
 * and quote, the claim itself left out. Any signed-in person. The index lives in this
 * process's memory, loaded at start (in the background: requests wait for it) and kept
 * current from the change feed (matching/claim-index.ts).
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  MATCH_LIMIT_DEFAULT,
  MATCH_LIMIT_MAX,
  type MatchRequest,
  type MatchResponse,
} from '../../src/domain/matching';
import { VERDICTS } from '../../src/domain/verdicts';
import { STAGES } from '../../src/domain/workflow';
import { ClaimIndex } from '../matching/claim-index';
import { newMatcher } from '../matching/shared';
import { ProblemError } from '../plugins/problems';
import { errorResponses, idPathParams, noQuerystring, plainText } from './schemas';

/** Longer texts (a whole article) say too much to match one claim; the dialog sends a sentence or a paragraph. */
export const MATCH_TEXT_MAX_LENGTH = 20_000;

const limit = {
  type: 'integer',
  minimum: 1,
  maximum: MATCH_LIMIT_MAX,
  default: MATCH_LIMIT_DEFAULT,
};

const claimMatchProperties = {
  claimId: { type: 'string' },
  articleId: { type: 'string' },
  articleHeadline: { type: 'string' },
  quote: { type: 'string' },
  statement: { type: 'string' },
  summary: { type: ['string', 'null'] },
  stage: { type: 'string', enum: [...STAGES] },
  verdict: { type: ['string', 'null'], enum: [...VERDICTS, null] },
  score: { type: 'number', minimum: 0, maximum: 1 },
};

export const matchResponseSchema = {
  type: 'object',
  properties: {
    items: {
      type: 'array',
      items: {
        type: 'object',
        properties: claimMatchProperties,
        required: Object.keys(claimMatchProperties),
        additionalProperties: false,
      },
    },
  },
  required: ['items'],
  additionalProperties: false,
};

const match: FastifyPluginAsync = async (app) => {
  const index = new ClaimIndex(app.db, newMatcher());
  const unsubscribe = app.changes.onCommitted((event) => index.apply(event));
  app.addHook('onClose', async () => {
    unsubscribe();
    await index.close();
  });
  // Indexing a large desk's claims takes seconds (100,000 claims passed Fastify's 10 s
  // plugin time limit on a loaded machine and the server did not start): the server
  // answers meanwhile, and a match waits for the load. A load that fails fails every
  // match the same way rather than answering from part of the claims.
  const started = performance.now();
  const loaded = index.load();
  loaded.then(
    () =>
      app.log.info(
        { claims: index.size, ms: Math.round(performance.now() - started) },
        'claim matcher: claims indexed',
      ),
    (error: unknown) => app.log.error({ err: error }, 'claim matcher: loading the claims failed'),
  );

  app.post<{ Body: MatchRequest }>(
    '/api/match',
    {
      schema: {
        summary: 'Existing claims (all articles) the text most likely repeats, best first',
        description:
          '`score` is 0-1, the probability that the text repeats the claim, comparable ' +
          'across texts; the dashboard shows "Checked before?" from CHECKED_BEFORE_MIN_SCORE.',
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: { text: plainText(MATCH_TEXT_MAX_LENGTH), limit },
          required: ['text'],
          additionalProperties: false,
        },
        response: { 200: matchResponseSchema, ...errorResponses },
      },
    },
    async (request): Promise<MatchResponse> => {
      await loaded;
      return {
        items: await index.match(request.body.text, request.body.limit ?? MATCH_LIMIT_DEFAULT),
      };
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit?: number } }>(
    '/api/claims/:id/similar',
    {
      schema: {
        summary: 'Other claims (all articles) this claim most likely repeats, best first',
        description: 'Matches the claim’s statement and quote, as `POST /api/match` does.',
        params: idPathParams,
        querystring: {
          type: 'object',
          properties: { limit },
          additionalProperties: false,
        },
        response: { 200: matchResponseSchema, ...errorResponses },
      },
    },
    async (request): Promise<MatchResponse> => {
      await loaded;
      const claim = await index.find(request.params.id);
      if (!claim) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Claim ${request.params.id} does not exist.`,
        });
      }
      const text = `${claim.statement}\n${claim.quote}`;
      return {
        items: await index.match(text, request.query.limit ?? MATCH_LIMIT_DEFAULT, claim.id),
      };
    },
  );
};

export default match;
