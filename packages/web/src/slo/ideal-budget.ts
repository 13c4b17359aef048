import type { ObjectiveStatusBody, SloStatusBody } from '@xops/contracts';

/**
 * The length of an SLO's window in ms: a rolling window's duration, or for a calendar window the
 * period the budget is counted over, read back from the budget itself (totalSeconds is
 * (1 − target) × window length).
 */
export function windowLengthMs(window: SloStatusBody['window'], objective: ObjectiveStatusBody): number {
  if (window.kind === 'rolling') return window.durationSeconds * 1000;
  if (objective.target < 1) return (objective.errorBudget.totalSeconds / (1 - objective.target)) * 1000;
  return Date.parse(objective.window.to) - Date.parse(objective.window.from);
}

/**
 * The burn-down's ideal line: the budget left if it were spent evenly over the current window,
 * 1 at the window's start falling to 0 at its end; null (no line) outside the window.
 *
 * @param times epoch seconds
 * @example idealBudgetLine([0, 50, 100, 150], 0, 100_000) // → [1, 0.5, 0, null]
 */
export function idealBudgetLine(times: readonly number[], windowFromMs: number, lengthMs: number): (number | null)[] {
  return times.map((seconds) => {
    const elapsed = seconds * 1000 - windowFromMs;
    if (lengthMs <= 0 || elapsed < 0 || elapsed > lengthMs) return null;
    return 1 - elapsed / lengthMs;
  });
}
