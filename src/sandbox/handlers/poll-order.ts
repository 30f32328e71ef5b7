/**
 * GET /api/v3/create-order/?reference_number=REF (or &awb=..&cp_id=..): the outcome of
 * an order (slate's "Fetch AWB Number / Reference number for already manifested order").
 * GET answers name the partner `courier_partner`, not `courier_partner_id`. Asynchronous
 * orders are polled by re-POSTing the create (create-order.ts), and the sandbox counts both
 * kinds of inquiry toward an order's progress, its stand-in for ClickPost's own clock.
 */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { blockingReply, garble } from '../faults.js';
import { json } from '../http-io.js';
import type { Order } from '../ledger.js';
import { delayFor, isGarbled } from '../scenarios.js';

export function handlePollOrder(ctx: SandboxContext, req: SandboxRequest): Plan {
  const reference = req.query.get('reference_number');
  const awb = req.query.get('awb') ?? req.query.get('waybill');
  if (!reference && !awb) return now(json(200, answers.meta(328, 'Invalid GET data: reference_number or awb is required', false)));
  const order = reference ? ctx.ledger.order(reference) : ctx.ledger.findByWaybill(awb!)?.order;
  if (!order) {
    ctx.ledger.countPoll(reference ?? awb!, req.idempotencyKey);
    return now(json(200, answers.notFound('Order')));
  }
  return answerInquiry(ctx, order, req, (o) => answers.placed(o, 'courier_partner'));
}

/**
 * One inquiry about an order (a GET, or a re-POST while it is processing): counted as a
 * poll, subject to the SBX_POLL<fault> faults, and it moves an asynchronous order on.
 */
export function answerInquiry(ctx: SandboxContext, order: Order, req: SandboxRequest, booked: (o: Order) => answers.JsonAnswer): Plan {
  const tryNumber = ctx.ledger.countPoll(order.reference, req.idempotencyKey);
  const blocked = blockingReply(order.scenario.poll, tryNumber);
  if (blocked) return now(blocked);
  order.answeredPolls += 1;
  advance(ctx, order);
  let reply = json(200, answers.orderStanding(order, booked));
  if (isGarbled(order.scenario.poll, tryNumber)) reply = garble(reply, tryNumber);
  return { reply, delayMs: delayFor(order.scenario.poll, tryNumber) };
}

/** An asynchronous order moves on when its n-th poll arrives. */
function advance(ctx: SandboxContext, order: Order): void {
  if (order.state !== 'processing') return;
  const booking = order.scenario.booking;
  if (booking.kind === 'async' && order.answeredPolls >= booking.readyOnPoll) ctx.book(order);
  if (booking.kind === 'async_fail' && order.answeredPolls >= booking.failOnPoll) {
    order.state = 'failed';
    order.failure = { metaStatus: 319, message: `Courier error: consignee pincode not serviceable for ${order.courierName}` };
  }
}

