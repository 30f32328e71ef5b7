/**
 * Database rows -> typed rows, each reader derived from its table's column list (rows.ts).
 * Both dialects come through here (columns.ts reads each kind of value).
 */
import { rowReader, rowWriter } from './columns.js';
import {
  API_CALL_COLUMNS, ATTEMPT_COLUMNS, BOX_COLUMNS, EFFECT_COLUMNS, SHIPMENT_COLUMNS, TIMER_COLUMNS, TRACKING_COLUMNS,
} from './rows.js';

export { jsonText } from './columns.js';

export const toShipmentRow = rowReader(SHIPMENT_COLUMNS);
export const toBoxRow = rowReader(BOX_COLUMNS);
export const toAttemptRow = rowReader(ATTEMPT_COLUMNS);
export const toApiCallRow = rowReader(API_CALL_COLUMNS);
export const toTrackingRow = rowReader(TRACKING_COLUMNS);
export const toTimerRow = rowReader(TIMER_COLUMNS);
export const toEffectRow = rowReader(EFFECT_COLUMNS);

/** Typed shipment fields -> column values (JSON columns as text). */
export const shipmentValues = rowWriter(SHIPMENT_COLUMNS);
