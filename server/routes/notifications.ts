/**
 * The signed-in person's notifications (issue 10), and the articles they muted. Every
 * route reads and changes only the signed-in person's own rows: there is no way to name
 * anyone else.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { NOTIFICATION_KINDS } from '../../src/domain/notifications';
import { currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { articleExists } from '../repositories/articles';
import { isArticleMuted, setArticleMuted } from '../repositories/article-mutes';
import {
  listNotifications,
  markNotificationsRead,
  NOTIFICATION_PAGE_DEFAULT,
  NOTIFICATION_PAGE_MAX,
} from '../repositories/notifications';
import { errorResponses, idPathParams, noQuerystring, nullable } from './schemas';

/** A notification's id: its number, as text. */
const notificationId = { type: 'string', pattern: '^[0-9]{1,15}$' };

const notificationSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    kind: { type: 'string', enum: [...NOTIFICATION_KINDS] },
    createdAt: { type: 'string' },
    readAt: nullable({ type: 'string' }),
    actor: {
      type: ['object', 'null'],
      properties: { username: { type: 'string' }, displayName: { type: 'string' } },
      required: ['username', 'displayName'],
      additionalProperties: false,
    },
    claimId: { type: 'string' },
    articleId: { type: 'string' },
    text: { type: 'string' },
  },
  required: ['id', 'kind', 'createdAt', 'readAt', 'actor', 'claimId', 'articleId', 'text'],
  additionalProperties: false,
};

const muteSchema = {
  type: 'object',
  properties: { articleId: { type: 'string' }, muted: { type: 'boolean' } },
  required: ['articleId', 'muted'],
  additionalProperties: false,
};

interface ListQuery {
  unread?: '0' | '1';
  limit?: number;
  cursor?: string;
}

type MarkBody = { ids: string[] } | { all: true };

/** A mute may come without a body (with the request header instead): it means `{}`. */
async function emptyBodyIsEmptyObject(request: FastifyRequest): Promise<void> {
  request.body ??= {};
}

const notifications: FastifyPluginAsync = async (app) => {
  app.get<{ Querystring: ListQuery }>(
    '/api/notifications',
    {
      schema: {
        summary: "The signed-in person's notifications, newest first, a page at a time",
        description:
          '`unread=1`: only those not yet read. `unread` in the answer counts all the ' +
          "person's unread notifications, whatever the page shows; `nextCursor` is null on " +
          'the last page.',
        querystring: {
          type: 'object',
          properties: {
            unread: { type: 'string', enum: ['0', '1'] },
            limit: { type: 'integer', minimum: 1, maximum: NOTIFICATION_PAGE_MAX },
            cursor: { ...notificationId, description: 'The nextCursor of the previous page' },
          },
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: {
              items: { type: 'array', items: notificationSchema },
              unread: { type: 'integer' },
              nextCursor: nullable({ type: 'string' }),
            },
            required: ['items', 'unread', 'nextCursor'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) =>
      listNotifications(app.db, currentUser(request).username, {
        unreadOnly: request.query.unread === '1',
        limit: request.query.limit ?? NOTIFICATION_PAGE_DEFAULT,
        cursor: request.query.cursor ?? null,
      }),
  );

  app.post<{ Body: MarkBody }>(
    '/api/notifications/read',
    {
      schema: {
        summary: "Mark some of the signed-in person's notifications read, or all of them",
        description:
          'Either `{"ids": [...]}` or `{"all": true}`. Ids that are not the person\'s own ' +
          'are left alone. Answers how many were marked and how many stay unread.',
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            ids: { type: 'array', items: notificationId, minItems: 1, maxItems: 500 },
            all: { type: 'boolean', const: true },
          },
          minProperties: 1,
          maxProperties: 1,
          additionalProperties: false,
        },
        response: {
          200: {
            type: 'object',
            properties: { marked: { type: 'integer' }, unread: { type: 'integer' } },
            required: ['marked', 'unread'],
            additionalProperties: false,
          },
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { marked, unread, events } = await markNotificationsRead(
        app.db,
        currentUser(request).username,
        request.body,
      );
      // The person's other tabs and devices mark the same notifications read.
      app.changes.publish(...events);
      return { marked, unread };
    },
  );

  /** The article, once it is known to exist. */
  async function existingArticle(id: string): Promise<string> {
    if (!(await articleExists(app.db, id))) {
      throw new ProblemError({
        title: 'Not found',
        status: 404,
        detail: `Article ${id} does not exist.`,
      });
    }
    return id;
  }

  app.get<{ Params: { id: string } }>(
    '/api/articles/:id/mute',
    {
      schema: {
        summary: 'Whether the signed-in person muted the article (no `submitted` notifications)',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: muteSchema, ...errorResponses },
      },
    },
    async (request) => {
      const articleId = await existingArticle(request.params.id);
      const muted = await isArticleMuted(app.db, currentUser(request).username, articleId);
      return { articleId, muted };
    },
  );

  for (const [method, muted] of [
    ['POST', true],
    ['DELETE', false],
  ] as const) {
    app.route<{ Params: { id: string } }>({
      method,
      url: '/api/articles/:id/mute',
      ...(muted ? { preValidation: emptyBodyIsEmptyObject } : {}),
      schema: {
        summary: muted
          ? 'Mute the article for the signed-in person: no `submitted` notifications of its claims'
          : 'Unmute the article for the signed-in person',
        params: idPathParams,
        querystring: noQuerystring,
        ...(muted ? { body: { type: 'object', additionalProperties: false } } : {}),
        response: { 200: muteSchema, ...errorResponses },
      },
      handler: async (request) => {
        const articleId = await existingArticle(request.params.id);
        await setArticleMuted(app.db, currentUser(request).username, articleId, muted);
        return { articleId, muted };
      },
    });
  }
};

export default notifications;
