/** Bulk changes over many claims, and their undo by the person who made them. */
import type { FastifyBaseLogger, FastifyPluginAsync, FastifyRequest } from 'fastify';
import {
  BULK_MAX_IDS,
  type BulkItemResult,
  type BulkOp,
  type BulkRequest,
} from '../../src/domain/desk';
import { VERDICTS } from '../../src/domain/verdicts';
import { ACTIONS, DISMISS_REASONS } from '../../src/domain/workflow';
import { currentUser } from '../plugins/auth';
import { type BatchOutcome, runBatch, undoBatch } from '../repositories/bulk';
import { isActiveUser } from '../repositories/claim-guards';
import { DomainError } from '../repositories/errors';
import { FIELD_LIMITS } from '../../src/domain/requests';
import { problemOf } from './domain-problems';
import { invalidField } from './invalid-field';
import {
  bulkResponseSchema,
  errorResponses,
  idParam,
  noQuerystring,
  nullable,
  pathParams,
  plainText,
  problemRef,
} from './schemas';

const bulkBody = {
  type: 'object',
  properties: {
    ids: {
      type: 'array',
      minItems: 1,
      maxItems: BULK_MAX_IDS,
      uniqueItems: true,
      items: idParam,
      description: `1 to ${BULK_MAX_IDS} claim ids, each once`,
    },
    op: {
      type: 'object',
      description:
        '`assign` takes `assignee` (a username or null), `due` takes `dueAt` (a date-time or ' +
        'null), `transition` takes `action` and may carry `note`, `reason` (dismiss only) and ' +
        '`verdict` (set first, under the verdict’s rules)',
      properties: {
        type: { type: 'string', enum: ['assign', 'due', 'transition'] },
        assignee: nullable({ type: 'string', minLength: 1, maxLength: 64 }),
        dueAt: nullable({ type: 'string', format: 'date-time', maxLength: 40 }),
        action: { type: 'string', enum: [...ACTIONS] },
        note: plainText(FIELD_LIMITS.note, false),
        reason: { type: 'string', enum: [...DISMISS_REASONS] },
        verdict: { type: 'string', enum: [...VERDICTS] },
      },
      required: ['type'],
      additionalProperties: false,
    },
  },
  required: ['ids', 'op'],
  additionalProperties: false,
};

/** Which fields go with which kind of operation: the first is required. */
const OP_FIELDS: Readonly<Record<BulkOp['type'], readonly string[]>> = {
  assign: ['assignee'],
  due: ['dueAt'],
  transition: ['action', 'note', 'reason', 'verdict'],
};

/** What the schema cannot say: the fields of each kind of op, and who can be assigned. */
async function checkOp(op: BulkOp, isActive: (username: string) => Promise<boolean>) {
  const fields = OP_FIELDS[op.type];
  for (const key of Object.keys(op)) {
    if (key !== 'type' && !fields.includes(key)) {
      throw invalidField(`/body/op/${key}`, `does not go with the op type ${op.type}.`);
    }
  }
  if (!(fields[0] in op)) {
    throw invalidField(`/body/op/${fields[0]}`, `is required with the op type ${op.type}.`);
  }
  if (op.type === 'transition' && op.reason !== undefined && op.action !== 'dismiss') {
    throw invalidField('/body/op/reason', `goes only with the action dismiss, not ${op.action}.`);
  }
  if (op.type === 'due' && op.dueAt !== null && Number.isNaN(Date.parse(op.dueAt))) {
    throw invalidField('/body/op/dueAt', 'must be a date and time, such as 2026-05-04T17:00:00Z.');
  }
  if (op.type === 'assign' && op.assignee !== null && !(await isActive(op.assignee))) {
    throw invalidField(
      '/body/op/assignee',
      `must be the username of an active user; "${op.assignee}" is not.`,
    );
  }
}

/**
 * Each claim's outcome as the same request alone would have been answered:
 * 200 with the claim, the refusal's problem (with the claim as it stands), or
 * a 500 for a fault, logged.
 */
function answerOf(outcome: BatchOutcome, log: FastifyBaseLogger, what: string) {
  const results = outcome.items.map((item): BulkItemResult => {
    if (item.error === undefined) {
      return { id: item.id, status: 200, claim: item.claim };
    }
    if (item.error instanceof DomainError) {
      const { status, title, detail, field, code } = problemOf(item.error);
      const problem = {
        status,
        title,
        detail,
        field,
        code: typeof code === 'string' ? code : undefined,
      };
      return { id: item.id, status, problem, ...(item.claim ? { claim: item.claim } : {}) };
    }
    log.error({ err: item.error }, what);
    const problem = {
      title: 'Server error',
      status: 500,
      detail: 'Something went wrong on the server; nothing was saved for this claim. Try again.',
    };
    return { id: item.id, status: 500, problem };
  });
  return { batchId: outcome.batchId, results };
}

/** An undo may come without a body (with the request header instead): it means `{}`. */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const bulk: FastifyPluginAsync = async (app) => {
  app.post<{ Body: BulkRequest }>(
    '/api/claims/bulk',
    {
      schema: {
        summary:
          'Assign, set the due date of, or take a workflow action on many claims: each claim ' +
          'is checked and changed alone, and answered with the status it would have had alone',
        querystring: noQuerystring,
        body: bulkBody,
        response: { 200: bulkResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const actor = currentUser(request);
      const { ids, op } = request.body;
      await checkOp(op, (username) => isActiveUser(app.db, username));
      const outcome = await runBatch(app.db, ids, op, actor);
      app.changes.publish(...outcome.events);
      return answerOf(outcome, request.log, 'bulk change of a claim failed');
    },
  );

  app.post<{ Params: { batchId: string }; Body: Record<string, never> }>(
    '/api/claims/bulk/:batchId/undo',
    {
      preValidation: emptyBodyIsEmptyObject,
      schema: {
        summary:
          'Undo a bulk change (its author, within an hour, once): each claim not changed ' +
          'since is put back; one changed since is left as it is and answered 409',
        params: pathParams({ batchId: idParam }),
        querystring: noQuerystring,
        body: { type: 'object', additionalProperties: false },
        response: { 200: bulkResponseSchema, ...errorResponses, 409: problemRef },
      },
    },
    async (request) => {
      const outcome = await undoBatch(app.db, request.params.batchId, currentUser(request));
      app.changes.publish(...outcome.events);
      return answerOf(outcome, request.log, 'undo of a claim failed');
    },
  );
};

export default bulk;
