/**
 * What the sandbox knows: one order per reference_number (never two), raw call counters
 * per reference, tracking scans per AWB, and a log of every request. Tests inspect it
 * to prove dedupe ("one order per reference") and polling discipline.
 */
import type { Scenario } from './scenarios.js';

export type OrderState = 'processing' | 'live' | 'failed' | 'cancelled';

export interface SandboxChild {
  /** The carton's reference (its box code) as it came in the payload. */
  reference_number: string;
  waybill: string;
  label: string | null;
}

export interface SandboxScan {
  clickpost_status_description: string;
  clickpost_status_code: number;
  clickpost_status_bucket: number;
  status: string;
  location: string;
  remark: string;
  tracking_id: number;
  /** India local time 'YYYY-MM-DD HH:MM:SS', as ClickPost's track-order sends it. */
  timestamp: string;
  checkpoint_id: number;
  /** Epoch ms of `timestamp` (sandbox-only, used to find the latest scan). */
  at: number;
}

/** Raw counters per reference; they exist from the first call, placed or not. */
export interface CallCounts {
  createCalls: number;
  pollHits: number;
  /** Distinct X-Idempotency-Key values on polls; a poll without one counts as distinct. */
  pollKeys: Set<string>;
  cancelCalls: number;
}

export interface Order extends CallCounts {
  reference: string;
  /** The reference without a trailing -P2 / -P3. */
  shipmentCode: string;
  accountCode: string;
  courierPartnerId: number;
  state: OrderState;
  waybill: string | null;
  children: SandboxChild[];
  orderId: string;
  label: string | null;
  sortCode: string;
  securityKey: string;
  courierName: string;
  /** Courier error text when state is failed. */
  failure: { metaStatus: number; message: string } | null;
  scenario: Scenario;
  /** Polls that reached the order (not cut off by a 500/429/reset fault). */
  answeredPolls: number;
  createdAt: number;
  /** The cartons of the payload, in payload order (their references become the children's). */
  cartons: { reference: string; description: string | null }[];
  /** The create payload as received. */
  payload: unknown;
}

export interface RequestLogEntry {
  at: number;
  method: string;
  path: string;
  /** The query without `key`. */
  query: Record<string, string>;
  hasKey: boolean;
  reference: string | null;
  idempotencyKey: string | null;
  body: unknown;
}

export function shipmentCodeOf(reference: string): string {
  return reference.replace(/-P[23]$/, '');
}

export interface LedgerState {
  version: 1;
  orders: Array<Omit<Order, 'pollKeys'> & { pollKeys: string[] }>;
  counts: Array<Omit<CallCounts, 'pollKeys'> & { reference: string; pollKeys: string[] }>;
  scans: Array<[string, SandboxScan[]]>;
  anonymousPolls: number;
}

export class Ledger {
  private readonly byReference = new Map<string, Order>();
  private readonly counts = new Map<string, CallCounts>();
  private readonly scansByAwb = new Map<string, SandboxScan[]>();
  private anonymousPolls = 0;
  readonly requests: RequestLogEntry[] = [];

  /** Every order placed (any state), in creation order. */
  orders(): Order[] {
    return [...this.byReference.values()];
  }

  order(reference: string): Order | undefined {
    return this.byReference.get(reference);
  }

  /** Raw counters for a reference, placed or not (e.g. every try answered 500). */
  callsFor(reference: string): CallCounts {
    let c = this.counts.get(reference);
    if (!c) {
      c = { createCalls: 0, pollHits: 0, pollKeys: new Set(), cancelCalls: 0 };
      this.counts.set(reference, c);
    }
    return c;
  }

  /** Live orders (booked, not cancelled) grouped by shipment code: more than one is a double booking. */
  liveOrdersByShipment(): Map<string, Order[]> {
    const out = new Map<string, Order[]>();
    for (const order of this.byReference.values()) {
      if (order.state !== 'live') continue;
      const list = out.get(order.shipmentCode) ?? [];
      list.push(order);
      out.set(order.shipmentCode, list);
    }
    return out;
  }

  /** Parent or child AWB -> the order and the child's 0-based index (null for the parent). */
  findByWaybill(awb: string): { order: Order; childIndex: number | null } | undefined {
    for (const order of this.byReference.values()) {
      if (order.waybill === awb) return { order, childIndex: null };
      const i = order.children.findIndex((c) => c.waybill === awb);
      if (i >= 0) return { order, childIndex: i };
    }
    return undefined;
  }

  countCreate(reference: string): number {
    const c = this.callsFor(reference);
    c.createCalls += 1;
    this.sync(reference);
    return c.createCalls;
  }

  countPoll(reference: string, idempotencyKey: string | null): number {
    const c = this.callsFor(reference);
    c.pollHits += 1;
    this.anonymousPolls += 1;
    c.pollKeys.add(idempotencyKey ?? `(no key #${this.anonymousPolls})`);
    this.sync(reference);
    return c.pollHits;
  }

  countCancel(reference: string): void {
    this.callsFor(reference).cancelCalls += 1;
    this.sync(reference);
  }

  /** Places an order; the caller checked that none exists for the reference. */
  place(fields: Omit<Order, keyof CallCounts | 'shipmentCode' | 'answeredPolls'>): Order {
    if (this.byReference.has(fields.reference)) throw new Error(`sandbox: second order for ${fields.reference}`);
    const c = this.callsFor(fields.reference);
    const order: Order = { ...fields, ...c, shipmentCode: shipmentCodeOf(fields.reference), answeredPolls: 0 };
    this.byReference.set(fields.reference, order);
    return order;
  }

  scans(awb: string): SandboxScan[] | undefined {
    return this.scansByAwb.get(awb);
  }

  addScan(awb: string, scan: SandboxScan): void {
    const list = this.scansByAwb.get(awb) ?? [];
    list.push(scan);
    this.scansByAwb.set(awb, list);
  }

  logRequest(entry: RequestLogEntry): void {
    this.requests.push(entry);
  }

  /** Everything the sandbox knows, as JSON-safe data (the service keeps it across restarts). */
  snapshot(): LedgerState {
    const counts = [...this.counts.entries()].map(([reference, c]) => ({ reference, ...c, pollKeys: [...c.pollKeys] }));
    const orders = this.orders().map((o) => ({ ...o, pollKeys: [...o.pollKeys] }));
    return { version: 1, orders, counts, scans: [...this.scansByAwb.entries()], anonymousPolls: this.anonymousPolls };
  }

  /** Loads a snapshot() into an empty ledger. */
  restore(state: LedgerState): void {
    this.reset();
    for (const c of state.counts) this.counts.set(c.reference, { createCalls: c.createCalls, pollHits: c.pollHits, pollKeys: new Set(c.pollKeys), cancelCalls: c.cancelCalls });
    for (const o of state.orders) this.byReference.set(o.reference, { ...o, pollKeys: new Set(o.pollKeys) });
    for (const o of state.orders) this.sync(o.reference);
    for (const [awb, scans] of state.scans) this.scansByAwb.set(awb, scans);
    this.anonymousPolls = state.anonymousPolls;
  }

  reset(): void {
    this.byReference.clear();
    this.counts.clear();
    this.scansByAwb.clear();
    this.requests.length = 0;
    this.anonymousPolls = 0;
  }

  // Orders carry copies of the counters (pollKeys is the same Set); keep them equal.
  private sync(reference: string): void {
    const order = this.byReference.get(reference);
    if (!order) return;
    const c = this.callsFor(reference);
    order.createCalls = c.createCalls;
    order.pollHits = c.pollHits;
    order.cancelCalls = c.cancelCalls;
    order.pollKeys = c.pollKeys;
  }
}
