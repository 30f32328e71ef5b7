/** Shared set-up for tracking tests: a migrated SQLite file, booked shipments, a log capture. */
import { Writable } from 'node:stream';
import winston from 'winston';
import type { ShipmentInput } from '../../src/domain/shipment-input.js';
import { createLogger, type Logger } from '../../src/logger.js';
import type { Db } from '../../src/store/db.js';
import { insertBoxes, setBoxAwbs } from '../../src/store/boxes-repo.js';
import { listTrackingEvents } from '../../src/store/tracking-repo.js';
import { insertShipment } from '../../src/store/shipments-repo.js';
import type { TrackingRow } from '../../src/store/rows.js';
import { exampleShipment } from '../helpers/shipments.js';
import { createPayload, post } from '../sandbox/fixtures.js';

export const T0 = Date.parse('2026-11-23T05:00:00Z');
export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;

/** A winston logger whose JSON lines land in `lines`. */
export function capturingLogger(): { logger: Logger; lines: string[] } {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { logger: createLogger({ level: 'debug', transports: [new winston.transports.Stream({ stream })] }), lines };
}

export interface SeedOptions {
  status?: string;
  parentAwb?: string | null;
  childAwbs?: Array<string | null>;
  /** The provider that booked, 1-based; default 1. */
  priority?: number;
  accounts?: string[];
}

/** A shipments row (and its boxes) as the engine leaves it, written directly. */
export async function seedShipment(db: Db, code: string, options: SeedOptions = {}): Promise<number> {
  const childAwbs = options.childAwbs ?? [];
  const body: ShipmentInput = exampleShipment(code, options.accounts ?? ['Delhivery B2B', 'Bluedart Surface', 'Gati B2B'], Math.max(1, childAwbs.length));
  const id = await insertShipment(db, {
    shipment_code: code,
    status: options.status ?? 'BOOKED',
    body,
    body_hash: `hash-${code}`,
    snapshot: { value: options.status ?? 'BOOKED' },
    settings: null,
    now: T0,
  });
  const booked = (options.status ?? 'BOOKED') === 'BOOKED';
  await db('shipments').where({ id }).update({
    parent_awb: options.parentAwb ?? null,
    provider_priority: booked ? options.priority ?? 1 : null,
  });
  await insertBoxes(db, id, body.boxes.map((b, position) => ({ position, box_code: b.box_code })));
  await setBoxAwbs(db, id, childAwbs.map((child_awb, position) => ({ position, child_awb, child_label_url: null })));
  return id;
}

export async function allEvents(db: Db): Promise<TrackingRow[]> {
  return listTrackingEvents(db);
}

/** India local 'YYYY-MM-DD HH:MM:SS' of an instant: how ClickPost writes webhook times. */
export function istText(ms: number): string {
  return new Date(ms + 330 * 60_000).toISOString().slice(0, 19).replace('T', ' ');
}

export function webhookBody(awb: string, code: number, atMs: number, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    waybill: awb,
    clickpost_status_code: code,
    cp_id: 4,
    clickpost_status_description: `code ${code}`,
    status: `status ${code}`,
    location: 'Pune',
    remark: `remark ${code}`,
    timestamp: istText(atMs),
    ...extra,
  };
}

/** Books a one-box shipment at the sandbox with the courier of `priority` (exampleShipment: 4, 6, 9) and seeds its row. */
export async function bookAndSeedAt(sandboxUrl: string, db: Db, code: string, priority = 1): Promise<{ id: number; awb: string }> {
  const courierPartnerId = [4, 6, 9][priority - 1]!;
  const answer = await post(sandboxUrl, createPayload({ reference: code, accountCode: 'Acct', courierPartnerId, boxes: [`${code}-1`] }));
  if (answer.body.meta.status !== 200) throw new Error(`sandbox did not book ${code}: ${JSON.stringify(answer.body.meta)}`);
  const awb: string = answer.body.result.waybill;
  const id = await seedShipment(db, code, { parentAwb: awb, childAwbs: [answer.body.result.children[0].waybill], priority });
  return { id, awb };
}
