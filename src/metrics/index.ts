export { createMetrics, type Metrics } from './metrics.js';
export { SHIPMENT_STATUSES, ATTEMPT_OUTCOMES } from './store-gauges.js';
