/**
 * Outgoing webhooks (issue 10), admins only: set them up, list them (never their
 * secrets: the response schema has no place for one), stop them, and read how their
 * latest deliveries went. Delivery itself runs outside requests (server/webhooks/).
 */
import type { FastifyPluginAsync } from 'fastify';
import {
  ALL_WEBHOOK_EVENTS,
  DELIVERY_STATUSES,
  type NewWebhook,
  WEBHOOK_EVENTS,
  WEBHOOK_FORMATS,
  WEBHOOK_LIMITS,
} from '../../src/domain/webhooks';
import { requireRole, currentUser } from '../plugins/auth';
import { ProblemError } from '../plugins/problems';
import { ALLOW_PRIVATE_NETWORK_SETTING, refusedByAddress } from '../webhooks/destination';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
} from '../repositories/webhooks';
import { errorResponses, idPathParams, noQuerystring, nullable, webUrl } from './schemas';

const eventChoices = [...WEBHOOK_EVENTS, ALL_WEBHOOK_EVENTS];

const webhookSchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string', enum: eventChoices } },
    format: { type: 'string', enum: [...WEBHOOK_FORMATS] },
    createdBy: { type: 'string' },
    createdAt: { type: 'string' },
  },
  required: ['id', 'url', 'events', 'format', 'createdBy', 'createdAt'],
  additionalProperties: false,
};

const deliverySchema = {
  type: 'object',
  properties: {
    id: { type: 'string' },
    event: { type: 'string', enum: [...WEBHOOK_EVENTS] },
    status: { type: 'string', enum: [...DELIVERY_STATUSES] },
    attempts: { type: 'integer' },
    lastStatusCode: nullable({ type: 'integer' }),
    lastError: nullable({ type: 'string' }),
    createdAt: { type: 'string' },
    nextAttemptAt: nullable({ type: 'string' }),
    deliveredAt: nullable({ type: 'string' }),
  },
  required: [
    'id',
    'event',
    'status',
    'attempts',
    'lastStatusCode',
    'lastError',
    'createdAt',
    'nextAttemptAt',
    'deliveredAt',
  ],
  additionalProperties: false,
};

export interface WebhookRouteOptions {
  /** WEBHOOKS_ALLOW_PRIVATE_NETWORK (server/webhooks/destination.ts). */
  readonly allowPrivateNetwork: boolean;
}

const webhooks: FastifyPluginAsync<WebhookRouteOptions> = async (app, options) => {
  app.post<{ Body: NewWebhook }>(
    '/api/webhooks',
    {
      schema: {
        summary: 'Add an outgoing webhook (admin)',
        description:
          'Every matching event is POSTed to `url` as JSON (`format: "json"`) or as a Slack/' +
          'Mattermost message (`"slack"`), signed with `X-Claimdesk-Signature: sha256=<hex ' +
          'HMAC-SHA256 of the body keyed with the secret>` and carrying `X-Claimdesk-Delivery`. ' +
          'The secret is never shown again.',
        querystring: noQuerystring,
        body: {
          type: 'object',
          properties: {
            url: { ...webUrl, maxLength: WEBHOOK_LIMITS.url },
            events: {
              type: 'array',
              items: { type: 'string', enum: eventChoices },
              minItems: 1,
              maxItems: eventChoices.length,
              uniqueItems: true,
            },
            secret: {
              type: 'string',
              minLength: WEBHOOK_LIMITS.secretMin,
              maxLength: WEBHOOK_LIMITS.secretMax,
              // No control characters: it is typed into the receiver's settings as well.
              pattern: '^[^\\u0000-\\u001F\\u007F]*$',
            },
            format: { type: 'string', enum: [...WEBHOOK_FORMATS], default: 'json' },
          },
          required: ['url', 'events', 'secret'],
          additionalProperties: false,
        },
        response: { 201: webhookSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'admin')) {
        return reply;
      }
      // A name is checked when each delivery connects; an address can be refused now.
      const refused = options.allowPrivateNetwork ? null : refusedByAddress(request.body.url);
      if (refused) {
        throw new ProblemError({
          title: 'Invalid request',
          status: 400,
          detail:
            `/body/url: ${refused.message}: webhooks reach public addresses only unless ` +
            `the server runs with ${ALLOW_PRIVATE_NETWORK_SETTING}=1.`,
          field: '/body/url',
        });
      }
      const webhook = await createWebhook(app.db, request.body, currentUser(request).username);
      reply.status(201);
      return webhook;
    },
  );

  app.get(
    '/api/webhooks',
    {
      schema: {
        summary: 'The outgoing webhooks (admin), without their secrets',
        querystring: noQuerystring,
        response: { 200: { type: 'array', items: webhookSchema }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'admin')) {
        return reply;
      }
      return listWebhooks(app.db);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/api/webhooks/:id',
    {
      schema: {
        summary: 'Stop and remove an outgoing webhook (admin); its undelivered events are dropped',
        params: idPathParams,
        querystring: noQuerystring,
        response: { 204: { type: 'null' }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'admin')) {
        return reply;
      }
      await deleteWebhook(app.db, request.params.id);
      return reply.status(204).send();
    },
  );

  app.get<{ Params: { id: string } }>(
    '/api/webhooks/:id/deliveries',
    {
      schema: {
        summary: `The webhook's latest ${WEBHOOK_LIMITS.deliveriesListed} deliveries, newest first (admin)`,
        params: idPathParams,
        querystring: noQuerystring,
        response: { 200: { type: 'array', items: deliverySchema }, ...errorResponses },
      },
    },
    async (request, reply) => {
      if (!requireRole(request, reply, 'admin')) {
        return reply;
      }
      return listDeliveries(app.db, request.params.id);
    },
  );
};

export default webhooks;
