import { describe, expect, it } from 'vitest';
import { chooseStep, rangeFor, zoomedRange } from './time-range';

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

describe('zoomedRange', () => {
  // 2025-03-01T12:00:00Z: 20,148 days after 1970-01-01, plus 12 hours.
  const noon = 1_740_830_400;

  it('asks for 6 hours of a 30-day window at 30 s: 720 steps (10 s would be 2,160)', () => {
    expect(zoomedRange({ min: noon, max: noon + 6 * 3600 })).toEqual({ from: 1_740_830_400_000, to: 1_740_852_000_000, step: '30s' });
  });

  it('asks for 2 days at 5 m (576 steps; 1 m would be 2,880) and 30 days at 1 h (720; 30 m would be 1,440)', () => {
    expect(zoomedRange({ min: noon, max: noon + 2 * 86_400 }).step).toBe('5m');
    expect(zoomedRange({ min: noon, max: noon + 30 * 86_400 }).step).toBe('1h');
  });

  it('goes no finer than the 10 s buckets the server holds', () => {
    expect(zoomedRange({ min: noon, max: noon + 300 })).toEqual({ from: 1_740_830_400_000, to: 1_740_830_700_000, step: '10s' });
  });

  it('rounds the range the chart reports, in seconds with fractions, to whole ms', () => {
    expect(zoomedRange({ min: 100.0004, max: 400.0006 })).toEqual({ from: 100_000, to: 400_001, step: '10s' });
  });

  it('never asks for an empty range', () => {
    expect(zoomedRange({ min: 100, max: 100 })).toEqual({ from: 100_000, to: 100_001, step: '10s' });
  });
});
