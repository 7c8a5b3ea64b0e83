/** One claim: read, edit with If-Match, move through the workflow, history. */
import type { FastifyPluginAsync } from 'fastify';
import {
  CLAIM_KINDS,
  CLAIMANT_MAX_LENGTH,
  CLAIMANT_TYPES,
  SUMMARY_MAX_LENGTH,
} from '../../src/domain/claim';
import { toClaimRows } from '../../src/domain/claim-rows';
import { VERDICTS } from '../../src/domain/verdicts';
import { currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import {
  ClaimPatch,
  patchClaim,
  TransitionInput,
  transitionClaim,
} from '../repositories/claim-changes';
import { findArticle } from '../repositories/articles';
import { findClaim, findClaimDetail, listClaims } from '../repositories/claims';
import { listHistory } from '../repositories/history';
import { answerClaimList, watchedClaimListCache } from './claim-list-cache';
import { conflictResponses, ifMatchHeaders, optionalVersion, requiredVersion } from './if-match';
import { FIELD_LIMITS, USERNAME_RULE } from '../../src/domain/requests';
import {
  claimDateSchema,
  claimDetailSchema,
  claimRowsSchema,
  claimSummarySchema,
  errorResponses,
  historyEntrySchema,
  idPathParams,
  noQuerystring,
  nullable,
  plainText,
  transitionBodySchema,
} from './schemas';

interface ClaimParams {
  id: string;
}

/** The fields that only some actions take: given with another action, they would be stored for nothing. */
const ACTION_ONLY_FIELDS = { reason: 'dismiss', assignee: 'start' } as const;

function refuseUnrelatedFields(body: TransitionInput): void {
  for (const [field, action] of Object.entries(ACTION_ONLY_FIELDS)) {
    if (field in body && body.action !== action) {
      throw new ProblemError({
        title: 'Invalid request',
        status: 400,
        detail: `/body/${field} goes only with the action ${action}, not ${body.action}.`,
        field: `/body/${field}`,
      });
    }
  }
}

const claims: FastifyPluginAsync = async (app) => {
  const rowLists = watchedClaimListCache(app);

  app.get<{ Params: ClaimParams }>(
    '/api/articles/:id/claim-rows',
    {
      schema: {
        summary:
          "Every claim of an article, in article order, as rows: what the dashboard's table " +
          'reads (src/domain/claim-rows.ts); the same claims as GET /api/articles/{id}/claims',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: claimRowsSchema, ...errorResponses },
      },
      // Sent as cached bytes with their own compressed copies, like the claims list.
      compress: false,
      decompress: false,
    },
    (request, reply) =>
      answerClaimList(rowLists, request, reply, async (articleId) => {
        const article = await findArticle(app.db, articleId);
        return article
          ? JSON.stringify(toClaimRows(await listClaims(app.db, articleId), article.text))
          : null;
      }),
  );

  app.get<{ Params: ClaimParams }>(
    '/api/claims/:id',
    {
      schema: {
        summary: 'A claim with its evidence and notes',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: claimDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const claim = await findClaimDetail(app.db, request.params.id);
      if (!claim) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Claim ${request.params.id} does not exist.`,
        });
      }
      reply.header('etag', `"${claim.version}"`);
      return claim;
    },
  );

  app.patch<{ Params: ClaimParams; Body: ClaimPatch; Headers: { 'if-match'?: string } }>(
    '/api/claims/:id',
    {
      schema: {
        summary:
          'Edit statement, kind, verdict, rationale, assignee, due date, claimant, claimant type, ' +
          'claim date or summary; needs If-Match: <version>',
        params: idPathParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        body: {
          type: 'object',
          properties: {
            statement: plainText(FIELD_LIMITS.statement),
            kind: { type: 'string', enum: [...CLAIM_KINDS] },
            verdict: nullable({ type: 'string', enum: [...VERDICTS] }),
            rationale: nullable(plainText(FIELD_LIMITS.rationale, false)),
            assignee: nullable({ type: 'string', maxLength: USERNAME_RULE.maxLength }),
            dueAt: nullable({ type: 'string', format: 'date-time', maxLength: 40 }),
            claimant: nullable(plainText(CLAIMANT_MAX_LENGTH, false)),
            claimantType: { type: 'string', enum: [...CLAIMANT_TYPES] },
            claimDate: nullable(claimDateSchema),
            summary: nullable(plainText(SUMMARY_MAX_LENGTH, false)),
          },
          additionalProperties: false,
          minProperties: 1,
        },
        response: { 200: claimSummarySchema, ...errorResponses, ...conflictResponses },
      },
    },
    async (request, reply) => {
      const version = requiredVersion(request.headers['if-match'], 'claim');
      const { value, events } = await patchClaim(
        app.db,
        request.params.id,
        version,
        request.body,
        currentUser(request),
      );
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    },
  );

  app.post<{ Params: ClaimParams; Body: TransitionInput; Headers: { 'if-match'?: string } }>(
    '/api/claims/:id/transitions',
    {
      schema: {
        summary:
          'Take a workflow action (start, submit, request_changes, approve, reopen, dismiss, restore)',
        params: idPathParams,
        querystring: noQuerystring,
        headers: ifMatchHeaders,
        body: transitionBodySchema,
        response: { 200: claimSummarySchema, ...errorResponses, ...conflictResponses },
      },
    },
    async (request, reply) => {
      const version = optionalVersion(request.headers['if-match'], 'claim');
      refuseUnrelatedFields(request.body);
      const { value, events } = await transitionClaim(
        app.db,
        request.params.id,
        request.body,
        currentUser(request),
        version,
      );
      app.changes.publish(...events);
      reply.header('etag', `"${value.version}"`);
      return value;
    },
  );

  app.get<{ Params: ClaimParams }>(
    '/api/claims/:id/history',
    {
      schema: {
        summary: 'Every change to the claim, its evidence and notes, oldest first',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: { type: 'array', items: historyEntrySchema }, ...errorResponses },
      },
    },
    async (request) => {
      if (!(await findClaim(app.db, request.params.id))) {
        throw new ProblemError({
          title: 'Not found',
          status: 404,
          detail: `Claim ${request.params.id} does not exist.`,
        });
      }
      return listHistory(app.db, request.params.id);
    },
  );
};

export default claims;
