/** Schemas of the webhook, the failure report and the health answer. */
import { z } from 'zod';
import { documentedOnly } from '../validation.js';

export const WebhookBodySchema = documentedOnly(
  z.object({}).meta({ description: "ClickPost's tracking webhook payload, as ClickPost sends it (checked by the connector)" }),
);

// Loose: the connector reads the other headers too (Authorization may carry the key). Optional:
// a missing key is the connector's 401, not a 400.
export const WebhookHeadersSchema = z.looseObject({
  webhook_key: z.string().optional().meta({ description: 'WEBHOOK_KEY (or send it in Authorization, as ClickPost\'s basic token auth does)' }),
});

export const WebhookAnswerSchema = z.object({
  ok: z.literal(true),
  duplicate: z.boolean().meta({ description: 'this event was stored before (same order_status_id, or waybill + status + timestamp)' }),
  stale: z.boolean().meta({ description: 'the event is more than a day older than now: stored, but hosts should not notify on it' }),
});

export const ReportQuerySchema = z.object({
  date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').meta({ description: 'the day, YYYY-MM-DD' }),
});

// Typed by the connector; documented here as an object (no fields checked).
export const FailureReportSchema = z.unknown().meta({ type: 'object', description: 'the shipments that FAILED that day, with why per attempt' });

export const HealthSchema = z.object({
  ok: z.boolean(),
  database: z.enum(['ok', 'error']),
  workers: z.enum(['running', 'stopped']),
  clickpost: z.object({ target: z.enum(['sandbox', 'production', 'custom']), base_url: z.string() }),
});
