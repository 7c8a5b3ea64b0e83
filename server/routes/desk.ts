/** The desk: `GET /api/claims`, the claims of every article in one list, a page at a time. */
import type { FastifyPluginAsync } from 'fastify';
import {
  DESK_PAGE_DEFAULT,
  DESK_PAGE_MAX,
  DESK_SORTS,
  type DeskPage,
  type DeskSort,
} from '../../src/domain/desk';
import { VERDICTS } from '../../src/domain/verdicts';
import { STAGES } from '../../src/domain/workflow';
import { currentUser } from '../plugins/auth';
import {
  CURSOR_SHAPES,
  type CursorKey,
  type DeskOrder,
  listDeskClaims,
} from '../repositories/desk';
import { now } from '../repositories/time';
import { DeskPageCache } from './desk-page-cache';
import { invalidQueryParameter } from './invalid-field';
import { deskPageSchema, errorResponses, idParam, usernameSchema } from './schemas';

interface DeskQuerystring {
  assignee?: string;
  notSubmittedBy?: string;
  stage?: string;
  verdict?: string;
  overdue?: '0' | '1';
  dueBefore?: string;
  article?: string;
  q?: string;
  sort?: DeskSort;
  dir?: 'asc' | 'desc';
  limit?: number;
  cursor?: string;
  archived?: '0' | '1';
}

const flag = { type: 'string', enum: ['0', '1'] };

const deskQuerystring = {
  type: 'object',
  properties: {
    assignee: { ...usernameSchema, description: 'A username, `me` or `none` (unassigned)' },
    notSubmittedBy: {
      ...usernameSchema,
      description: 'Leave out claims this person (a username or `me`) submitted',
    },
    stage: {
      type: 'string',
      maxLength: 200,
      description: `Comma-separated stages: ${STAGES.join(', ')}`,
    },
    verdict: {
      type: 'string',
      maxLength: 200,
      description: `Comma-separated verdicts, \`none\` for no verdict yet: ${VERDICTS.join(', ')}`,
    },
    overdue: { ...flag, description: '1: only claims past their due date and not settled' },
    dueBefore: { type: 'string', format: 'date-time', maxLength: 40 },
    article: idParam,
    q: { type: 'string', maxLength: 200, description: 'Every word, in the claim text' },
    sort: { type: 'string', enum: [...DESK_SORTS] },
    dir: { type: 'string', enum: ['asc', 'desc'] },
    limit: { type: 'integer', minimum: 1, maximum: DESK_PAGE_MAX },
    cursor: {
      type: 'string',
      maxLength: 2000,
      pattern: '^[A-Za-z0-9_-]+$',
      description: 'The nextCursor of the previous page',
    },
    archived: { ...flag, description: '1: include the claims of archived articles' },
  },
  additionalProperties: false,
};

function listOf<T extends string>(name: string, raw: string | undefined, allowed: readonly T[]) {
  if (raw === undefined || raw === '') {
    return undefined;
  }
  const items = raw.split(',');
  const unknown = items.find((item) => !(allowed as readonly string[]).includes(item));
  if (unknown !== undefined) {
    throw invalidQueryParameter(
      name,
      `must be a comma-separated list of: ${allowed.join(', ')} ("${unknown}" is not one)`,
    );
  }
  return [...new Set(items)] as T[];
}

/** Opaque to clients: base64url of the order it belongs to and the last row's key. */
export function encodeCursor(order: DeskOrder, key: CursorKey): string {
  return Buffer.from(JSON.stringify({ s: order.sort, d: order.dir, k: key })).toString('base64url');
}

export function decodeCursor(text: string, order: DeskOrder): CursorKey {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw invalidQueryParameter('cursor', 'is not a cursor this list gave out: start without it.');
  }
  const { s, d, k } = (parsed ?? {}) as { s?: unknown; d?: unknown; k?: unknown };
  const shape = CURSOR_SHAPES[order.sort];
  const fits =
    Array.isArray(k) &&
    k.length === shape.length &&
    k.every((value, i) => (shape[i] === 'n' ? Number.isInteger(value) : typeof value === 'string'));
  if (!fits) {
    throw invalidQueryParameter('cursor', 'is not a cursor this list gave out: start without it.');
  }
  if (s !== order.sort || d !== order.dir) {
    throw invalidQueryParameter(
      'cursor',
      `belongs to another order (sort=${String(s)}, dir=${String(d)}): start without it.`,
    );
  }
  return k as CursorKey;
}

const desk: FastifyPluginAsync = async (app) => {
  const cache = new DeskPageCache();
  const unsubscribe = app.changes.onCommitted(() => cache.clear());
  app.addHook('onClose', async () => unsubscribe());

  app.get<{ Querystring: DeskQuerystring }>(
    '/api/claims',
    {
      schema: {
        summary:
          'Claims across articles, filtered and sorted, a page at a time (keyset cursor); ' +
          'claims of archived articles only with archived=1',
        querystring: deskQuerystring,
        response: { 200: deskPageSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const query = request.query;
      const me = currentUser(request).username;
      // "Overdue" and "due before" move with the clock, not with changes: never kept.
      const cacheable = query.overdue !== '1' && query.dueBefore === undefined;
      const key = JSON.stringify([me, request.query]);
      reply.type('application/json; charset=utf-8');
      const cached = cacheable ? cache.get(key) : undefined;
      if (cached !== undefined) {
        return reply.send(cached);
      }
      const generation = cache.generation();
      if (query.notSubmittedBy === 'none') {
        throw invalidQueryParameter('notSubmittedBy', 'takes a username or me.');
      }
      const order: DeskOrder = { sort: query.sort ?? 'due', dir: query.dir ?? 'asc' };
      const limit = query.limit ?? DESK_PAGE_DEFAULT;
      const after = query.cursor !== undefined ? decodeCursor(query.cursor, order) : null;
      const dueBefore = query.dueBefore !== undefined ? Date.parse(query.dueBefore) : undefined;
      if (dueBefore !== undefined && Number.isNaN(dueBefore)) {
        throw invalidQueryParameter(
          'dueBefore',
          'must be a date and time, such as 2026-05-04T17:00:00Z.',
        );
      }
      const assignee =
        query.assignee === 'me' ? me : query.assignee === 'none' ? null : query.assignee;
      const { items, nextKey, total } = await listDeskClaims(
        app.db,
        {
          assignee,
          notSubmittedBy: query.notSubmittedBy === 'me' ? me : query.notSubmittedBy,
          stages: listOf('stage', query.stage, STAGES),
          verdicts: listOf('verdict', query.verdict, [...VERDICTS, 'none'] as const),
          overdue: query.overdue === '1',
          dueBefore: dueBefore !== undefined ? new Date(dueBefore).toISOString() : undefined,
          article: query.article,
          q: query.q,
          archived: query.archived === '1',
          now: now(),
        },
        order,
        limit,
        after,
      );
      const page: DeskPage = {
        items,
        nextCursor: nextKey ? encodeCursor(order, nextKey) : null,
        total,
      };
      const body = JSON.stringify(page);
      if (cacheable) {
        cache.store(key, generation, body);
      }
      return reply.send(body);
    },
  );
};

export default desk;
