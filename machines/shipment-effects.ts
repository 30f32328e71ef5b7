/**
 * The machine's requests for I/O, one entry each: the action's name and its params. The
 * machine enqueues them (setup() takes this object as its request actions); the engine turns
 * each into a row of the effects outbox, whose kind, idempotency key and executor are the
 * entry of the same name in src/engine/effects/index.ts (OUTBOX, which must have one entry per
 * request: the compiler checks it). The functions do nothing: requests are data here.
 */

/** A request action with params P (it runs nowhere: the step writes it to the outbox). */
const request = <P>() => (_args: unknown, _params: P): void => {};

/** Requests about a reference carry the round after the first (a new round re-sends the same references). */
export interface RoundTag {
  round?: number;
}

export const REQUEST_ACTIONS = Object.freeze({
  requestCreateOrder: request<{ reference: string; priority: number } & RoundTag>(),
  requestLabelPoll: request<{ reference: string; priority: number; poll: number; create_requested_at: number | null } & RoundTag>(),
  requestCancelOrder: request<{ awb: string; priority: number; try: number }>(),
  requestLateCheck: request<{ reference: string; priority: number; check: number } & RoundTag>(),
  requestLateCancel: request<{ reference: string; priority: number; awb: string } & RoundTag>(),
});

export type RequestAction = keyof typeof REQUEST_ACTIONS;

/** Each request action's params, by name: what the outbox row carries. */
export type EffectParams = { [A in RequestAction]: Parameters<(typeof REQUEST_ACTIONS)[A]>[1] };
