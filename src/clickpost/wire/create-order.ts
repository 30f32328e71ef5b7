/**
 * The v3 India create-order payload as this connector sends it (003, "Create Order: India",
 * plus the MPS shape of clickpost-wire-notes.md). Types only: mapping is in ../create-order.ts.
 */

export interface PickupInfo {
  pickup_name: string;
  pickup_address: string;
  pickup_city: string;
  pickup_state: string;
  pickup_pincode: string;
  pickup_country: 'IN';
  email: string;
  pickup_phone: string;
  /** India local time, `YYYY-MM-DDTHH:MM:SS`. */
  pickup_time: string;
  /** Seller TIN or GST number: the host's pickup.gstin. */
  tin: string;
}

export interface DropInfo {
  drop_name: string;
  drop_address: string;
  drop_city: string;
  drop_state: string;
  drop_pincode: string;
  drop_country: 'IN';
  drop_phone: string;
  drop_email?: string;
}

/** One product line inside a carton (kept in the carton's `additional.items`). */
export interface CartonLine {
  sku?: string;
  description: string;
  quantity: number;
  /** Per unit, rupees. */
  price: number;
  /** Per unit, grams. */
  weight: number;
  hsn_code?: string;
}

/** One entry of shipment_details.items[]: one box (carton) of the MPS order. */
export interface Carton {
  /** The host's box_code: the carton's own reference, echoed on its child waybill. */
  reference_number: string;
  sku: string;
  description: string;
  /** Always 1: the entry is the carton itself. */
  quantity: 1;
  /** Sum of the box's lines (unit price x quantity). */
  price: number;
  /** Carton weight, grams (whole, rounded up). */
  weight: number;
  length: number;
  breadth: number;
  height: number;
  /** GST of this carton, as ClickPost's B2B MPS sample sends it (slate _create.md, "Order Creation B2B API"). */
  gst_info: CartonGstInfo;
  additional: {
    length: number;
    breadth: number;
    height: number;
    weight: number;
    box_code: string;
    box_number: number;
    items: CartonLine[];
  };
}

/** The carton's gst_info: the shipment's one invoice, both parties' GSTINs and the box's HSN codes. */
export interface CartonGstInfo {
  invoice_number: string;
  invoice_date: string;
  /** The whole invoice's value (one invoice covers every carton of the shipment). */
  invoice_value: number;
  invoice_reference: string;
  seller_gstin: string;
  consignee_gstin?: string;
  ewaybill_serial_number?: string;
  /** Distinct HSN codes of the box's items, comma-separated; absent when no item has one. */
  hsn_code?: string;
  is_seller_registered_under_gst: true;
  place_of_supply: string;
}

export interface ShipmentDetails {
  shipment_type: 'MPS';
  items: Carton[];
  account_code: string;
  courier_partner: number;
  reference_number: string;
  invoice_value: number;
  invoice_date: string;
  invoice_number: string;
  delivery_type: 'FORWARD' | 'RVP';
  order_type: 'PREPAID' | 'COD';
  cod_value: number;
  height: number;
  breadth: number;
  length: number;
  weight: number;
}

export interface GstInfo {
  seller_gstin: string;
  consignee_gstin?: string;
  is_seller_registered_under_gst: true;
  /** Destination state: for goods the place of supply is where they are delivered. */
  place_of_supply: string;
  ewaybill_serial_number?: string;
}

export interface AdditionalInfo {
  async: true;
  label: true;
  /** Number of cartons; some B2B couriers read a box count. */
  total_boxes: number;
  /** Delivery appointment: today (India) + Appointment After days. */
  appointment_date: string;
  rvp_reason?: string;
}

export interface CreateOrderPayload {
  pickup_info: PickupInfo;
  drop_info: DropInfo;
  shipment_details: ShipmentDetails;
  gst_info: GstInfo;
  additional: AdditionalInfo;
}
