/**
 * The HTTP face: a fastify 5 app over the library face. Zod schemas on every route
 * (fastify-type-provider-zod) document OpenAPI at /docs; one error handler maps every
 * error; one access line per request goes to winston. The host API (/v1/*) asks for a
 * bearer token when one is set, except ClickPost's webhook, which has its own key.
 *
 * /docs is served by a second app, built on the first request under /docs (./docs-app.ts):
 * an idle service does not hold @fastify/swagger, swagger-ui and their route walk.
 */
import Fastify, { type FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { ErrorSchema } from './schemas/common.js';
import type { Logger } from '../logger.js';
import type { HttpConnector } from './connector-surface.js';
import { validatorCompiler } from './validation.js';
import { serializerCompiler } from './serializer.js';
import { createErrorHandler, notFoundHandler } from './error-handler.js';
import { accessLogHook, REQUEST_ID_HEADER, requestIdOf } from './access-log.js';
import { requireBearer } from './auth.js';
import { shipmentRoutes } from './routes/shipments.js';
import { settingsRoutes } from './routes/settings.js';
import { reportRoutes } from './routes/reports.js';
import { webhookRoutes } from './routes/webhooks.js';
import { healthRoutes } from './routes/health.js';
import { opsRoutes } from './routes/ops.js';
import { breakerRoutes } from './routes/breakers.js';
import { opsApiRoutes } from './routes/ops-api.js';
import { asOpsConnector } from '../ops/ops-source.js';
import { lazyDocs } from './docs-forward.js';

export const DEFAULT_BODY_LIMIT = 1024 * 1024;

export interface BuildAppOptions {
  connector: HttpConnector;
  logger: Logger;
  /** CONNECTOR_API_TOKEN: when set, every /v1/* route but the webhook needs `Authorization: Bearer <token>`. */
  apiToken?: string | null;
  /** Largest body accepted; default 1 MiB (larger answers 413). */
  bodyLimit?: number;
}

/** The service's app: every route, /docs forwarded to the docs app built on first use. */
export async function buildApp(options: BuildAppOptions): Promise<FastifyInstance> {
  const app = baseApp(options);
  // Built with the same routes (the document is walked from them), only when /docs is asked.
  const docs = lazyDocs(async () => {
    const { buildDocsApp } = await import('./docs-app.js');
    return buildDocsApp(options);
  });
  app.addHook('onClose', () => docs.close());
  await app.register(docs.forward);
  await registerRoutes(app, options);
  await app.ready();
  return app;
}

/** Fastify with the connector's hooks, parsers and error handling, no routes yet. */
export function baseApp(options: BuildAppOptions): FastifyInstance {
  const { logger } = options;
  const app = Fastify({
    logger: false,
    bodyLimit: options.bodyLimit ?? DEFAULT_BODY_LIMIT,
    // The caller's x-request-id (when it is a sane token) names the request in every log
    // line and comes back in the answer; otherwise a fresh UUID does.
    requestIdHeader: false,
    genReqId: requestIdOf,
    return503OnClosing: true,
  }).withTypeProvider<ZodTypeProvider>();
  app.addHook('onSend', async (request, reply) => {
    reply.header(REQUEST_ID_HEADER, request.id);
  });

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(createErrorHandler(logger));
  app.setNotFoundHandler(notFoundHandler);
  app.addHook('onResponse', accessLogHook(logger));
  app.addHook('onRoute', describeOperation);
  tolerateEmptyJson(app);
  return app;
}

/** Every route of the service but /docs (the same in the service and in the docs app). */
export async function registerRoutes(app: FastifyInstance, options: BuildAppOptions): Promise<void> {
  const { connector } = options;
  const apiToken = options.apiToken || null;
  // The host API: one scope, so the bearer hook covers exactly the routes inside it.
  await app.register(async (v1) => {
    if (apiToken) v1.addHook('onRequest', requireBearer(apiToken));
    await v1.register(shipmentRoutes, { connector });
    await v1.register(settingsRoutes, { connector });
    await v1.register(reportRoutes, { connector });
    await v1.register(breakerRoutes, { connector });
    const ops = asOpsConnector(connector);
    if (ops) await v1.register(opsApiRoutes, { connector: ops });
  });
  await app.register(webhookRoutes, { connector });
  await app.register(healthRoutes, { connector });
  await app.register(opsRoutes, { connector, tokenRequired: apiToken !== null });
}

/**
 * Completes each route's OpenAPI entry: security (none named: open), a 500 answer, and an
 * operationId from method and path when the route names none.
 */
function describeOperation(route: { method: string | string[]; url: string; schema?: Record<string, unknown> }): void {
  if (!route.schema || route.schema.hide) return;
  // No security named: the route is open (health, metrics, the operations page).
  route.schema.security ??= [];
  // Any route may fail unexpectedly: the one error handler answers 500 with an Error body.
  if (route.schema.response && typeof route.schema.response === 'object') (route.schema.response as Record<number, unknown>)[500] ??= ErrorSchema;
  if (route.schema.operationId) return;
  const method = (Array.isArray(route.method) ? route.method[0]! : route.method).toLowerCase();
  const words = route.url.split(/[^A-Za-z0-9]+/).filter(Boolean);
  route.schema.operationId = method + (words.length ? words.map((w) => w[0]!.toUpperCase() + w.slice(1)).join('') : 'Root');
}

// A POST without a body but with `Content-Type: application/json` (cancel, sent by many
// HTTP clients) is read as no body instead of fastify's "empty JSON body" error; every
// other body goes through fastify's own JSON parser, which refuses __proto__ poisoning.
function tolerateEmptyJson(app: FastifyInstance): void {
  const parse = app.getDefaultJsonParser('error', 'error');
  // Every body here is JSON; text/plain (a fastify default) would reach the connector as
  // a string, so it answers 415 like any other type.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (typeof body === 'string' && body.trim() === '') return done(null, undefined);
    return parse(request, body as string, done);
  });
}
