/**
 * The tracking answer (contract: "GET .../tracking", "Webhook"): the one home of a tracking
 * event's shape as the host sees it. The OpenAPI document, the callbacks and the library's
 * types read these schemas; src/tracking builds the values.
 */
import { z } from 'zod';

export const TrackingEventViewSchema = z.object({
  status_code: z.number().int().nullable().meta({ description: 'clickpost_status_code' }),
  status_description: z.string().nullable(),
  bucket: z.number().int().nullable(),
  status: z.string().nullable(),
  location: z.string().nullable(),
  remark: z.string().nullable(),
  timestamp: z.string().meta({ description: "the event's own time, ISO 8601 UTC" }),
  // 001: an event that reached us late; hosts must not notify on it.
  stale: z.boolean().meta({ description: 'the event was more than a day old when it arrived' }),
  // ClickPost's NDR reason on a failed delivery (code, and the 004 table's description).
  ndr: z.object({
    code: z.number().int().meta({ description: "ClickPost's ndr_status_code" }),
    description: z.string().nullable().meta({ description: "ClickPost's NDR table text for a known code, else ClickPost's own text" }),
  }).nullable().meta({ description: 'why a failed delivery failed (ClickPost NDR); null for any other event' }),
}).meta({ id: 'TrackingEvent' });
export type TrackingEventView = z.infer<typeof TrackingEventViewSchema>;

export const TrackingViewSchema = z.object({
  shipment_code: z.string(),
  awb: z.string().nullable().meta({ description: 'the parent AWB; null while not booked' }),
  // Whatever order the events arrived in.
  latest: TrackingEventViewSchema.nullable().meta({ description: 'the event with the newest timestamp' }),
  // Oldest first by the event's own time, then arrival.
  events: z.array(TrackingEventViewSchema).meta({ description: 'oldest first, by their own timestamp' }),
});
export type TrackingView = z.infer<typeof TrackingViewSchema>;
