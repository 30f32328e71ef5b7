/**
 * One label poll of an asynchronous order: the create-order request sent again, byte for
 * byte (same payload, same reference_number, same pickup time from the first request), as
 * ClickPost's async protocol asks. ClickPost dedupes by reference, so it never books twice.
 *
 * A poll is sent at most once. The machine counted it before asking for it; an effect row
 * claimed a second time (its worker died, or failed, while the answer was on its way) may
 * have been sent already, so it is not sent again: the poll is spent, its answer lost. A
 * crash can waste a poll but never make ClickPost see more than the budget.
 */
import type { Outcome } from '../../clickpost/outcome.js';
import type { EffectExecutor } from './types.js';
import { createOrderInputOf } from './create-order.js';

function answerLost(poll: number): Outcome {
  return {
    kind: 'transient',
    meta_status: null,
    http_status: null,
    error_code: 'ERR_POLL_ANSWER_LOST',
    message: `Label poll ${poll} may have been sent before its worker stopped; not sent again (the poll is spent)`,
  };
}

export const runLabelPoll: EffectExecutor<'requestLabelPoll'> = async (ctx) => {
  const p = ctx.effect.payload;
  // When the attempt's first create-order request was made: the re-send maps identically.
  const firstRequestAt = p.create_requested_at ?? p.requested_at;
  const outcome = ctx.effect.attempts > 1 ? answerLost(p.poll) : await ctx.api.pollLabel(createOrderInputOf(ctx, p, firstRequestAt));
  return { type: 'POLL_RESULT', reference: p.reference, poll: p.poll, outcome };
};
