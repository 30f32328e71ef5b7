import type { ClickPostApi } from '../../clickpost/api.js';
import type { ShipmentInput } from '../../domain/shipment-input.js';
import type { MappingSettings } from '../../domain/settings.js';
import type { EffectRow } from '../../store/rows.js';
import type { ShipmentEvent } from '../../../machines/shipment-events.js';
import type { EffectParams, RequestAction } from '../../../machines/shipment-effects.js';

/** What an outbox row of request A carries: the machine's params and when the step asked. */
export type OutboxPayload<A extends RequestAction> = EffectParams[A] & { requested_at: number };

/** An effects row of request A, its payload typed. */
export type OutboxRow<A extends RequestAction> = Omit<EffectRow, 'payload'> & { payload: OutboxPayload<A> };

export interface EffectContext<A extends RequestAction = RequestAction> {
  api: ClickPostApi;
  effect: OutboxRow<A>;
  shipment: { id: number; shipment_code: string; body: ShipmentInput; settings: MappingSettings };
}

/** Does the I/O of one effect and says what happened, as an event for the machine. */
export type EffectExecutor<A extends RequestAction> = (ctx: EffectContext<A>) => Promise<ShipmentEvent | null>;

export function providerAt(body: ShipmentInput, priority: number) {
  const p = body.providers[priority - 1];
  if (!p) throw new Error(`No provider at priority ${priority}`);
  return p;
}
