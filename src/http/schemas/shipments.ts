/**
 * Shipment schemas of the HTTP face: the host's body (the library's own zod schema,
 * documented here, validated by the connector), the shipment as answered, the list
 * query, the list page and the tracking answer. Names and shapes are the contract's.
 */
import { z } from 'zod';
import { ShipmentInputSchema } from '../../domain/shipment-input.js';
import { SHIPMENT_STATUSES, ShipmentViewSchema } from '../../views/shipment-view.js';
import { TrackingViewSchema } from '../../views/tracking-view.js';
import { documentedOnly } from '../validation.js';

export { SHIPMENT_STATUSES, ShipmentViewSchema };
/** The tracking answer (its shape's home: src/views/tracking-view.ts). */
export const TrackingAnswerSchema = TrackingViewSchema;

export const ScheduleBodySchema = documentedOnly(
  ShipmentInputSchema.meta({ id: 'ShipmentBody', description: 'a B2B shipment: 1 to 3 providers in priority order, at least one box, every box at least one item' }),
);

export const ListQuerySchema = z.object({
  status: z.enum(SHIPMENT_STATUSES, { message: `must be one of ${SHIPMENT_STATUSES.join(', ')}` }).optional(),
  limit: z.coerce.number({ message: 'must be a whole number from 1 to 500' }).int('must be a whole number from 1 to 500').min(1, 'must be a whole number from 1 to 500').max(500, 'must be a whole number from 1 to 500').optional(),
  after: z.string().min(1).max(200).optional().meta({ description: 'next_cursor of the previous page' }),
});

export const ListAnswerSchema = z.object({
  items: z.array(ShipmentViewSchema),
  next_cursor: z.string().nullable().meta({ description: 'pass as `after` for the next (older) page; null on the last page' }),
});
