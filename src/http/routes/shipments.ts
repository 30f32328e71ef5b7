/**
 * /v1/shipments: schedule, list, get, label, cancel, retry, tracking. Handlers only call the
 * connector and pick the status; validation of the body and every error answer belong
 * to the connector and the one error handler.
 */
import { z } from 'zod';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { HttpConnector } from '../connector-surface.js';
import { BEARER, CodeParamsSchema, errors } from '../schemas/common.js';
import { ListAnswerSchema, ListQuerySchema, ScheduleBodySchema, ShipmentViewSchema, TrackingAnswerSchema } from '../schemas/shipments.js';

const tags = ['shipments'];

/** A file name for Content-Disposition: the code with anything unusual replaced. */
export function labelFileName(code: string): string {
  return `label-${code.replace(/[^A-Za-z0-9_.-]/g, '_')}.pdf`;
}

export const shipmentRoutes: FastifyPluginAsyncZod<{ connector: HttpConnector }> = async (app, { connector }) => {
  app.post('/v1/shipments', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'scheduleShipment',
      summary: 'Schedule a shipment',
      description: 'Idempotent by shipment_code: 202 for a new shipment, 200 with the existing one for the same body again, 409 for a different body under a used code. A wrong body answers 400 naming every wrong field and writes nothing.',
      body: ScheduleBodySchema,
      response: { 200: ShipmentViewSchema, 202: ShipmentViewSchema, ...errors(400, 401, 409, 413, 415, 503) },
    },
  }, async (request, reply) => {
    const { created, shipment } = await connector.schedule(request.body);
    if (created) reply.header('location', `/v1/shipments/${encodeURIComponent(shipment.shipment_code)}`);
    return reply.status(created ? 202 : 200).send(shipment);
  });

  app.get('/v1/shipments', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'listShipments',
      summary: 'List shipments, newest first',
      querystring: ListQuerySchema,
      response: { 200: ListAnswerSchema, ...errors(400, 401, 503) },
    },
  }, async (request) => connector.list(request.query));

  app.get('/v1/shipments/:shipment_code', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'getShipment',
      summary: 'Where a shipment stands',
      params: CodeParamsSchema,
      response: { 200: ShipmentViewSchema, ...errors(401, 404, 503) },
    },
  }, async (request) => connector.get(request.params.shipment_code));

  app.get('/v1/shipments/:shipment_code/label', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'getShipmentLabel',
      summary: 'The label PDF',
      description: 'Every box label in box order, with a packing slip after each when Packslip Required. 409 while the shipment is not booked.',
      produces: ['application/pdf'],
      params: CodeParamsSchema,
      response: { 200: z.any().meta({ type: 'string', format: 'binary', description: 'application/pdf' }), ...errors(401, 404, 409, 502, 503) },
    },
  }, async (request, reply) => {
    const pdf = await connector.label(request.params.shipment_code);
    return reply
      .type('application/pdf')
      .header('content-disposition', `inline; filename="${labelFileName(request.params.shipment_code)}"`)
      .send(Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength));
  });

  app.post('/v1/shipments/:shipment_code/cancel', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'cancelShipment',
      summary: 'Cancel a shipment',
      description: 'Cancels at ClickPost, or stops the pending polls of a shipment without an AWB. 200 once done (again 200 when already cancelled); 409 when the shipment is FAILED.',
      params: CodeParamsSchema,
      response: { 200: ShipmentViewSchema, ...errors(401, 404, 409, 503) },
    },
  }, async (request) => connector.cancel(request.params.shipment_code));

  app.post('/v1/shipments/:shipment_code/retry', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'retryShipment',
      summary: 'Start a new round of providers now',
      description: 'A FAILED or RETRY_WAIT shipment tries P1, P2, P3 again now, with the same references (ClickPost dedupes them). 409 for any other status.',
      params: CodeParamsSchema,
      response: { 200: ShipmentViewSchema, ...errors(401, 404, 409, 503) },
    },
  }, async (request) => connector.retry(request.params.shipment_code));

  app.get('/v1/shipments/:shipment_code/tracking', {
    schema: {
      tags,
      security: BEARER,
      operationId: 'getShipmentTracking',
      summary: 'Tracking events, oldest first, and the latest status',
      params: CodeParamsSchema,
      response: { 200: TrackingAnswerSchema, ...errors(401, 404, 503) },
    },
  }, async (request) => connector.tracking(request.params.shipment_code));
};
