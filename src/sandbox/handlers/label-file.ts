/**
 * GET /labels/<awb>.pdf: the label file a label URL points at, a one-page PDF with the
 * AWB on it. Parent labels of SBX_NOCHILDLABELS orders list every box's AWB.
 */
import { now, type Plan, type SandboxContext } from '../context.js';
import type { Reply } from '../http-io.js';
import type { Order } from '../ledger.js';
import type { LabelContent } from '../label-pdf.js';

export async function handleLabelFile(ctx: SandboxContext, awb: string): Promise<Plan> {
  const found = ctx.ledger.findByWaybill(awb);
  if (!found || found.order.waybill === null) {
    return now({ type: 'raw', status: 404, contentType: 'text/plain', data: `no label for ${awb}` });
  }
  let pdf = ctx.labelCache.get(awb);
  if (!pdf) {
    // pdf-lib loads with the first label file asked for, not with the sandbox.
    const { renderLabelPdf } = await import('../label-pdf.js');
    pdf = await renderLabelPdf(contentFor(found.order, found.childIndex, awb));
    ctx.labelCache.set(awb, pdf);
  }
  const reply: Reply = { type: 'raw', status: 200, contentType: 'application/pdf', data: pdf };
  return now(reply);
}

function contentFor(order: Order, childIndex: number | null, awb: string): LabelContent {
  const total = order.children.length;
  const base = { awb, reference: order.reference, courierName: order.courierName, sortCode: order.sortCode };
  if (childIndex !== null) {
    const child = order.children[childIndex]!;
    return { ...base, boxLine: `Box ${childIndex + 1} of ${total} (${child.reference_number})`, lines: [`Parent AWB ${order.waybill}`] };
  }
  return {
    ...base,
    boxLine: `${total} box${total === 1 ? '' : 'es'}`,
    lines: order.children.map((c, i) => `Box ${i + 1}: ${c.waybill} (${c.reference_number})`),
  };
}
