import type { ObjectiveStatusBody } from '@xops/contracts';
import { describe, expect, it } from 'vitest';
import { idealBudgetLine, windowLengthMs } from './ideal-budget';

describe('idealBudgetLine', () => {
  it('falls from 1 at the window start to 0 at its end, and is absent outside', () => {
    expect(idealBudgetLine([-10, 0, 25, 50, 100, 150], 0, 100_000)).toEqual([null, 1, 0.75, 0.5, 0, null]);
  });

  it('draws nothing for a window of no length', () => {
    expect(idealBudgetLine([0, 1], 0, 0)).toEqual([null, null]);
  });
});

describe('windowLengthMs', () => {
  const objective = {
    target: 0.99,
    window: { from: '2025-03-01T00:00:00.000Z', to: '2025-03-11T00:00:00.000Z' },
    // A 31-day month at 99%: (1 − 0.99) × 31 × 86 400 s.
    errorBudget: { unit: 'events', total: 1, consumed: 0, remaining: 1, totalSeconds: 26_784, remainingSeconds: 26_784 },
  } as unknown as ObjectiveStatusBody;

  it('is the duration of a rolling window', () => {
    expect(windowLengthMs({ kind: 'rolling', duration: '28d', durationSeconds: 2_419_200 }, objective)).toBe(2_419_200_000);
  });

  it('is the whole calendar period, read from the budget', () => {
    const calendar = { kind: 'calendar', unit: 'month', count: 1, startTime: '2025-01-01 00:00:00', timeZone: 'UTC' } as const;
    expect(windowLengthMs(calendar, objective)).toBeCloseTo(31 * 86_400_000, 0);
    expect(windowLengthMs(calendar, { ...objective, target: 1 })).toBe(10 * 86_400_000);
  });
});
