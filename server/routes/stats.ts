/** The desk's statistics for the overview's charts (`DeskStats` in src/domain/desk.ts). */
import type { FastifyPluginAsync } from 'fastify';
import { type DeskStats, STATS_WEEKS } from '../../src/domain/desk';
import { STAGES } from '../../src/domain/workflow';
import { ProblemError } from '../plugins/problems';
import { articleExists } from '../repositories/articles';
import { deskStats } from '../repositories/stats';
import { errorResponses, idParam, nullable } from './schemas';

const perStage = (value: object) => ({
  type: 'object',
  properties: Object.fromEntries(STAGES.map((stage) => [stage, value])),
  required: [...STAGES],
  additionalProperties: false,
});

const deskStatsSchema = {
  type: 'object',
  properties: {
    medianHoursInStage: perStage(nullable({ type: 'number' })),
    approvedPerWeek: {
      type: 'array',
      minItems: STATS_WEEKS,
      maxItems: STATS_WEEKS,
      items: {
        type: 'object',
        properties: {
          week: { type: 'string', description: 'Monday of the ISO week (UTC), YYYY-MM-DD' },
          count: { type: 'integer' },
        },
        required: ['week', 'count'],
        additionalProperties: false,
      },
    },
    overdue: {
      type: 'object',
      properties: {
        total: { type: 'integer' },
        byStage: perStage({ type: 'integer' }),
        byAssignee: {
          type: 'array',
          items: {
            type: 'object',
            properties: { assignee: nullable({ type: 'string' }), count: { type: 'integer' } },
            required: ['assignee', 'count'],
            additionalProperties: false,
          },
        },
      },
      required: ['total', 'byStage', 'byAssignee'],
      additionalProperties: false,
    },
  },
  required: ['medianHoursInStage', 'approvedPerWeek', 'overdue'],
  additionalProperties: false,
};

/** How long figures computed without a change since may be served: "now" moves on too. */
const FRESH_MS = 30_000;

const stats: FastifyPluginAsync = async (app) => {
  // Reading the history of 100,000 claims takes about a second: figures are kept until
  // anything changes (every change publishes an event) or FRESH_MS pass.
  const cache = new Map<string, { at: number; stats: Promise<DeskStats> }>();
  const unsubscribe = app.changes.onCommitted(() => cache.clear());
  app.addHook('onClose', async () => unsubscribe());
  function cached(articleId: string | undefined): Promise<DeskStats> {
    const key = articleId ?? '';
    const hit = cache.get(key);
    if (hit && Date.now() - hit.at < FRESH_MS) {
      return hit.stats;
    }
    const computed = deskStats(app.db, { articleId });
    cache.set(key, { at: Date.now(), stats: computed });
    // A failure is not kept.
    computed.catch(() => {
      if (cache.get(key)?.stats === computed) {
        cache.delete(key);
      }
    });
    return computed;
  }

  app.get<{ Querystring: { article?: string } }>(
    '/api/desk/stats',
    {
      schema: {
        summary: 'Median time in each stage, approvals per week and overdue claims',
        description:
          `Across every article that is not archived, or for one (\`article\`). Approvals per ISO ` +
          `week for the last ${STATS_WEEKS} weeks (Monday, UTC), oldest first, empty weeks ` +
          'included; median hours in each stage over the stretches that ended in those weeks and ' +
          'the current stretch of unsettled claims; overdue claims now.',
        querystring: {
          type: 'object',
          properties: { article: idParam },
          additionalProperties: false,
        },
        response: { 200: deskStatsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const articleId = request.query.article;
      if (articleId !== undefined && !(await articleExists(app.db, articleId))) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Article ${articleId} does not exist.`,
          field: '/querystring/article',
        });
      }
      return cached(articleId);
    },
  );
};

export default stats;
