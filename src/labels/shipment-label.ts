/**
 * GET .../label: one PDF per shipment, built once and cached. Labels come from the URLs
 * ClickPost gave at booking (parent, and child labels where given); when the booking
 * carried no label URL, fetch-label asks ClickPost for one. Packing slips are added when
 * the setting Packslip Required is on. The cache is a file per (shipment, AWB, slips),
 * written atomically, so a rebuild only happens when something it depends on changed.
 */
import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ClickPostApi } from '../clickpost/api.js';
import type { ShipmentInput } from '../domain/shipment-input.js';
import type { BoxRow, ShipmentRow } from '../store/rows.js';
import { ConflictError, UpstreamError } from '../errors.js';
import { fetchPdf } from './fetch-pdf.js';

export interface ShipmentLabelInput {
  shipment: ShipmentRow;
  boxes: BoxRow[];
  packslip: boolean;
  cacheDir: string;
  clickpost: () => Promise<ClickPostApi>;
}

function cacheFile(dir: string, s: ShipmentRow, packslip: boolean): string {
  const id = crypto.createHash('sha256').update(`${s.shipment_code}\u0000${s.parent_awb}\u0000${packslip}`).digest('hex').slice(0, 32);
  return path.join(dir, `${id}.pdf`);
}

async function parentLabelUrl(input: ShipmentLabelInput, body: ShipmentInput): Promise<string> {
  const s = input.shipment;
  if (s.label_url) return s.label_url;
  const provider = body.providers[(s.provider_priority ?? 1) - 1]!;
  const api = await input.clickpost();
  const answer = await api.fetchLabel({ awb: s.parent_awb!, courier_partner_id: provider.courier_partner_id, regenerate: false, shipmentId: s.id });
  if (!answer.ok) throw new UpstreamError(`ClickPost gave no label for ${s.parent_awb}: ${answer.error}`);
  return answer.label_url;
}

async function download(url: string): Promise<Uint8Array> {
  try {
    return await fetchPdf(url);
  } catch (err) {
    throw new UpstreamError(`label download failed: ${(err as Error).message}`);
  }
}

export async function shipmentLabel(input: ShipmentLabelInput): Promise<Uint8Array> {
  const s = input.shipment;
  if (s.status !== 'BOOKED' || !s.parent_awb) {
    throw new ConflictError('not_booked', `shipment ${s.shipment_code} is ${s.status}; its label exists once it is BOOKED`);
  }
  const file = cacheFile(input.cacheDir, s, input.packslip);
  const cached = await fs.readFile(file).catch(() => null);
  if (cached) return new Uint8Array(cached);

  const body = s.body as ShipmentInput;
  const parentLabel = await download(await parentLabelUrl(input, body));
  const childLabels = await Promise.all(input.boxes.map((b) => (b.child_label_url ? download(b.child_label_url) : Promise.resolve(null))));
  // pdf-lib and fontkit (~25 MB of RSS) load with the first label, not with the service.
  const { buildLabelPdf } = await import('./build-label-pdf.js');
  const pdf = await buildLabelPdf({
    shipmentCode: s.shipment_code,
    parentAwb: s.parent_awb,
    parentLabel,
    childLabels,
    boxes: input.boxes.map((b) => ({ box_code: b.box_code, child_awb: b.child_awb, items: body.boxes[b.position]?.items ?? [] })),
    packslip: input.packslip
      ? {
          invoiceNumber: body.invoice.number,
          invoiceValue: body.invoice.value,
          invoiceDate: body.invoice.date,
          pickupName: body.pickup.name,
          dropName: body.drop.name,
          dropCity: body.drop.city,
        }
      : null,
  });
  await fs.mkdir(input.cacheDir, { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  await fs.writeFile(tmp, pdf);
  await fs.rename(tmp, file);
  return pdf;
}
