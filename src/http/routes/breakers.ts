/** /v1/breakers: the courier account circuit breakers, and closing one by hand. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { BEARER, errors } from '../schemas/common.js';
import { BreakersSchema, CloseBreakerBodySchema } from '../schemas/operations.js';

const tags = ['operations'];

export const breakerRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.get('/v1/breakers', {
    schema: { tags, security: BEARER, operationId: 'listBreakers', summary: 'Circuit breakers per courier account', response: { 200: BreakersSchema, ...errors(401, 503) } },
  }, async () => ({ items: await connector.breakers() }));

  app.post('/v1/breakers/close', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'closeBreaker',
      summary: 'Close a breaker by hand',
      description: 'The account is called again at once (an operator knows ClickPost or the courier is back).',
      body: CloseBreakerBodySchema,
      response: { 200: BreakersSchema, ...errors(400, 401, 503) },
    },
  }, async (request) => {
    await connector.closeBreaker(request.body as unknown);
    return { items: await connector.breakers() };
  });
};
