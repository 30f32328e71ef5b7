/**
 * Boxes -> MPS cartons, and the shipment-level size ClickPost also requires. The MPS carton
 * shape is an assumption (ASSUMPTIONS.md, "MPS carton shape" and "shipment-level size").
 */
import type { Box, Item, ShipmentInput } from '../domain/shipment-input.js';
import type { Carton, CartonGstInfo, CartonLine } from './wire/create-order.js';
import { money, wholeUp } from './units.js';

/** Longest carton description sent; ClickPost gives no limit, tracking's `item` allows 500. */
export const MAX_DESCRIPTION_LENGTH = 500;

function line(item: Item): CartonLine {
  const out: CartonLine = {
    description: item.description,
    quantity: item.quantity,
    price: item.unit_price,
    weight: item.unit_weight_g,
  };
  if (item.sku) out.sku = item.sku;
  if (item.hsn_code) out.hsn_code = item.hsn_code;
  return out;
}

/** "M8 steel bolts x200; Washers x50", cut at MAX_DESCRIPTION_LENGTH. */
export function cartonDescription(items: readonly Item[]): string {
  const text = items.map((i) => `${i.description} x${i.quantity}`).join('; ');
  return text.length <= MAX_DESCRIPTION_LENGTH ? text : `${text.slice(0, MAX_DESCRIPTION_LENGTH - 3)}...`;
}

/**
 * The carton's gst_info, shaped like slate's B2B MPS sample: invoice fields, seller GSTIN
 * (pickup.gstin), consignee GSTIN (drop.gstin, "compulsory for B2B shipments" there), the
 * e-way bill and the HSN codes of the box's items.
 */
export function cartonGstInfo(shipment: ShipmentInput, box: Box): CartonGstInfo {
  const out: CartonGstInfo = {
    invoice_number: shipment.invoice.number,
    invoice_date: shipment.invoice.date,
    invoice_value: shipment.invoice.value,
    invoice_reference: shipment.invoice.number,
    seller_gstin: shipment.pickup.gstin,
    is_seller_registered_under_gst: true,
    place_of_supply: shipment.drop.state,
  };
  if (shipment.drop.gstin) out.consignee_gstin = shipment.drop.gstin;
  const ewaybill = shipment.invoice.ewaybill_number?.trim();
  if (ewaybill) out.ewaybill_serial_number = ewaybill;
  const hsn = [...new Set(box.items.map((i) => i.hsn_code?.trim()).filter((h): h is string => !!h))];
  if (hsn.length > 0) out.hsn_code = hsn.join(',');
  return out;
}

/** One box as one carton of shipment_details.items[], at 0-based `index` in box order. */
export function toCarton(shipment: ShipmentInput, box: Box, index: number): Carton {
  const length = wholeUp(box.length_cm);
  const breadth = wholeUp(box.breadth_cm);
  const height = wholeUp(box.height_cm);
  const weight = wholeUp(box.weight_g);
  return {
    reference_number: box.box_code,
    sku: box.box_code,
    description: cartonDescription(box.items),
    quantity: 1,
    price: money(box.items.reduce((sum, i) => sum + i.unit_price * i.quantity, 0)),
    weight,
    length,
    breadth,
    height,
    gst_info: cartonGstInfo(shipment, box),
    // The wire notes allow a carton's size "in the item's additional or item fields": both.
    additional: { length, breadth, height, weight, box_code: box.box_code, box_number: index + 1, items: box.items.map(line) },
  };
}

export interface ShipmentSize {
  length: number;
  breadth: number;
  height: number;
  weight: number;
}

/**
 * Shipment-level size from the cartons as sent: weight is the sum of the carton weights (so
 * the totals agree with the cartons); length and breadth are the largest carton's, height is
 * the sum of heights (the boxes stacked), so the shipment's volume is never less than the
 * cartons' total volume and a volumetric weight from it does not under-charge.
 */
export function shipmentSize(cartons: readonly Carton[]): ShipmentSize {
  return {
    length: Math.max(...cartons.map((c) => c.length)),
    breadth: Math.max(...cartons.map((c) => c.breadth)),
    height: cartons.reduce((sum, c) => sum + c.height, 0),
    weight: cartons.reduce((sum, c) => sum + c.weight, 0),
  };
}
