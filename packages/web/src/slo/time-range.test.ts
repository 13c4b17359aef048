import { describe, expect, it } from 'vitest';
import { chooseStep, rangeFor } from './time-range';

describe('chooseStep', () => {
  it('takes the finest step that keeps the points under the limit', () => {
    expect(chooseStep(3_600_000)).toEqual({ text: '10s', ms: 10_000 });
    expect(chooseStep(86_400_000)).toEqual({ text: '5m', ms: 300_000 });
    expect(chooseStep(28 * 86_400_000)).toEqual({ text: '1h', ms: 3_600_000 });
    expect(chooseStep(86_400_000, 11_000)).toEqual({ text: '10s', ms: 10_000 });
    expect(chooseStep(10 * 365 * 86_400_000)).toEqual({ text: '1d', ms: 86_400_000 });
  });
});

describe('rangeFor', () => {
  const now = Date.UTC(2025, 2, 1, 12);
  it('ends ranges now and picks their step', () => {
    expect(rangeFor('6h', now, 0)).toEqual({ from: now - 21_600_000, to: now, step: '30s' });
    expect(rangeFor('window', now, now - 28 * 86_400_000)).toEqual({ from: now - 28 * 86_400_000, to: now, step: '1h' });
  });

  it('gives a calendar window that has just begun at least a minute', () => {
    expect(rangeFor('window', now, now - 1000)).toEqual({ from: now - 60_000, to: now, step: '10s' });
  });
});
