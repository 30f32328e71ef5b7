/**
 * One label poll of an asynchronous order: the create-order request sent again, byte for
 * byte (same payload, same reference_number, same pickup time from the first request), as
 * ClickPost's async protocol asks. ClickPost dedupes by reference, so it never books twice.
 */
import type { EffectExecutor } from './types.js';
import { createOrderInputOf } from './create-order.js';

interface Payload {
  reference: string;
  priority: number;
  poll: number;
  /** When the attempt's first create-order request was made: the re-send maps identically. */
  create_requested_at: number;
}

export const runLabelPoll: EffectExecutor = async (ctx) => {
  const p = ctx.effect.payload as Payload;
  const outcome = await ctx.api.pollLabel(createOrderInputOf(ctx, p, p.create_requested_at));
  return { type: 'POLL_RESULT', reference: p.reference, poll: p.poll, outcome };
};
