import { describe, expect, it } from '@jest/globals';
import { planDemo, BEHAVIOURS, CYCLE } from '../../../src/cli/demo/behaviours.js';
import { renderSummary, summarize } from '../../../src/cli/demo/summary.js';
import { parseShipmentInput } from '../../../src/domain/shipment-input.js';
import type { AttemptOutcome, AttemptView, ShipmentStatus, ShipmentView } from '../../../src/views/shipment-view.js';

function attempt(priority: number, outcome: AttemptOutcome, polls = 0): AttemptView {
  return { priority, courier_partner_id: 4, account_code: `A${priority}`, reference_number: `R-P${priority}`, outcome, meta_status: null, polls };
}

function view(code: string, status: ShipmentStatus, priority: number | null, attempts: AttemptView[]): ShipmentView {
  return {
    shipment_code: code, status, provider: priority ? { priority, courier_partner_id: 4, account_code: `A${priority}` } : null,
    parent_awb: null, label_url: null, boxes: [], pickup_time: null, appointment_date: null, attempts, created_at: '', updated_at: '',
  };
}

describe('demo plan', () => {
  it('plans valid host shipments of 1 to 4 boxes, mostly synchronous, every behaviour but P3 within the first 12', () => {
    const plans = planDemo(40);
    for (const p of plans) expect(parseShipmentInput(p.shipment).ok).toBe(true);
    expect(new Set(plans.map((p) => p.shipment.boxes.length))).toEqual(new Set([1, 2, 3, 4]));
    expect(CYCLE.filter((b) => b === 'sync').length * 2).toBeGreaterThan(CYCLE.length);
    const first12 = new Set(planDemo(12).map((p) => p.behaviour));
    expect([...Object.keys(BEHAVIOURS)].filter((b) => !first12.has(b as never))).toEqual(['failover_p3']);
  });
});

describe('demo summary', () => {
  it('counts bookings per priority, failovers, polls and timeouts from the shipments as answered', () => {
    const plans = planDemo(6); // sync, failover_319, sync, async_2, sync, label_timeout
    const views = [
      view('DEMO-0001', 'BOOKED', 1, [attempt(1, 'BOOKED')]),
      view('DEMO-0002', 'BOOKED', 2, [attempt(1, 'ERROR'), attempt(2, 'BOOKED')]),
      view('DEMO-0003', 'BOOKED', 1, [attempt(1, 'BOOKED')]),
      view('DEMO-0004', 'BOOKED', 1, [attempt(1, 'BOOKED', 2)]),
      view('DEMO-0005', 'BOOKED', 1, [attempt(1, 'BOOKED')]),
      view('DEMO-0006', 'BOOKED', 2, [attempt(1, 'LABEL_TIMEOUT', 6), attempt(2, 'BOOKED')]),
    ];
    const s = summarize(plans, views);
    expect(s).toMatchObject({ bookedByPriority: [4, 2, 0], failovers: 2, labelPolls: 8, labelTimeouts: 1, failed: 0, unfinished: 0, mismatches: [] });
    expect(renderSummary(s, 1500)).toMatch(/\| booked at P2\s+\|\s+2 \|[\s\S]*\| wall time\s+\|\s+1\.5 s \|/);
  });

  it('names each shipment that did not end as its behaviour says, including one still in flight', () => {
    const plans = planDemo(3);
    const views = [
      view('DEMO-0001', 'BOOKED', 2, [attempt(1, 'ERROR'), attempt(2, 'BOOKED')]),
      view('DEMO-0002', 'LABEL_REQUESTED', null, [attempt(1, 'IN_PROGRESS')]),
      view('DEMO-0003', 'BOOKED', 1, [attempt(1, 'BOOKED')]),
    ];
    const s = summarize(plans, views);
    expect(s.unfinished).toBe(1);
    expect(s.mismatches).toEqual([
      'DEMO-0001 (sync): expected BOOKED at P1, got BOOKED at P2',
      'DEMO-0002 (failover_319): expected BOOKED at P2, got LABEL_REQUESTED',
    ]);
  });
});
