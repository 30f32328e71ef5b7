/** /v1/reports/failures: the shipments that failed on one day, for operations. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { BEARER, errors } from '../schemas/common.js';
import { FailureReportSchema, ReportQuerySchema } from '../schemas/operations.js';

export const reportRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.get('/v1/reports/failures', {
    schema: {
      tags: ['reports'],
      security: BEARER,
      summary: 'Failed shipments of one day',
      querystring: ReportQuerySchema,
      response: { 200: FailureReportSchema, ...errors(400, 401) },
    },
  }, async (request) => connector.failureReport(request.query.date));
};
