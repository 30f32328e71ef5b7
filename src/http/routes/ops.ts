/** GET /: the operations page (settings screen + shipment board). Open; its script sends the token. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { renderOpsPage } from '../../ops/page.js';
import { SHIPMENT_STATUSES } from '../schemas/shipments.js';

export const opsRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector; tokenRequired: boolean }> = async (app, { connector, tokenRequired }) => {
  app.get('/', {
    schema: { tags: ['operations'], summary: 'The settings screen and the shipment board, for operations people', produces: ['text/html'], response: { 200: z.string().meta({ description: 'an HTML page' }) } },
  }, async (_request, reply) => {
    const model = await connector.settingsScreen();
    const html = renderOpsPage({ model, tokenRequired, statuses: SHIPMENT_STATUSES });
    return reply.type('text/html; charset=utf-8').header('cache-control', 'no-store').send(html);
  });
};
