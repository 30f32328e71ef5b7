/**
 * Tracking: ClickPost's webhook (authenticated, atomic, idempotent; webhooks that arrive
 * together commit together), the host's tracking view, and the daily track-order poll that
 * backs up lost webhooks (001, 004, contract).
 */
import type { ClickPostApi } from '../clickpost/api.js';
import { parseWebhookPayload } from '../clickpost/webhook.js';
import type { Clock } from '../clock.js';
import { ValidationError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Db } from '../store/db.js';
import { groupCommit } from '../store/group-commit.js';
import type { TrackingEvent } from '../clickpost/tracking-event.js';
import { registerSecret } from '../transport/redact.js';
import { storeTrackingEvents, type StoredEvent } from './store-events.js';
import { MAX_WAYBILLS_PER_TRACK_ORDER } from '../clickpost/track-order.js';
import { DEFAULT_BATCH_SIZE, pollOpenShipments } from './tracking-poll.js';
import { PollSchedule } from './tracking-schedule.js';
import { buildTrackingView } from './tracking-view.js';
import type { PollSummary, TrackingHooks, TrackingView, WebhookResult } from './types.js';
import { assertWebhookKey, type HeaderBag } from './webhook-auth.js';

export type { LatestChange, PollSummary, TrackingEventView, TrackingHooks, TrackingView, WebhookResult } from './types.js';
export { InvalidCronError } from './tracking-schedule.js';

/** Most webhooks written in one transaction. */
const WEBHOOK_BATCH = 100;

export interface TrackingServiceOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  /** WEBHOOK_KEY; null refuses every webhook. */
  webhookKey: string | null;
  clickpost: () => Promise<ClickPostApi>;
  hooks?: TrackingHooks;
  /** AWBs per track-order call: 1 to 5 (ClickPost's limit), default 5. */
  batchSize?: number;
}

export interface TrackingService {
  handleWebhook(headers: HeaderBag, body: unknown): Promise<WebhookResult>;
  /** NotFoundError for an unknown code. */
  tracking(shipmentCode: string): Promise<TrackingView>;
  pollOpenShipments(): Promise<PollSummary>;
  /** node-cron expression; throws InvalidCronError on a bad one. */
  startSchedule(cron: string): void;
  stopSchedule(): void;
}

function checkBatchSize(size: number | undefined): number {
  if (size === undefined) return DEFAULT_BATCH_SIZE;
  if (!Number.isInteger(size) || size < 1 || size > MAX_WAYBILLS_PER_TRACK_ORDER) {
    throw new RangeError(`batchSize must be a whole number from 1 to ${MAX_WAYBILLS_PER_TRACK_ORDER}, got ${size}`);
  }
  return size;
}

export function createTrackingService(options: TrackingServiceOptions): TrackingService {
  const { db, clock, logger, webhookKey } = options;
  const hooks = options.hooks ?? {};
  const batchSize = checkBatchSize(options.batchSize);
  registerSecret(webhookKey);

  // Webhooks that arrive while one commits are written together in the next transaction.
  const storeWebhookEvent = groupCommit<TrackingEvent, StoredEvent>({
    db,
    write: (trx, events) => storeTrackingEvents(trx, events, { source: 'webhook', now: clock.now(), hooks, logger }),
    maxBatch: WEBHOOK_BATCH,
  });

  async function handleWebhook(headers: HeaderBag, body: unknown): Promise<WebhookResult> {
    assertWebhookKey(headers, webhookKey);
    const parsed = parseWebhookPayload(body);
    if (!parsed.ok) throw new ValidationError('invalid_webhook', parsed.fields);
    // Resolves only after commit: the HTTP face answers 200 only once the event is written.
    const { stored, duplicate, stale, shipment } = await storeWebhookEvent(parsed.event);
    logger.info('tracking webhook', { awb: parsed.event.awb, status_code: parsed.event.status_code, stored, duplicate, stale, shipment_code: shipment?.shipment_code ?? null });
    return { stored, duplicate, stale, shipment_code: shipment?.shipment_code ?? null };
  }

  const poll = () => pollOpenShipments({ db, clock, logger, clickpost: options.clickpost, hooks, batchSize });
  const schedule = new PollSchedule(poll, logger);

  return {
    handleWebhook,
    tracking: (code) => buildTrackingView(db, code),
    pollOpenShipments: poll,
    startSchedule: (cron) => schedule.start(cron),
    stopSchedule: () => schedule.stop(),
  };
}
