/**
 * The daily track-order poll, ClickPost's backup for lost webhooks (001: "hit for all
 * AWB which are not yet delivered ... at least once a day"). Open shipments are the
 * booked ones whose newest event is not in a terminal bucket (6, 7, 8), or that have
 * none. Their parent AWBs go to track-order grouped by the booked courier, in batches of
 * at most 5 (one courier per call, as ClickPost asks); every scan goes through the
 * webhook's insert path. A failing batch is logged and counted, the others go on.
 */
import pLimit from 'p-limit';
import type { ClickPostApi } from '../clickpost/api.js';
import { MAX_WAYBILLS_PER_TRACK_ORDER } from '../clickpost/track-order.js';
import type { TrackingEvent } from '../clickpost/tracking-event.js';
import { isTerminalBucket } from '../clickpost/units.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../logger.js';
import { writeTransaction, type Db } from '../store/db.js';
import type { ShipmentRow } from '../store/rows.js';
import { storeTrackingEvents } from './store-events.js';
import { listBookedShipments } from './tracking-queries.js';
import type { PollSummary, TrackingHooks } from './types.js';

/** ClickPost takes at most 5 waybills, all of one courier, per track-order call. */
export const DEFAULT_BATCH_SIZE = MAX_WAYBILLS_PER_TRACK_ORDER;
export const POLL_CONCURRENCY = 4;

export interface PollDeps {
  db: Db;
  clock: Clock;
  logger: Logger;
  clickpost: () => Promise<ClickPostApi>;
  hooks: TrackingHooks;
  batchSize: number;
  concurrency?: number;
}

export interface AwbBatch {
  courier_partner_id: number;
  awbs: string[];
}

/** The booked provider's courier_partner_id: providers[provider_priority - 1] of the host body. */
export function bookedCourierOf(shipment: Pick<ShipmentRow, 'body' | 'provider_priority'>): number | null {
  const priority = shipment.provider_priority;
  const providers = (shipment.body as { providers?: unknown } | null)?.providers;
  if (priority === null || !Array.isArray(providers)) return null;
  const id = (providers[priority - 1] as { courier_partner_id?: unknown } | undefined)?.courier_partner_id;
  return typeof id === 'number' && Number.isInteger(id) ? id : null;
}

/** AWBs grouped by courier, each group cut into batches of at most `size` (never above ClickPost's 5). */
export function batchAwbs(entries: ReadonlyArray<{ awb: string; courier_partner_id: number }>, size: number): AwbBatch[] {
  const per = Math.max(1, Math.min(size, MAX_WAYBILLS_PER_TRACK_ORDER));
  const byCourier = new Map<number, string[]>();
  for (const { awb, courier_partner_id } of entries) {
    const list = byCourier.get(courier_partner_id) ?? [];
    if (!list.includes(awb)) list.push(awb);
    byCourier.set(courier_partner_id, list);
  }
  const batches: AwbBatch[] = [];
  for (const [courier_partner_id, awbs] of byCourier) {
    for (let i = 0; i < awbs.length; i += per) batches.push({ courier_partner_id, awbs: awbs.slice(i, i + per) });
  }
  return batches;
}

/** Runs one batch: the call, then one write transaction for all its scans. Returns events stored. */
async function pollBatch(deps: PollDeps, api: ClickPostApi, batch: AwbBatch): Promise<number> {
  const result = await api.trackOrder({ awbs: batch.awbs, courier_partner_id: batch.courier_partner_id });
  const records = Object.keys(result.byAwb);
  if (records.length === 0 && result.messages.length > 0) throw new Error(result.messages.join('; '));
  if (result.messages.length > 0) deps.logger.warn('track-order answered with skipped scans', { cp_id: batch.courier_partner_id, messages: result.messages });
  const events: TrackingEvent[] = [];
  for (const awb of batch.awbs) {
    const record = result.byAwb[awb];
    if (!record || !record.valid) deps.logger.warn('track-order does not know an AWB', { awb, cp_id: batch.courier_partner_id });
    if (record) events.push(...record.events);
  }
  if (events.length === 0) return 0;
  const now = deps.clock.now();
  const stored = await writeTransaction(deps.db, (trx) =>
    storeTrackingEvents(trx, events, { source: 'poll', now, hooks: deps.hooks, logger: deps.logger }),
  );
  return stored.filter((s) => s.stored).length;
}

/** Open shipments -> batches, plus how many shipments could not be given a courier. */
async function planPoll(deps: PollDeps): Promise<{ shipments: number; batches: AwbBatch[]; unresolved: number }> {
  const open = (await listBookedShipments(deps.db)).filter((b) => !isTerminalBucket(b.latest_bucket));
  const entries: Array<{ awb: string; courier_partner_id: number }> = [];
  let unresolved = 0;
  for (const { shipment } of open) {
    const courier = bookedCourierOf(shipment);
    if (courier === null) {
      unresolved += 1;
      deps.logger.error('tracking poll: no courier for a booked shipment', { shipment_code: shipment.shipment_code, provider_priority: shipment.provider_priority });
      continue;
    }
    entries.push({ awb: shipment.parent_awb!, courier_partner_id: courier });
  }
  return { shipments: open.length, batches: batchAwbs(entries, deps.batchSize), unresolved };
}

export async function pollOpenShipments(deps: PollDeps): Promise<PollSummary> {
  const plan = await planPoll(deps);
  const summary: PollSummary = { shipments: plan.shipments, calls: 0, stored: 0, errors: plan.unresolved };
  if (plan.batches.length === 0) return summary;
  const api = await deps.clickpost();
  const limit = pLimit(deps.concurrency ?? POLL_CONCURRENCY);
  await Promise.all(
    plan.batches.map((batch) =>
      limit(async () => {
        summary.calls += 1;
        try {
          // Await first, then add: `x += await y` reads x before the wait and loses
          // the other batches' counts.
          const stored = await pollBatch(deps, api, batch);
          summary.stored += stored;
        } catch (err) {
          summary.errors += 1;
          deps.logger.error('tracking poll batch failed', { cp_id: batch.courier_partner_id, awbs: batch.awbs, error: (err as Error)?.message ?? String(err) });
        }
      }),
    ),
  );
  deps.logger.info('tracking poll done', { ...summary });
  return summary;
}
