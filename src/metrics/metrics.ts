/**
 * Prometheus metrics on a Registry of their own (never prom-client's global one, so a
 * process or a test can hold several connectors): ClickPost call durations, label poll
 * lag and status changes counted in memory, store gauges read on scrape, and the default
 * process metrics.
 */
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { Clock } from '../clock.js';
import type { Db } from '../store/db.js';
import { registerStoreGauges } from './store-gauges.js';

export interface Metrics {
  registry: Registry;
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

export function createMetrics(options: { db: Db; clock: Clock }): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });

  const callDuration = new Histogram({
    name: 'clickpost_call_duration_seconds',
    help: 'ClickPost HTTP calls (each try) by endpoint and outcome.',
    labelNames: ['endpoint', 'outcome'] as const,
    buckets: CALL_BUCKETS,
    registers: [registry],
  });
  const pollLag = new Histogram({
    name: 'label_poll_lag_seconds',
    help: 'How late a due label poll timer fired.',
    buckets: LAG_BUCKETS,
    registers: [registry],
  });
  const statusChanges = new Counter({
    name: 'shipment_status_changes_total',
    help: 'Shipment status changes by the status entered.',
    labelNames: ['status'] as const,
    registers: [registry],
  });
  const reconciliation = new Gauge({
    name: 'connector_reconciliation_difference',
    help: "The last daily reconciliation: ClickPost's count of shipments minus the connector's bookings (NaN when ClickPost could not be asked).",
    registers: [registry],
  });
  registerStoreGauges(registry, { db: options.db, clock: options.clock });

  return {
    registry,
    observeClickPostCall(endpoint, durationMs, outcome) {
      callDuration.observe({ endpoint, outcome }, Math.max(0, durationMs) / 1000);
    },
    observePollLag(lagMs) {
      // A timer claimed a hair early by clock skew counts as on time.
      pollLag.observe(Math.max(0, lagMs) / 1000);
    },
    countStatusChange(to) {
      statusChanges.inc({ status: to });
    },
    observeReconciliation(difference) {
      reconciliation.set(difference ?? Number.NaN);
    },
    async render() {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
