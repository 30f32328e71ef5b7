/**
 * The demo's closing numbers, read from the shipments as the connector answers them,
 * and the check that each one ended the way its behaviour says.
 */
import type { ShipmentView } from '../../views/shipment-view.js';
import { formatMs, renderTable } from '../format.js';
import { BEHAVIOURS, type PlannedShipment } from './behaviours.js';

export interface DemoSummary {
  bookedByPriority: [number, number, number];
  failovers: number;
  labelPolls: number;
  labelTimeouts: number;
  failed: number;
  /** Shipments that are not terminal yet (the deadline passed). */
  unfinished: number;
  /** One line per shipment that did not end as its behaviour says. */
  mismatches: string[];
}

function mismatch(plan: PlannedShipment, view: ShipmentView): string | null {
  const want = BEHAVIOURS[plan.behaviour].expect;
  const got = { status: view.status, priority: view.provider?.priority ?? null };
  if (got.status === want.status && got.priority === want.priority) return null;
  const show = (s: { status: string; priority: number | null }) => (s.priority ? `${s.status} at P${s.priority}` : s.status);
  return `${plan.code} (${plan.behaviour}): expected ${show(want)}, got ${show(got)}`;
}

export function summarize(plans: PlannedShipment[], views: ShipmentView[]): DemoSummary {
  const s: DemoSummary = { bookedByPriority: [0, 0, 0], failovers: 0, labelPolls: 0, labelTimeouts: 0, failed: 0, unfinished: 0, mismatches: [] };
  views.forEach((view, i) => {
    if (view.status === 'BOOKED' && view.provider) s.bookedByPriority[view.provider.priority - 1]! += 1;
    else if (view.status === 'FAILED') s.failed += 1;
    else s.unfinished += 1;
    // Every attempt after the first is a failover to the next courier account.
    s.failovers += Math.max(0, view.attempts.length - 1);
    for (const a of view.attempts) {
      s.labelPolls += a.polls;
      if (a.outcome === 'LABEL_TIMEOUT') s.labelTimeouts += 1;
    }
    const wrong = mismatch(plans[i]!, view);
    if (wrong) s.mismatches.push(wrong);
  });
  return s;
}

export function renderSummary(s: DemoSummary, wallMs: number): string {
  return renderTable(
    ['result', 'count'],
    [
      ['booked at P1', String(s.bookedByPriority[0])],
      ['booked at P2', String(s.bookedByPriority[1])],
      ['booked at P3', String(s.bookedByPriority[2])],
      ['failovers', String(s.failovers)],
      ['label polls', String(s.labelPolls)],
      ['label timeouts', String(s.labelTimeouts)],
      ['failed', String(s.failed)],
      ['wall time', formatMs(wallMs)],
    ],
  );
}
