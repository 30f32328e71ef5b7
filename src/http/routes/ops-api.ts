/**
 * /v1/ops/*: what the operations screen reads beyond the host API: the board (counts,
 * search, date range, numbered pages), a shipment's story, the service mode for the header,
 * and "Test connection". Registered inside the /v1 scope, so the bearer rule covers it.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { BEARER, CodeParamsSchema, errors } from '../schemas/common.js';
import { BoardAnswerSchema, BoardQuerySchema, ConnectionTestSchema, ServiceModeSchema, StoryAnswerSchema } from '../schemas/ops.js';
import type { OpsConnector } from '../../ops/ops-source.js';
import { serviceMode } from '../../ops/ops-source.js';
import { boardPage } from '../../ops/board-data.js';
import { shipmentStory } from '../../ops/story-data.js';
import { testConnection } from '../../ops/connection-test.js';

const tags = ['operations'];

export const opsApiRoutes: FastifyPluginAsyncZod<{ connector: OpsConnector }> = async (app, { connector }) => {
  app.get('/v1/ops/board', {
    schema: {
      tags,
      security: BEARER,
      summary: 'The shipment board: one page, counts per status, total',
      description: 'Filters: status, q (part of a shipment code, parent AWB or child AWB), from/to (India days). Newest first; `live` says whether to ask again soon.',
      querystring: BoardQuerySchema,
      response: { 200: BoardAnswerSchema, ...errors(400, 401, 503) },
    },
  }, async (request) => boardPage(connector.db, request.query));

  app.get('/v1/ops/shipments/:shipment_code', {
    schema: {
      tags,
      security: BEARER,
      summary: "A shipment's story: attempts with every ClickPost call, boxes, what it waits for, tracking newest first",
      params: CodeParamsSchema,
      response: { 200: StoryAnswerSchema, ...errors(401, 404, 503) },
    },
  }, async (request) => shipmentStory(connector, request.params.shipment_code));

  app.get('/v1/ops/service', {
    schema: {
      tags,
      security: BEARER,
      summary: 'Where ClickPost calls go: the sandbox (no real bookings) or ClickPost, and as whom',
      response: { 200: ServiceModeSchema, ...errors(401, 503) },
    },
  }, async () => serviceMode(connector));

  app.post('/v1/ops/connection-test', {
    schema: {
      tags,
      security: BEARER,
      summary: 'Test connection: one harmless read call with the saved settings',
      description: 'Says what failed: authentication (Username/Key refused), account (configuration refused), network (no answer), or connected. Books nothing and is not recorded as a shipment call.',
      response: { 200: ConnectionTestSchema, ...errors(401, 503) },
    },
  }, async () => testConnection(connector));
};
