import { describe, expect, it } from 'vitest';
import { burnRate, timeToExhaustionMs } from './burn-rate';
import { compositeTarget } from './composite-slo';
import { computeErrorBudget } from './error-budget';

const DAY = 86_400_000;

describe('computeErrorBudget', () => {
  it('counts Occurrences in events', () => {
    // 75 % of 1 000 events may fail: 250; 100 failed → 60 % left; as time 25 % of a day = 6 h, 60 % of it 3.6 h.
    expect(computeErrorBudget({ unit: 'events', target: 0.75, good: 900, total: 1000, slicesInWindow: 0, windowMs: DAY }))
      .toEqual({ unit: 'events', total: 250, consumed: 100, remaining: 0.6, totalMs: 21_600_000, remainingMs: 12_960_000 });
  });

  it('counts Timeslices against every slice of the window, as OpenSLO\'s worked example', () => {
    // OpenSLO examples/budgeting-method: 2 weeks of 1-minute slices = 20 160; at 95 % the budget is
    // 1 008 slices = 16 h 48 m. After 1 008 bad minutes it is gone, whatever the empty slices.
    const budget = computeErrorBudget({ unit: 'slices', target: 0.95, good: 5000, total: 6008, slicesInWindow: 20_160, windowMs: 14 * DAY });
    expect(budget.total).toBeCloseTo(1008, 9);
    expect(budget.consumed).toBe(1008);
    expect(budget.remaining).toBeCloseTo(0, 12);
    expect(budget.totalMs).toBeCloseTo((16 * 60 + 48) * 60_000, 3);
  });

  it('lets an overspent budget go negative, and never reports more than all of it', () => {
    expect(computeErrorBudget({ unit: 'events', target: 0.5, good: 0, total: 10, slicesInWindow: 0, windowMs: DAY }).remaining).toBe(-1);
    expect(computeErrorBudget({ unit: 'events', target: 0.5, good: 0, total: 0, slicesInWindow: 0, windowMs: DAY }).remaining).toBe(1);
    // Σ ratios a hair above the slice count (float sums) must not report more than 100 %.
    expect(computeErrorBudget({ unit: 'slices', target: 0.9, good: 3.0000000000000004, total: 3, slicesInWindow: 60, windowMs: DAY }).remaining).toBe(1);
  });
});

describe('burnRate', () => {
  it('is the error ratio over the allowance', () => {
    expect(burnRate(980, 1000, 0.999)).toBeCloseTo(20, 9); // 2 % errors against 0.1 %
    expect(burnRate(0, 100, 0.999)).toBeCloseTo(1000, 6); // a full outage
    expect(burnRate(0, 0, 0.999)).toBeNull();
  });
});

describe('timeToExhaustionMs', () => {
  it('divides what is left of the window by the burn rate', () => {
    // Half the budget left at 10×: a 30-day budget lasts 3 days at 10×, half of it 36 h.
    expect(timeToExhaustionMs(0.5, 10, 30 * DAY)).toBe(36 * 3_600_000);
    expect(timeToExhaustionMs(-0.1, 10, 30 * DAY)).toBe(0);
    expect(timeToExhaustionMs(0.5, 0, 30 * DAY)).toBeNull();
    expect(timeToExhaustionMs(0.5, null, 30 * DAY)).toBeNull();
  });
});

describe('compositeTarget', () => {
  it('is the weighted mean of the targets', () => {
    // (1 × 0.99 + 3 × 0.95) / 4 = 3.84 / 4 = 0.96
    expect(compositeTarget([{ weight: 1, target: 0.99 }, { weight: 3, target: 0.95 }])).toBeCloseTo(0.96, 12);
    expect(compositeTarget([{ weight: 0, target: 0.9 }, { weight: 0, target: 0.8 }])).toBeCloseTo(0.85, 12);
  });
});
