/** Host shipments for tests: the contract's example, with knobs (the demo's own sample). */
import type { ShipmentInput } from '../../src/domain/shipment-input.js';
import { sampleShipment } from '../../src/cli/sample-shipment.js';

export function exampleShipment(code: string, accounts: string[] = ['Delhivery B2B'], boxes = 1): ShipmentInput {
  return sampleShipment(code, accounts, boxes);
}
