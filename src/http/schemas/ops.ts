/**
 * Schemas of the operations screen's own API (/v1/ops/*): the board page, a shipment's
 * story, the service mode and the connection test. The static types the ops modules use
 * are derived here, so each shape has one home.
 */
import { z } from 'zod';
import { AnsweredAttemptSchema, ShipmentViewSchema } from '../../views/shipment-view.js';

const isoTime = z.string().meta({ description: 'ISO 8601 UTC' });
/** A real calendar day (2026-02-30 is not): Date.UTC would roll it over to March. */
function isCalendarDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  return m !== null && new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))).toISOString().slice(0, 10) === text;
}
const day = z.string().refine(isCalendarDay, 'must be a calendar date YYYY-MM-DD (India day)');

export const BoardQuerySchema = z.object({
  status: z.string().min(1).max(32).optional().meta({ description: 'only this status (any status name, also ones this version does not know)' }),
  q: z.string().max(200, 'must be at most 200 characters').optional().meta({ description: 'part of a shipment code, parent AWB or child AWB' }),
  from: day.optional().meta({ description: 'created on or after this India day (YYYY-MM-DD)' }),
  to: day.optional().meta({ description: 'created on or before this India day (YYYY-MM-DD)' }),
  page: z.coerce.number({ message: 'must be a whole number from 1' }).int('must be a whole number from 1').min(1, 'must be a whole number from 1').optional(),
  page_size: z.coerce.number({ message: 'must be a whole number from 1 to 100' }).int('must be a whole number from 1 to 100').min(1, 'must be a whole number from 1 to 100').max(100, 'must be a whole number from 1 to 100').optional(),
});
export type BoardQuery = z.infer<typeof BoardQuerySchema>;

const AttemptBriefSchema = z.object({
  priority: z.number().int(),
  courier: z.string().meta({ description: 'cp <courier_partner_id> · <account_code>' }),
  outcome: z.string(),
  polls: z.number().int(),
});

const CancelSchema = z.object({ state: z.string(), message: z.string().nullable() }).nullable();

export const BoardRowSchema = z.object({
  shipment_code: z.string(),
  status: z.string(),
  courier: z.string().nullable().meta({ description: "the booking's courier_name, else cp <id> · <account_code> of the booked (or current) attempt" }),
  parent_awb: z.string().nullable(),
  child_awbs: z.array(z.string()),
  boxes: z.number().int(),
  attempts: z.array(AttemptBriefSchema),
  cancel: CancelSchema,
  // The shipment view's own field (one home): the board marks the row, its page says why.
  stuck: ShipmentViewSchema.shape.stuck,
  created_at: isoTime,
  updated_at: isoTime,
});
export type BoardRow = z.infer<typeof BoardRowSchema>;

export const BoardAnswerSchema = z.object({
  counts: z.record(z.string(), z.number().int()).meta({ description: 'shipments per status under the text and date filter (status filter aside)' }),
  total: z.number().int().meta({ description: 'shipments matching every filter' }),
  page: z.number().int(),
  page_size: z.number().int(),
  pages: z.number().int(),
  live: z.boolean().meta({ description: 'something shown is still moving (booking, polling, cancelling): ask again in a few seconds' }),
  items: z.array(BoardRowSchema),
});
export type BoardAnswer = z.infer<typeof BoardAnswerSchema>;

const CallSchema = z.object({
  endpoint: z.string(),
  at: isoTime,
  http_status: z.number().int().nullable(),
  meta_status: z.number().int().nullable(),
  answer: z.string().nullable().meta({ description: 'what the answer meant (src/clickpost/classify.ts): booked, accepted_async, pending, transient, immediate_error, configuration_error, payload_error, lookup_miss; cancelled or cancel_failed for a cancel' }),
  retry_number: z.number().int(),
  failed: z.boolean(),
  error: z.string().nullable().meta({ description: 'the transport error (no key in it), when there was no usable answer' }),
});
export type CallEntry = z.infer<typeof CallSchema>;

// The attempt as the shipment answer has it, plus what the page shows beside it.
const StoryAttemptSchema = AnsweredAttemptSchema.extend({
  message: z.string().nullable(),
  started_at: isoTime,
  ended_at: isoTime.nullable(),
  late_awb: z.object({ awb: z.string().nullable(), state: z.string() }).nullable().meta({ description: 'the late-AWB watch of an abandoned attempt' }),
  calls: z.array(CallSchema),
});

const StoryBoxSchema = z.object({
  position: z.number().int(),
  box_code: z.string(),
  child_awb: z.string().nullable(),
  length_cm: z.number().nullable(),
  breadth_cm: z.number().nullable(),
  height_cm: z.number().nullable(),
  weight_g: z.number().nullable(),
});

const StoryEventSchema = z.looseObject({
  timestamp: isoTime,
  status_code: z.number().int().nullable(),
  status_description: z.string().nullable(),
  status_name: z.string().meta({ description: 'what people read: the description, else the bucket name, else the code' }),
  bucket_name: z.string().nullable(),
  location: z.string().nullable(),
  remark: z.string().nullable(),
});

export const StoryAnswerSchema = z.object({
  shipment_code: z.string(),
  status: z.string(),
  courier: z.string().nullable(),
  parent_awb: z.string().nullable(),
  pickup_time: z.string().nullable(),
  appointment_date: z.string().nullable(),
  created_at: isoTime,
  updated_at: isoTime,
  cancel: CancelSchema,
  retry: z.object({ round: z.number().int(), next_at: z.string(), reason: z.string() }).nullable().meta({ description: 'RETRY_WAIT: the next round of providers, when, and why' }),
  error: z.string().nullable(),
  boxes: z.array(StoryBoxSchema),
  attempts: z.array(StoryAttemptSchema).meta({ description: 'P1, P2, P3 in order, each with its ClickPost calls (create, polls, retries)' }),
  other_calls: z.array(CallSchema).meta({ description: 'calls of no attempt: cancel, label, tracking' }),
  waiting: z.array(z.object({ timer: z.string(), due_at: isoTime })).meta({ description: 'what the shipment waits for: next label poll, late-AWB check, cancel retry' }),
  tracking: z.array(StoryEventSchema).meta({ description: 'newest first' }),
  live: z.boolean(),
});
export type StoryAnswer = z.infer<typeof StoryAnswerSchema>;
export type StoryAttempt = z.infer<typeof StoryAttemptSchema>;
export type StoryBox = z.infer<typeof StoryBoxSchema>;
export type StoryEvent = z.infer<typeof StoryEventSchema>;

export const ServiceModeSchema = z.object({
  mode: z.enum(['sandbox', 'live', 'custom']).meta({ description: 'sandbox: the built-in sandbox; live: www.clickpost.in; custom: CLICKPOST_BASE_URL' }),
  base_url: z.string(),
  username: z.string().nullable(),
  headline: z.string().meta({ description: 'e.g. "Sandbox: no real bookings" or "Live ClickPost as acme"' }),
});
export type ServiceMode = z.infer<typeof ServiceModeSchema>;

export const ConnectionTestSchema = z.object({
  ok: z.boolean(),
  verdict: z.enum(['connected', 'authentication', 'account', 'network', 'unexpected']),
  mode: ServiceModeSchema.shape.mode,
  base_url: z.string(),
  http_status: z.number().int().nullable(),
  meta_status: z.number().int().nullable(),
  message: z.string().meta({ description: 'what happened, in plain words' }),
});
export type ConnectionTest = z.infer<typeof ConnectionTestSchema>;
