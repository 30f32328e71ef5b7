/**
 * ClickPost's tracking webhook. Outside the bearer scope: ClickPost authenticates with the
 * `webhook_key` header, or with `Authorization` ("basic token auth"), which the connector
 * checks. The 200 goes out only after the connector resolved, i.e. after the event was
 * committed, so ClickPost retries otherwise.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { errors } from '../schemas/common.js';
import { WebhookAnswerSchema, WebhookBodySchema, WebhookHeadersSchema } from '../schemas/operations.js';

export const webhookRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.post('/v1/webhooks/clickpost', {
    schema: {
      tags: ['webhooks'],
      security: [{ webhookKey: [] }, { webhookBasicToken: [] }],
      operationId: 'receiveClickPostWebhook',
      summary: "ClickPost's tracking webhook",
      description: 'Send the header `webhook_key: <WEBHOOK_KEY>`, or `Authorization` with the key (bare, `Bearer <key>`, or `Basic` '
        + 'base64 of `user:<key>`), as ClickPost\'s "basic token auth" does; a missing or wrong key answers 401 and stores nothing.',
      headers: WebhookHeadersSchema,
      body: WebhookBodySchema,
      response: { 200: WebhookAnswerSchema, ...errors(400, 401, 413, 415, 503) },
    },
  }, async (request) => {
    const result = await connector.handleWebhook(request.headers, request.body as unknown);
    return { ok: true as const, duplicate: result.duplicate, stale: result.stale };
  });
};
