/**
 * What every sandbox handler gets: the ledger, the clock, where the sandbox listens,
 * and the numbering of waybills and order ids. Also the one place an order is booked.
 */
import { randomInt, randomUUID } from 'node:crypto';
import type { Clock } from '../clock.js';
import type { Reply } from './http-io.js';
import type { Ledger, Order } from './ledger.js';
import { makeScan } from './tracking.js';

export interface SandboxRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  idempotencyKey: string | null;
}

/** A reply and how long to hold it back (SBX_SLOW). */
export interface Plan {
  reply: Reply;
  delayMs: number;
}

export function now(reply: Reply): Plan {
  return { reply, delayMs: 0 };
}

// courier_partner_id -> the courier behind it (courier_name in answers); others get a generic name.
const COURIERS: Readonly<Record<number, string>> = Object.freeze({
  1: 'FedEx',
  3: 'Delhivery',
  4: 'Delhivery B2B',
  5: 'Bluedart',
  6: 'Bluedart Surface',
  9: 'Gati',
  10: 'Shadowfax',
  14: 'Ecom Express',
});

export class SandboxContext {
  baseUrl = '';
  private sequence = 0;
  private orderSequence = 0;
  // A per-instance prefix keeps AWBs distinct across sandbox restarts over one database.
  private readonly prefix = String(randomInt(1000, 10000));
  readonly labelCache = new Map<string, Uint8Array>();

  constructor(
    readonly ledger: Ledger,
    readonly clock: Clock,
  ) {}

  nextWaybill(): string {
    this.sequence += 1;
    return `77${this.prefix}${String(this.sequence).padStart(6, '0')}`;
  }

  nextOrderId(): string {
    this.orderSequence += 1;
    return `CP${this.prefix}${String(this.orderSequence).padStart(6, '0')}`;
  }

  courierName(courierPartnerId: number): string {
    return COURIERS[courierPartnerId] ?? `Courier ${courierPartnerId}`;
  }

  labelUrl(awb: string): string {
    return `${this.baseUrl}/labels/${encodeURIComponent(awb)}.pdf`;
  }

  newSecurityKey(): string {
    return randomUUID();
  }

  /** processing -> live: waybill, parent label, one child per carton in carton order, OrderPlaced scan. */
  book(order: Order): void {
    const waybill = this.nextWaybill();
    order.waybill = waybill;
    order.label = this.labelUrl(waybill);
    order.children = order.cartons.map((carton, i) => {
      const childAwb = `${waybill}_${i + 1}`;
      return { reference_number: carton.reference, waybill: childAwb, label: order.scenario.childLabels ? this.labelUrl(childAwb) : null };
    });
    order.state = 'live';
    const pickupCity = (order.payload as { pickup_info?: { pickup_city?: unknown } }).pickup_info?.pickup_city;
    this.ledger.addScan(
      waybill,
      makeScan({ clickpost_status_code: 1, status: 'Order placed', remark: 'Manifested', location: typeof pickupCity === 'string' ? pickupCity : '' }, this.sequence, this.clock.now()),
    );
  }
}
