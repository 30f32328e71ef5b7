/**
 * (2) The pure machine: xstate transition() per event over a realistic life (START, a
 * 202, three label polls, booked on the third), against a baseline of JSON
 * parse+stringify of the same snapshot, the least a durable step must do with it.
 * A second row adds resolveState() (restoring the persisted JSON), as every step does.
 */
import { initialTransition, transition } from 'xstate';
import { shipmentMachine, statusOf } from '../machines/shipment.machine.js';
import type { ShipmentEvent } from '../machines/shipment-events.js';
import { DEFAULT_MACHINE_CONFIG } from '../machines/shipment-rules.js';
import type { Outcome } from '../src/clickpost/outcome.js';
import { microsPerOp, type BenchRow } from './measure.js';

const CODE = 'BENCH-1';
const pending: Outcome = { kind: 'pending', meta_status: 102, message: 'We are processing your order' };
const booked: Outcome = {
  kind: 'booked', meta_status: 200, parent_awb: '50012345678', label_url: 'https://labels.example/50012345678.pdf',
  children: [{ reference_number: `${CODE}-1`, waybill: '50012345678_1', label_url: null }, { reference_number: `${CODE}-2`, waybill: '50012345678_2', label_url: null }],
  courier_partner_id: 4, courier_name: 'Delhivery', message: null,
};

const EVENTS: ShipmentEvent[] = [
  { type: 'START' },
  { type: 'CREATE_RESULT', reference: CODE, outcome: { kind: 'accepted_async', meta_status: 202, order_id: 'ord-1', message: null }, requested_at: 0 },
  { type: 'LABEL_POLL_DUE', reference: CODE },
  { type: 'POLL_RESULT', reference: CODE, poll: 1, outcome: pending },
  { type: 'LABEL_POLL_DUE', reference: CODE },
  { type: 'POLL_RESULT', reference: CODE, poll: 2, outcome: pending },
  { type: 'LABEL_POLL_DUE', reference: CODE },
  { type: 'POLL_RESULT', reference: CODE, poll: 3, outcome: booked },
];

type Snapshot = ReturnType<typeof shipmentMachine.resolveState>;

function initial(): Snapshot {
  const [snapshot] = initialTransition(shipmentMachine, {
    shipment_code: CODE,
    providers: [{ courier_partner_id: 4, account_code: 'Delhivery B2B' }, { courier_partner_id: 6, account_code: 'Bluedart Surface' }],
    config: DEFAULT_MACHINE_CONFIG,
  });
  return snapshot;
}

/** The persisted form ({ value, context }) of the snapshot before each event; checks the life ends BOOKED. */
function persistedBeforeEach(): { value: unknown; context: unknown }[] {
  const out: { value: unknown; context: unknown }[] = [];
  let s = initial();
  for (const e of EVENTS) {
    out.push(JSON.parse(JSON.stringify({ value: s.value, context: s.context })) as { value: unknown; context: unknown });
    [s] = transition(shipmentMachine, s, e);
  }
  if (statusOf(s.value) !== 'BOOKED') throw new Error(`machine bench: life ended ${JSON.stringify(s.value)}`);
  return out;
}

export function benchMachine(): BenchRow[] {
  const start = initial();
  const persisted = persistedBeforeEach();
  const n = EVENTS.length;
  const jsonRoundTrip = microsPerOp(() => {
    for (const p of persisted) JSON.parse(JSON.stringify(p));
  }, n);
  const transitionOnly = microsPerOp(() => {
    let s = start;
    for (const e of EVENTS) [s] = transition(shipmentMachine, s, e);
  }, n);
  const restoreAndTransition = microsPerOp(() => {
    for (let i = 0; i < n; i++) {
      const s = shipmentMachine.resolveState(persisted[i] as Parameters<typeof shipmentMachine.resolveState>[0]);
      transition(shipmentMachine, s, EVENTS[i]!);
    }
  }, n);
  const baseline = `${jsonRoundTrip.toFixed(1)} µs JSON parse+stringify`;
  return [
    { name: 'pure machine: transition() per event', value: `${transitionOnly.toFixed(1)} µs/event`, baseline, ratio: transitionOnly / jsonRoundTrip, goal: 'cost ratio, lower is better' },
    { name: 'pure machine: resolveState() + transition() per event', value: `${restoreAndTransition.toFixed(1)} µs/event`, baseline, ratio: restoreAndTransition / jsonRoundTrip, goal: 'cost ratio, lower is better' },
  ];
}
