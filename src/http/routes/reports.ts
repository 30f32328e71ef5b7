/** /v1/reports/failures: the failed ClickPost calls of one India day (URL without key, payload, response, retries), the report ClickPost asks integrators for; also written under data/reports. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { BEARER, errors } from '../schemas/common.js';
import { FailureReportSchema, ReportQuerySchema } from '../schemas/operations.js';

export const reportRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.get('/v1/reports/failures', {
    schema: {
      tags: ['reports'],
      security: BEARER,
      operationId: 'getFailureReport', summary: 'Failed ClickPost calls of one day (the daily failure report)',
      querystring: ReportQuerySchema,
      response: { 200: FailureReportSchema, ...errors(400, 401, 503) },
    },
  }, async (request) => connector.failureReport(request.query.date));
};
