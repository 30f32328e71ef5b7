/** GET .../tracking: a shipment's events oldest first and its latest by event time. */
import { NotFoundError } from '../errors.js';
import type { Queryable } from '../store/rows.js';
import { findShipmentByCode } from '../store/shipments-repo.js';
import { toEventView } from './event-view.js';
import { awbsOfShipment, listShipmentEvents } from './tracking-queries.js';
import type { TrackingView } from './types.js';

export async function buildTrackingView(q: Queryable, shipmentCode: string): Promise<TrackingView> {
  const shipment = await findShipmentByCode(q, shipmentCode);
  if (!shipment) throw new NotFoundError(`shipment ${shipmentCode}`);
  const rows = await listShipmentEvents(q, shipment.id, await awbsOfShipment(q, shipment));
  const events = rows.map(toEventView);
  // Rows come oldest first by (event_time, id), so the last is the newest: the same
  // order latestTrackingEvents (and so onLatestChanged) uses.
  return { shipment_code: shipment.shipment_code, awb: shipment.parent_awb, latest: events.at(-1) ?? null, events };
}
