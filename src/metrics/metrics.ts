/**
 * Prometheus metrics on a Registry of their own (never prom-client's global one, so a
 * process or a test can hold several connectors): ClickPost call durations, label poll
 * lag and status changes counted in memory, store gauges read on scrape, and the default
 * process metrics.
 *
 * prom-client loads with the first scrape (or `registry`), not at start: an idle service
 * never scraped does not hold it (issue #10, point 6). Observations made before are kept
 * as plain calls and replayed into the registry when it is built; past PENDING_CAP of them
 * the registry is built at once, so nothing grows without bound. The process metrics
 * (CPU time, memory, handles) read cumulative process figures at scrape time; only the
 * event-loop and GC histograms start with the registry.
 */
import type { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { promClient } from './prom-client.js';
import { registerStoreGauges } from './store-gauges.js';

export interface Metrics {
  /** Builds the registry (loading prom-client) when first read. */
  readonly registry: Registry;
  /** histogram clickpost_call_duration_seconds{endpoint,outcome} */
  observeClickPostCall(endpoint: string, durationMs: number, outcome: 'ok' | 'failed'): void;
  /** histogram label_poll_lag_seconds: how late a due timer fired */
  observePollLag(lagMs: number): void;
  /** counter shipment_status_changes_total{status} */
  countStatusChange(to: string): void;
  /** gauge connector_reconciliation_difference: ClickPost's count minus the connector's, last reconciled day */
  observeReconciliation(difference: number | null): void;
  render(): Promise<{ contentType: string; body: string }>;
}

// ClickPost advises ~8 s before treating create-order as timed out; buckets reach past it.
const CALL_BUCKETS = [0.05, 0.1, 0.25, 0.5, 1, 2, 4, 8, 15, 30];
// Polls are minutes apart; lag beyond a few seconds means the workers are behind.
const LAG_BUCKETS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800];
// Observations kept before the first scrape; a few hundred bookings' worth.
const PENDING_CAP = 1000;

interface Instruments {
  registry: Registry;
  callDuration: Histogram<'endpoint' | 'outcome'>;
  pollLag: Histogram;
  statusChanges: Counter<'status'>;
  reconciliation: Gauge;
}

function buildInstruments(deps: { db: Db; clock: Clock }): Instruments {
  const { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } = promClient();
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const instruments: Instruments = {
    registry,
    callDuration: new Histogram({
      name: 'clickpost_call_duration_seconds',
      help: 'ClickPost HTTP calls (each try) by endpoint and outcome.',
      labelNames: ['endpoint', 'outcome'] as const,
      buckets: CALL_BUCKETS,
      registers: [registry],
    }),
    pollLag: new Histogram({
      name: 'label_poll_lag_seconds',
      help: 'How late a due label poll timer fired.',
      buckets: LAG_BUCKETS,
      registers: [registry],
    }),
    statusChanges: new Counter({
      name: 'shipment_status_changes_total',
      help: 'Shipment status changes by the status entered.',
      labelNames: ['status'] as const,
      registers: [registry],
    }),
    reconciliation: new Gauge({
      name: 'connector_reconciliation_difference',
      help: "The last daily reconciliation: ClickPost's count of shipments minus the connector's bookings (NaN when ClickPost could not be asked).",
      registers: [registry],
    }),
  };
  registerStoreGauges(registry, deps);
  return instruments;
}

export function createMetrics(options: { db: Db; clock: Clock }): Metrics {
  let instruments: Instruments | null = null;
  let pending: Array<(i: Instruments) => void> = [];
  function built(): Instruments {
    if (instruments) return instruments;
    instruments = buildInstruments(options);
    for (const replay of pending) replay(instruments);
    pending = [];
    return instruments;
  }
  /** Now when the registry exists, else kept for it. */
  function record(update: (i: Instruments) => void): void {
    if (instruments) return update(instruments);
    pending.push(update);
    if (pending.length >= PENDING_CAP) built();
  }

  return {
    get registry() {
      return built().registry;
    },
    observeClickPostCall(endpoint, durationMs, outcome) {
      const seconds = Math.max(0, durationMs) / 1000;
      record((i) => i.callDuration.observe({ endpoint, outcome }, seconds));
    },
    observePollLag(lagMs) {
      // A timer claimed a hair early by clock skew counts as on time.
      const seconds = Math.max(0, lagMs) / 1000;
      record((i) => i.pollLag.observe(seconds));
    },
    countStatusChange(to) {
      record((i) => i.statusChanges.inc({ status: to }));
    },
    observeReconciliation(difference) {
      record((i) => i.reconciliation.set(difference ?? Number.NaN));
    },
    async render() {
      const { registry } = built();
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
