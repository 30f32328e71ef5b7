/**
 * What each demo shipment does at the built-in sandbox (scenarios by account code, see
 * src/sandbox/README.md) and how it must end. A fixed 20-slot cycle, mostly plain
 * synchronous bookings; every behaviour but the P3 one shows up in the first 12.
 */
import type { ShipmentInput } from '../../domain/shipment-input.js';
import { sampleShipment } from '../sample-shipment.js';

export type BehaviourName = 'sync' | 'failover_319' | 'failover_p3' | 'async_2' | 'async_4' | 'label_timeout' | 'http500_retry' | 'all_fail';

export interface Behaviour {
  /** Courier accounts P1, P2, P3: sandbox scenarios. */
  accounts: string[];
  /** How the shipment must end: BOOKED at `priority`, or FAILED (priority null). */
  expect: { status: 'BOOKED' | 'FAILED'; priority: number | null };
}

export const BEHAVIOURS: Readonly<Record<BehaviourName, Behaviour>> = Object.freeze({
  sync: { accounts: ['Delhivery B2B', 'Bluedart Surface', 'Gati B2B'], expect: { status: 'BOOKED', priority: 1 } },
  // 319: the courier refused -> fail over to P2 at once.
  failover_319: { accounts: ['SBX_ERR_319', 'Bluedart Surface', 'Gati B2B'], expect: { status: 'BOOKED', priority: 2 } },
  failover_p3: { accounts: ['SBX_ERR_319', 'SBX_ERR_354', 'Gati B2B'], expect: { status: 'BOOKED', priority: 3 } },
  // 202, then the label on the 2nd / 4th poll.
  async_2: { accounts: ['SBX_ASYNC_2', 'Bluedart Surface'], expect: { status: 'BOOKED', priority: 1 } },
  async_4: { accounts: ['SBX_ASYNC_4', 'Bluedart Surface'], expect: { status: 'BOOKED', priority: 1 } },
  // 202, then 102 forever: every poll of the window is spent, LABEL_TIMEOUT, then P2.
  label_timeout: { accounts: ['SBX_ASYNC_NEVER', 'Bluedart Surface', 'Gati B2B'], expect: { status: 'BOOKED', priority: 2 } },
  // One HTTP 500 (nothing placed): the transport retries the same reference and books P1.
  http500_retry: { accounts: ['SBX_HTTP500_1', 'Bluedart Surface'], expect: { status: 'BOOKED', priority: 1 } },
  all_fail: { accounts: ['SBX_ERR_319', 'SBX_ERR_354', 'SBX_ERR_319+SBX_NOCHILDLABELS'], expect: { status: 'FAILED', priority: null } },
});

export const CYCLE: readonly BehaviourName[] = Object.freeze([
  'sync', 'failover_319', 'sync', 'async_2', 'sync', 'label_timeout', 'sync', 'http500_retry', 'sync', 'all_fail',
  'sync', 'async_4', 'sync', 'failover_p3', 'sync', 'async_2', 'sync', 'failover_319', 'sync', 'sync',
] as const);

export interface PlannedShipment {
  code: string;
  behaviour: BehaviourName;
  shipment: ShipmentInput;
}

/** `count` shipments DEMO-0001..., 1 to 4 boxes each, behaviours from the cycle. */
export function planDemo(count: number): PlannedShipment[] {
  return Array.from({ length: count }, (_, i) => {
    const code = `DEMO-${String(i + 1).padStart(4, '0')}`;
    const behaviour = CYCLE[i % CYCLE.length]!;
    return { code, behaviour, shipment: sampleShipment(code, BEHAVIOURS[behaviour].accounts, (i % 4) + 1) };
  });
}
