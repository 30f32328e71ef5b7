/**
 * Sample host shipments for the demo and the bench: the contract's example, with the
 * courier accounts (sandbox scenarios) and the box count as knobs.
 */
import type { ShipmentInput } from '../domain/shipment-input.js';

const PARTNER_IDS = [4, 6, 9];

export function sampleShipment(code: string, accounts: string[], boxes = 1): ShipmentInput {
  return {
    shipment_code: code,
    providers: accounts.map((account_code, i) => ({ courier_partner_id: PARTNER_IDS[i] ?? 4, account_code })),
    order_type: 'PREPAID',
    cod_value: 0,
    delivery_type: 'FORWARD',
    invoice: { number: `INV-${code}`, value: 125000.5, date: '2026-11-20', ewaybill_number: '331009876543' },
    pickup: {
      name: 'WH Bhiwandi', address: 'Gala 4, Mumbai Nashik Hwy', city: 'Bhiwandi', state: 'Maharashtra',
      pincode: '421302', country: 'IN', phone: '9800000001', email: 'wh@example.com', gstin: '27AAACB1234C1Z5',
    },
    drop: {
      name: 'Retail DC Pune', address: 'Plot 9, Chakan MIDC', city: 'Pune', state: 'Maharashtra',
      pincode: '410501', country: 'IN', phone: '9800000002', email: 'dc@example.com',
    },
    boxes: Array.from({ length: boxes }, (_, i) => ({
      box_code: `${code}-${i + 1}`, length_cm: 40, breadth_cm: 30, height_cm: 30, weight_g: 12000 + i * 500,
      items: [{ sku: `BOLT-M${8 + i}`, description: `M${8 + i} steel bolts`, quantity: 200, unit_price: 12.5, unit_weight_g: 50, hsn_code: '7318' }],
    })),
  };
}
