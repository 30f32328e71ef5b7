/** /healthz (200 when healthy, else 503) and /metrics (Prometheus text). Open to all. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { HealthSchema } from '../schemas/operations.js';

const tags = ['operations'];

export const healthRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.get('/healthz', {
    schema: { tags, operationId: 'getHealth', summary: 'Liveness: database, workers, where ClickPost calls go', response: { 200: HealthSchema, 503: HealthSchema } },
  }, async (_request, reply) => {
    const health = await connector.health();
    return reply.status(health.ok ? 200 : 503).send(health);
  });

  app.get('/metrics', {
    schema: { tags, operationId: 'getMetrics', summary: 'Prometheus metrics', produces: ['text/plain'], response: { 200: z.string().meta({ description: 'Prometheus text exposition format' }) } },
  }, async (_request, reply) => {
    const metrics = await connector.metrics();
    return reply.type(metrics.contentType).send(metrics.body);
  });
};
