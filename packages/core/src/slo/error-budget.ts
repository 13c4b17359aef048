/** What an error budget is counted in: events (Occurrences), slices (the time-slice methods), or a share (composites). */
export type BudgetUnit = 'events' | 'slices' | 'fraction';

/** The error budget of one objective over its window. */
export interface ErrorBudget {
  readonly unit: BudgetUnit;
  /** The allowance: `(1 − target) × events` or `(1 − target) × slices in the whole window`; 1 for a composite. */
  readonly total: number;
  /** Bad events, bad slices, missing slice ratios, or the composite's weighted share. */
  readonly consumed: number;
  /** `1 − consumed / total`: at most 1, below 0 when overspent. */
  readonly remaining: number;
  /** The allowance as time: `(1 − target) × window length`, in ms. */
  readonly totalMs: number;
  /** `remaining × totalMs`, in ms (negative when overspent). */
  readonly remainingMs: number;
}

/** The counts an objective's budget is computed from, in the budget's unit. */
export interface BudgetInput {
  readonly unit: 'events' | 'slices';
  /** Fraction in [0, 1). */
  readonly target: number;
  /** Good events, or good slices (Timeslices), or Σ slice ratios (RatioTimeslices), in the elapsed window. */
  readonly good: number;
  /** Events, or slices that had data, in the elapsed window. */
  readonly total: number;
  /** Slices: how many slices the whole window holds (`window length / slice length`). */
  readonly slicesInWindow: number;
  /** Window length in ms (the whole period for a calendar window). */
  readonly windowMs: number;
}

/**
 * The error budget as OpenSLO defines it (reference/slo.md §1.3, OpenSLO examples/budgeting-method):
 *
 * - Occurrences: budget = `(1 − target) × total events` so far in the window, consumed = bad events.
 * - Timeslices: budget = `(1 − target) × slices in the whole window`, consumed = bad slices. A slice
 *   without data is neither good nor bad: it consumes nothing, and it still counts in the budget
 *   (OpenSLO's example: a 2-week window of 1-minute slices at 95 % has 1 008 slices of budget, 16 h 48 m).
 * - RatioTimeslices: the SLI is the mean of per-slice ratios, so the budget is `(1 − target) × slices`
 *   of ratio and each slice consumes its missing part `1 − ratio`.
 *
 * @example computeErrorBudget({ unit: 'events', target: 0.75, good: 900, total: 1000, slicesInWindow: 0, windowMs: 86_400_000 })
 *   // → { unit: 'events', total: 250, consumed: 100, remaining: 0.6, totalMs: 21_600_000, remainingMs: 12_960_000 }
 */
export function computeErrorBudget(input: BudgetInput): ErrorBudget {
  const total = budgetAllowance(input.unit, input.target, input.total, input.slicesInWindow);
  const consumed = input.total - input.good;
  return budgetFromShare(input.unit, total, consumed, total > 0 ? consumed / total : 0, (1 - input.target) * input.windowMs);
}

/** The size of the budget in its unit: `(1 − target) × events` (Occurrences) or `× slices in the whole window`. */
export function budgetAllowance(unit: 'events' | 'slices', target: number, total: number, slicesInWindow: number): number {
  return (1 - target) * (unit === 'events' ? total : slicesInWindow);
}

/** A budget from its spent share: remaining is `1 − share`, clamped to at most 1. */
export function budgetFromShare(unit: BudgetUnit, total: number, consumed: number, share: number, totalMs: number): ErrorBudget {
  const remaining = Math.min(1, 1 - share);
  return { unit, total, consumed, remaining, totalMs, remainingMs: remaining * totalMs };
}
