/**
 * Gauges read from the database on each scrape (prom-client `collect()`), so every
 * process shows the same numbers and nothing is kept in memory between scrapes. One
 * scrape reads the store once: every gauge's collect awaits the same snapshot.
 */
import type { Gauge, Registry } from 'prom-client';
import { promClient } from './prom-client.js';
import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { countAttemptsByOutcome } from '../store/attempts-repo.js';
import { countEffects } from '../store/effects-repo.js';
import { countRows } from '../store/count-rows.js';
import { EFFECT_STATUS } from '../store/rows.js';
import { countShipmentsByStatus } from '../store/shipments-repo.js';
import { listBreakers, type BreakerRow } from '../store/breakers-repo.js';

// Known label values are always exported (0 when none), so a status that empties shows 0
// instead of vanishing from the scrape.
export { SHIPMENT_STATUSES } from '../../machines/shipment.machine.js';
import { SHIPMENT_STATUSES } from '../../machines/shipment.machine.js';
export { ATTEMPT_OUTCOMES } from '../../machines/shipment-rules.js';
import { ATTEMPT_OUTCOMES } from '../../machines/shipment-rules.js';

interface StoreNumbers {
  shipments: Record<string, number>;
  attempts: Record<string, number>;
  pending: number;
  dead: number;
  deadTimers: number;
  overdueSeconds: number;
  breakers: BreakerRow[];
}

/** The age of the oldest PENDING effect that is due: how far the workers are behind. */
async function effectsOverdueSeconds(db: Db, now: number): Promise<number> {
  const row = await db('effects').where('status', EFFECT_STATUS.PENDING).andWhere('run_at', '<=', now).min<{ m: unknown }>({ m: 'run_at' }).first();
  const oldest = row?.m;
  return oldest === null || oldest === undefined ? 0 : Math.max(0, now - Number(oldest)) / 1000;
}

async function readStore(db: Db, now: number): Promise<StoreNumbers> {
  return {
    shipments: await countShipmentsByStatus(db),
    attempts: await countAttemptsByOutcome(db),
    pending: await countEffects(db, { status: EFFECT_STATUS.PENDING }),
    dead: await countEffects(db, { status: EFFECT_STATUS.DEAD }),
    deadTimers: await countRows(db('timers').whereNotNull('parked_at').count({ n: '*' })),
    overdueSeconds: await effectsOverdueSeconds(db, now),
    breakers: await listBreakers(db),
  };
}

function setAll(gauge: Gauge<string>, label: string, known: readonly string[], counts: Record<string, number>): void {
  for (const value of known) gauge.set({ [label]: value }, counts[value] ?? 0);
  for (const [value, n] of Object.entries(counts)) if (!known.includes(value)) gauge.set({ [label]: value }, n);
}

export function registerStoreGauges(registry: Registry, deps: { db: Db; clock: Clock }): void {
  const { Counter, Gauge } = promClient();
  const errors = new Counter({
    name: 'connector_metrics_collect_errors_total',
    help: 'Scrapes whose database read failed (the store gauges kept their last values).',
    registers: [registry],
    // Awaits the scrape's read so a failure is counted in the same scrape.
    collect: () => snapshot().then(() => undefined),
  });

  // prom-client starts every collect of one scrape synchronously, so they share this read.
  let inflight: Promise<StoreNumbers | null> | null = null;
  function snapshot(): Promise<StoreNumbers | null> {
    inflight ??= readStore(deps.db, deps.clock.now())
      .catch(() => {
        errors.inc();
        return null;
      })
      .finally(() => {
        inflight = null;
      });
    return inflight;
  }
  const gauge = <T extends string>(name: string, help: string, labelNames: T[], update: (g: Gauge<T>, n: StoreNumbers) => void): void => {
    const g: Gauge<T> = new Gauge<T>({
      name,
      help,
      labelNames,
      registers: [registry],
      collect: async () => {
        const numbers = await snapshot();
        if (numbers) update(g, numbers);
      },
    });
  };

  gauge('connector_shipments', 'Shipments by current status.', ['status'], (g, n) => setAll(g, 'status', SHIPMENT_STATUSES, n.shipments));
  gauge('connector_attempts', 'Provider attempts by outcome.', ['outcome'], (g, n) => setAll(g, 'outcome', ATTEMPT_OUTCOMES, n.attempts));
  gauge('connector_effects_pending', 'Outbox effects waiting to run or running (ClickPost calls, host callbacks).', [], (g, n) => g.set(n.pending));
  gauge('connector_breaker_open', 'Courier account circuit breakers: 1 while open or probing (attempts skipped), 0 closed.', ['courier_partner_id', 'account_code'], (g, n) => {
    for (const b of n.breakers) g.set({ courier_partner_id: String(b.courier_partner_id), account_code: b.account_code }, b.state === 'CLOSED' ? 0 : 1);
  });
  gauge('connector_effects_dead', 'Outbox effects parked after too many failed runs; they need a person.', [], (g, n) => g.set(n.dead));
  gauge('connector_timers_dead', "Timers parked after their step failed too often; they need a person (the shipment's stuck says why).", [], (g, n) => g.set(n.deadTimers));
  gauge('connector_effects_overdue_seconds', 'Age of the oldest due PENDING effect (0 when none): how far the workers are behind.', [], (g, n) =>
    g.set(n.overdueSeconds),
  );
}
