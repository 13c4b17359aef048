import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatDurationLabel } from './duration-label';

describe('formatDurationLabel', () => {
  it('writes the Workbook windows the way Prometheus does', () => {
    expect(['5m', '30m', '1h', '2h', '6h', '1d', '3d'])
      .toEqual([300_000, 1_800_000, 3_600_000, 7_200_000, 21_600_000, 86_400_000, 259_200_000].map(formatDurationLabel));
    // The 5-minute window scaled to a 28-day SLO: 5 min × 28/30 = 280 s.
    expect(formatDurationLabel(280_000)).toBe('4m40s');
    expect(formatDurationLabel(90_061_001)).toBe('1d1h1m1s1ms');
    expect(formatDurationLabel(0)).toBe('0s');
  });

  it('adds back up to the duration it was given', () => {
    const size: Record<string, number> = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
    fc.assert(fc.property(fc.integer({ min: 1, max: 10 ** 12 }), (ms) => {
      const parts = [...formatDurationLabel(ms).matchAll(/(\d+)(ms|d|h|m|s)/g)];
      return parts.reduce((sum, [, count, unit]) => sum + Number(count) * (size[unit ?? ''] ?? Number.NaN), 0) === ms;
    }));
  });
});
