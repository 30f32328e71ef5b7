import type { ClickPostApi } from '../../clickpost/api.js';
import type { ShipmentInput } from '../../domain/shipment-input.js';
import type { MappingSettings } from '../../domain/settings.js';
import type { EffectRow } from '../../store/rows.js';
import type { ShipmentEvent } from '../../../machines/shipment-events.js';

export interface EffectContext {
  api: ClickPostApi;
  effect: EffectRow;
  shipment: { id: number; shipment_code: string; body: ShipmentInput; settings: MappingSettings };
}

/** Does the I/O of one effect and says what happened, as an event for the machine. */
export type EffectExecutor = (ctx: EffectContext) => Promise<ShipmentEvent | null>;

export function providerAt(body: ShipmentInput, priority: number) {
  const p = body.providers[priority - 1];
  if (!p) throw new Error(`No provider at priority ${priority}`);
  return p;
}
