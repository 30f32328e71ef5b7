/** /healthz (liveness), /readyz (readiness: 200 or 503 naming each check) and /metrics (Prometheus text). Open to all. */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { HealthSchema, ReadinessSchema } from '../schemas/operations.js';

const tags = ['operations'];

export const healthRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.get('/healthz', {
    schema: { tags, operationId: 'getHealth', summary: 'Liveness: database, workers, where ClickPost calls go', response: { 200: HealthSchema, 503: HealthSchema } },
  }, async (_request, reply) => {
    const health = await connector.health();
    return reply.status(health.ok ? 200 : 503).send(health);
  });

  app.get('/readyz', {
    schema: {
      tags,
      operationId: 'getReadiness',
      summary: 'Readiness: the database answers and no backlog is stuck; breakers and the last ClickPost answer per account',
      response: { 200: ReadinessSchema, 503: ReadinessSchema },
    },
  }, async (_request, reply) => {
    const ready = await connector.readiness();
    return reply.status(ready.ready ? 200 : 503).send(ready);
  });

  app.get('/metrics', {
    schema: { tags, operationId: 'getMetrics', summary: 'Prometheus metrics', produces: ['text/plain'], response: { 200: z.string().meta({ description: 'Prometheus text exposition format' }) } },
  }, async (_request, reply) => {
    const metrics = await connector.metrics();
    return reply.type(metrics.contentType).send(metrics.body);
  });
};
