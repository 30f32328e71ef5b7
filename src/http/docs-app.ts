/**
 * The app behind /docs: the service's routes (never called here: the OpenAPI document is
 * walked from their schemas) with @fastify/swagger and swagger-ui. Imported and built on
 * the first request under /docs (see ./docs-forward.ts), so an idle service holds neither.
 */
import type { FastifyInstance } from 'fastify';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { silentLogger } from '../logger.js';
import { openapiTransformObject } from './openapi.js';
import { baseApp, registerRoutes, type BuildAppOptions } from './app.js';

export async function buildDocsApp(options: BuildAppOptions): Promise<FastifyInstance> {
  // The service's access log already has the request; this app logs nothing of its own.
  const app = baseApp({ ...options, logger: silentLogger() });
  await app.register(swagger, {
    openapi: {
      // 3.1: its schemas are JSON Schema 2020-12, which is what zod 4 emits.
      openapi: '3.1.0',
      info: { title: 'ClickPost B2B connector', version: '1', description: 'AWB and label for every multi-box B2B shipment, failing over across up to three courier accounts.' },
      // Relative: the document is right whatever host and port the service listens on.
      servers: [{ url: '/', description: 'this service' }],
      components: {
        securitySchemes: {
          bearerAuth: { type: 'http', scheme: 'bearer', description: 'CONNECTOR_API_TOKEN; asked only when the service was started with one' },
          webhookKey: { type: 'apiKey', in: 'header', name: 'webhook_key', description: "WEBHOOK_KEY, which ClickPost sends with each tracking webhook" },
          webhookBasicToken: {
            type: 'apiKey',
            in: 'header',
            name: 'Authorization',
            description: 'WEBHOOK_KEY as ClickPost\'s "basic token auth" sends it: the bare key, `Bearer <key>`, or `Basic` base64 of `user:<key>`',
          },
        },
      },
      tags: [
        { name: 'shipments' },
        { name: 'webhooks' },
        { name: 'settings' },
        { name: 'reports' },
        { name: 'operations' },
      ],
    },
    transform: jsonSchemaTransform,
    // Schemas with a meta id (Shipment, ShipmentInput, Attempt, TrackingEvent, Settings, Error) become components.schemas.
    transformObject: openapiTransformObject,
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  await registerRoutes(app, options);
  await app.ready();
  return app;
}
