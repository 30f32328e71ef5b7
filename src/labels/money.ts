/**
 * Rupee amounts the way Indian invoices print them: ₹1,25,000.50 (lakh grouping,
 * always two decimals). Node 20 ships full ICU, so en-IN grouping is built in.
 */
const INR = new Intl.NumberFormat('en-IN', {
  style: 'currency',
  currency: 'INR',
  minimumFractionDigits: 2,
  maximumFractionDigits: 2,
});

/** 125000.5 -> "₹1,25,000.50"; a non-finite value prints as "₹—" rather than "₹NaN". */
export function formatRupees(value: number): string {
  if (!Number.isFinite(value)) return '₹—';
  return INR.format(roundPaise(value));
}

/** Rounds to whole paise so 3 × 0.1 prints 0.30, not 0.30000000000000004 rounded oddly. */
export function roundPaise(value: number): number {
  return Math.round((value + Number.EPSILON) * 100) / 100;
}

/** quantity × unit price, in whole paise. */
export function lineValue(quantity: number, unitPrice: number): number {
  return roundPaise(quantity * unitPrice);
}
