import { describe, it, expect } from '@jest/globals';
import { formatRupees, lineValue } from '../../src/labels/money.js';

describe('formatRupees', () => {
  it('groups in lakhs and crores with two decimals and the rupee sign', () => {
    expect(formatRupees(125000.5)).toBe('₹1,25,000.50');
    expect(formatRupees(12345678.9)).toBe('₹1,23,45,678.90');
    expect(formatRupees(999)).toBe('₹999.00');
    expect(formatRupees(0)).toBe('₹0.00');
  });

  it('rounds to paise and never prints NaN', () => {
    expect(formatRupees(0.1 + 0.2)).toBe('₹0.30');
    expect(formatRupees(1.005)).toBe('₹1.01');
    expect(formatRupees(Number.NaN)).toBe('₹—');
  });

  it('computes line values in whole paise', () => {
    expect(lineValue(3, 0.1)).toBe(0.3);
    expect(lineValue(200, 12.5)).toBe(2500);
  });
});
