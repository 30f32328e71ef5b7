/**
 * POST /api/v3/create-order/: places at most one order per reference_number.
 * A repeat answers from the existing order: 323 with the same waybill when live, the same
 * courier error when failed; while the order is processing a repeat is ClickPost's async
 * poll (slate _create.md, "Processing Async API requests"): 102, then 323 with waybill,
 * label and children once it is done, or the courier's refusal.
 */
import * as answers from '../answers.js';
import { now, type Plan, type SandboxContext, type SandboxRequest } from '../context.js';
import { garble, blockingReply } from '../faults.js';
import { json, type Reply } from '../http-io.js';
import { accountCodeOf, payloadProblems, readPayload, referenceOf } from '../payload.js';
import { delayFor, isGarbled, parseScenario, type Scenario } from '../scenarios.js';
import { answerInquiry } from './poll-order.js';

export function handleCreateOrder(ctx: SandboxContext, req: SandboxRequest): Plan {
  const reference = referenceOf(req.body);
  if (!reference) return now(json(200, answers.meta(328, 'Invalid POST data: shipment_details.reference_number: is required', false)));
  const existing = ctx.ledger.order(reference);
  if (existing?.state === 'processing') return answerInquiry(ctx, existing, req, (o) => answers.alreadyPlaced(o, 'courier_partner_id'));
  const tryNumber = ctx.ledger.countCreate(reference);
  // A reference keeps the behaviour it was placed with, whatever a repeat says.
  const scenario = existing?.scenario ?? parseScenario(accountCodeOf(req.body));
  const blocked = blockingReply(scenario.create, tryNumber);
  if (blocked) return now(blocked);
  let reply = existing ? json(200, answers.orderStanding(existing, (o) => answers.alreadyPlaced(o, 'courier_partner_id'))) : firstAnswer(ctx, req.body, scenario);
  if (isGarbled(scenario.create, tryNumber)) reply = garble(reply, tryNumber);
  return { reply, delayMs: delayFor(scenario.create, tryNumber) };
}


function firstAnswer(ctx: SandboxContext, body: unknown, scenario: Scenario): Reply {
  const problems = payloadProblems(body);
  if (problems.length > 0) return json(200, answers.meta(328, `Invalid POST data: ${problems.join('; ')}`, false));
  const payload = readPayload(body);
  const order = ctx.ledger.place({
    reference: payload.reference,
    accountCode: payload.accountCode,
    courierPartnerId: payload.courierPartnerId,
    state: 'processing',
    waybill: null,
    children: [],
    orderId: ctx.nextOrderId(),
    label: null,
    sortCode: `SBX/${payload.dropPincode.slice(0, 3) || '000'}`,
    securityKey: ctx.newSecurityKey(),
    courierName: ctx.courierName(payload.courierPartnerId),
    failure: null,
    scenario,
    createdAt: ctx.clock.now(),
    cartons: payload.cartons,
    payload: body,
  });
  switch (scenario.booking.kind) {
    case 'error': {
      const status = scenario.booking.metaStatus;
      order.state = 'failed';
      order.failure = { metaStatus: status, message: answers.errorMessageFor(status) };
      return json(200, answers.courierFailure(order));
    }
    case 'sync':
      ctx.book(order);
      return json(200, answers.placed(order, 'courier_partner_id'));
    default:
      return json(200, answers.accepted(order));
  }
}
