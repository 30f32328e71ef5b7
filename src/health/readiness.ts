/**
 * GET /readyz: is this node fit to take work? The database answers, and no backlog is stuck:
 * no timer or effect due for longer than `maxLagMs` without being done, no effect parked
 * DEAD in the last day, no timer parked (a parked timer stays until a person or a step of its
 * shipment clears it). Courier account breakers and the last ClickPost answer per account
 * are shown, not judged: an open breaker is the connector coping, not the node failing.
 * /healthz stays liveness.
 */
import { countRows } from '../store/count-rows.js';
import type { Db } from '../store/db.js';
import { EFFECT_STATUS } from '../store/rows.js';
import { listBreakers, type BreakerRow } from '../store/breakers-repo.js';
import { indiaIsoWithOffset } from '../clickpost/units.js';
import type { BreakerState } from '../breaker/breaker-rules.js';

export interface ReadinessCheck {
  name: 'database' | 'workers' | 'timers_overdue' | 'effects_overdue' | 'effects_dead' | 'timers_dead';
  ok: boolean;
  detail: string;
}

export interface BreakerView {
  courier_partner_id: number;
  account_code: string;
  state: BreakerState;
  consecutive_failures: number;
  open_until: string | null;
  last_answer: { outcome: string; http_status: number | null; meta_status: number | null; message: string | null; at: string } | null;
}

export interface Readiness {
  ready: boolean;
  checks: ReadinessCheck[];
  breakers: BreakerView[];
}

export interface ReadinessOptions {
  /** Due work older than this means the workers are stuck (default 60 s). */
  maxLagMs?: number;
  /** Whether this node's workers run (a node that takes requests but works nothing off is not ready). */
  workersRunning: boolean;
}

const DAY_MS = 24 * 60 * 60_000;


export function breakerView(b: BreakerRow): BreakerView {
  return {
    courier_partner_id: b.courier_partner_id,
    account_code: b.account_code,
    state: b.state,
    consecutive_failures: b.consecutive_failures,
    open_until: b.state === 'CLOSED' || b.open_until === null ? null : indiaIsoWithOffset(b.open_until),
    last_answer: b.last ? { ...b.last, at: indiaIsoWithOffset(b.last.at) } : null,
  };
}

async function backlogChecks(db: Db, now: number, maxLagMs: number): Promise<ReadinessCheck[]> {
  const before = now - maxLagMs;
  const timers = await countRows(
    db('timers').where('due_at', '<', before).whereNull('parked_at').andWhere((w) => w.whereNull('locked_until').orWhere('locked_until', '<', now)).count({ n: '*' }),
  );
  const parkedTimers = await countRows(db('timers').whereNotNull('parked_at').count({ n: '*' }));
  const effects = await countRows(
    db('effects').where('status', EFFECT_STATUS.PENDING).andWhere('run_at', '<', before).andWhere((w) => w.whereNull('locked_until').orWhere('locked_until', '<', now)).count({ n: '*' }),
  );
  const dead = await countRows(db('effects').where('status', EFFECT_STATUS.DEAD).andWhere('done_at', '>=', now - DAY_MS).count({ n: '*' }));
  const lag = `${Math.round(maxLagMs / 1000)} s`;
  return [
    { name: 'timers_overdue', ok: timers === 0, detail: `${timers} timer(s) due for more than ${lag} and not taken` },
    { name: 'effects_overdue', ok: effects === 0, detail: `${effects} effect(s) due for more than ${lag} and not taken` },
    { name: 'effects_dead', ok: dead === 0, detail: `${dead} effect(s) parked DEAD in the last 24 h (they need a person: see /metrics connector_effects_dead)` },
    { name: 'timers_dead', ok: parkedTimers === 0, detail: `${parkedTimers} timer(s) parked after failing too often (they need a person: see /metrics connector_timers_dead and the shipment's stuck)` },
  ];
}

export async function readiness(db: Db, now: number, options: ReadinessOptions): Promise<Readiness> {
  try {
    await db.raw('select 1');
  } catch (err) {
    return { ready: false, checks: [{ name: 'database', ok: false, detail: `the database does not answer (${String((err as { code?: unknown })?.code ?? "error")})` }], breakers: [] };
  }
  const checks: ReadinessCheck[] = [
    { name: 'database', ok: true, detail: 'answers' },
    { name: 'workers', ok: options.workersRunning, detail: options.workersRunning ? 'running' : 'stopped: nothing is worked off on this node' },
    ...(await backlogChecks(db, now, options.maxLagMs ?? 60_000)),
  ];
  const breakers = (await listBreakers(db)).map(breakerView);
  return { ready: checks.every((c) => c.ok), checks, breakers };
}
