/**
 * Shipment schemas of the HTTP face: the host's body (the library's own zod schema,
 * documented here, validated by the connector), the shipment as answered, the list
 * query, the list page and the tracking answer. Names and shapes are the contract's.
 */
import { z } from 'zod';
import { ShipmentInputSchema } from '../../domain/shipment-input.js';
import { ATTEMPT_OUTCOMES, CANCEL_STATES, SHIPMENT_STATUSES } from '../../views/shipment-view.js';
import { documentedOnly } from '../validation.js';

export { SHIPMENT_STATUSES };

export const ScheduleBodySchema = documentedOnly(
  ShipmentInputSchema.meta({ id: 'ShipmentBody', description: 'a B2B shipment: 1 to 3 providers in priority order, at least one box, every box at least one item' }),
);

const AttemptSchema = z.object({
  priority: z.number().int(),
  courier_partner_id: z.number().int(),
  account_code: z.string(),
  reference_number: z.string(),
  outcome: z.enum(ATTEMPT_OUTCOMES).meta({ description: 'SKIPPED: the account\'s circuit breaker is open' }),
  meta_status: z.number().int().nullable(),
  message: z.string().optional(),
  polls: z.number().int(),
  late_awb: z
    .object({ awb: z.string().nullable(), state: z.string() })
    .optional()
    .meta({ description: 'an abandoned attempt watched for a late AWB (cancelled if one comes)' }),
}).meta({ id: 'Attempt' });

export const ShipmentViewSchema = z.object({
  shipment_code: z.string(),
  status: z.enum(SHIPMENT_STATUSES),
  provider: z.object({ priority: z.number().int(), courier_partner_id: z.number().int(), account_code: z.string() }).nullable(),
  parent_awb: z.string().nullable(),
  label_url: z.string().nullable(),
  boxes: z.array(z.object({ box_code: z.string(), child_awb: z.string().nullable() })),
  pickup_time: z.string().nullable(),
  appointment_date: z.string().nullable(),
  attempts: z.array(AttemptSchema),
  error: z
    .looseObject({
      message: z.string(),
      attempts: z.array(z.object({ priority: z.number().int(), meta_status: z.number().int().nullable(), message: z.string().nullable() })),
    })
    .optional()
    .meta({ description: 'FAILED only: why, per attempt' }),
  retry: z
    .object({ round: z.number().int(), next_at: z.string(), reason: z.string() })
    .optional()
    .meta({ description: 'RETRY_WAIT only: the round that starts at next_at (India time), and why' }),
  cancel: z
    .object({ state: z.enum(CANCEL_STATES), message: z.string().nullable(), unconfirmed: z.literal(true).optional() })
    .optional()
    .meta({ description: 'present once a cancel was asked: REQUESTED, ACCEPTED (ClickPost will process it later; `unconfirmed` once 24 h of checks did not confirm it), DONE or FAILED' }),
  stuck: z
    .object({ reason: z.string(), since: z.string() })
    .optional()
    .meta({ description: 'work of this shipment (a timer or a ClickPost call) failed too often and was parked: why, and since when (India time); it needs a person. Gone once the shipment moves again' }),
  created_at: z.string().meta({ description: 'ISO 8601 UTC' }),
  updated_at: z.string().meta({ description: 'ISO 8601 UTC' }),
}).meta({ id: 'Shipment' });

export const ListQuerySchema = z.object({
  status: z.enum(SHIPMENT_STATUSES, { message: `must be one of ${SHIPMENT_STATUSES.join(', ')}` }).optional(),
  limit: z.coerce.number({ message: 'must be a whole number from 1 to 500' }).int('must be a whole number from 1 to 500').min(1, 'must be a whole number from 1 to 500').max(500, 'must be a whole number from 1 to 500').optional(),
  after: z.string().min(1).max(200).optional().meta({ description: 'next_cursor of the previous page' }),
});

export const ListAnswerSchema = z.object({
  items: z.array(ShipmentViewSchema),
  next_cursor: z.string().nullable().meta({ description: 'pass as `after` for the next (older) page; null on the last page' }),
});

const TrackingEventSchema = z.object({
  status_code: z.number().int().nullable().meta({ description: 'clickpost_status_code' }),
  status_description: z.string().nullable(),
  bucket: z.number().int().nullable(),
  status: z.string().nullable(),
  location: z.string().nullable(),
  remark: z.string().nullable(),
  timestamp: z.string().meta({ description: "the event's own time, ISO 8601 UTC" }),
  stale: z.boolean().meta({ description: 'the event was more than a day old when it arrived' }),
  ndr: z.object({
    code: z.number().int().meta({ description: "ClickPost's ndr_status_code" }),
    description: z.string().nullable().meta({ description: "ClickPost's NDR table text for a known code, else ClickPost's own text" }),
  }).nullable().meta({ description: 'why a failed delivery failed (ClickPost NDR); null for any other event' }),
}).meta({ id: 'TrackingEvent' });

export const TrackingAnswerSchema = z.object({
  shipment_code: z.string(),
  awb: z.string().nullable(),
  latest: TrackingEventSchema.nullable().meta({ description: 'the event with the newest timestamp' }),
  events: z.array(TrackingEventSchema).meta({ description: 'oldest first, by their own timestamp' }),
});
