import { describe, expect, it } from 'vitest';
import { formatBurnRate, formatPercent } from './percent';

describe('formatPercent', () => {
  it('prints a fraction as a percentage with at most three decimals', () => {
    expect(formatPercent(0.99912)).toBe('99.912%');
    expect(formatPercent(0.5)).toBe('50%');
    expect(formatPercent(0.123456)).toBe('12.346%');
    expect(formatPercent(-0.25)).toBe('-25%');
    expect(formatPercent(0.87654, 1)).toBe('87.7%');
  });

  it('prints a dash for no value', () => {
    expect(formatPercent(null)).toBe('–');
    expect(formatPercent(Number.NaN)).toBe('–');
  });
});

describe('formatBurnRate', () => {
  it('keeps two decimals under 10 and one above', () => {
    expect(formatBurnRate(14.4)).toBe('14.4×');
    expect(formatBurnRate(2.345)).toBe('2.35×');
    expect(formatBurnRate(123.456)).toBe('123.5×');
    expect(formatBurnRate(0)).toBe('0×');
    expect(formatBurnRate(null)).toBe('–');
  });
});
