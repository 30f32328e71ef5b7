/** Schemas of the webhook, the failure report and the health answer. */
import { z } from 'zod';
import { documentedOnly } from '../validation.js';
import { AccountRefSchema } from '../../breaker/account-breakers.js';

export const WebhookBodySchema = documentedOnly(
  z.object({}).meta({ description: "ClickPost's tracking webhook payload, as ClickPost sends it (checked by the connector)" }),
);

// Loose: fastify replaces request.headers with the parsed value, so other headers must stay.
// Both optional: a missing key is the connector's 401, never a 400.
export const WebhookHeadersSchema = z.looseObject({
  webhook_key: z.string().optional().meta({ description: 'WEBHOOK_KEY, as ClickPost sends it' }),
  authorization: z.string().optional().meta({ description: 'the key with ClickPost\'s "basic token auth": bare, `Bearer <key>` or `Basic base64(user:<key>)`' }),
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

const BreakerSchema = z.object({
  courier_partner_id: z.number().int(),
  account_code: z.string(),
  state: z.enum(['CLOSED', 'OPEN', 'HALF_OPEN']).meta({ description: 'OPEN: attempts at this account are SKIPPED until open_until; HALF_OPEN: one probe call is out' }),
  consecutive_failures: z.number().int(),
  open_until: z.string().nullable(),
  last_answer: z
    .object({ outcome: z.string(), http_status: z.number().int().nullable(), meta_status: z.number().int().nullable(), message: z.string().nullable(), at: z.string() })
    .nullable()
    .meta({ description: 'the last create-order answer of this account' }),
});

export const BreakersSchema = z.object({ items: z.array(BreakerSchema) });

export const CloseBreakerBodySchema = documentedOnly(AccountRefSchema.meta({ description: 'the courier account whose breaker to close' }));

export const ReadinessSchema = z.object({
  ready: z.boolean(),
  checks: z.array(z.object({ name: z.enum(['database', 'workers', 'timers_overdue', 'effects_overdue', 'effects_dead', 'timers_dead']), ok: z.boolean(), detail: z.string() })),
  breakers: z.array(BreakerSchema),
});
