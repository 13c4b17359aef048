import { MAX_SERIES_POINTS, MIN_SERIES_STEP_MS } from '@xops/contracts';
import { XopsError } from '../http/xops-error';

const DAY_MS = 86_400_000;
/** The longest span a series or replay covers: a year and a quarter, every window xops takes. */
export const MAX_SERIES_RANGE_MS = 460 * DAY_MS;

/**
 * Checks a span and step for a series or replay: `from` before `to`, at most
 * `MAX_SERIES_RANGE_MS`, at most `MAX_SERIES_POINTS` points. Without a step, the finest
 * whole number of buckets that keeps the answer to about 1000 points.
 */
export function seriesRange(from: number, to: number, step: number | undefined): { from: number; to: number; stepMs: number } {
  if (!(from < to)) throw new XopsError('XOPS_ERR_VALIDATION', '`from` must be before `to`.', { from, to });
  if (to - from > MAX_SERIES_RANGE_MS) {
    throw new XopsError('XOPS_ERR_VALIDATION', `\`from\` to \`to\` spans more than ${MAX_SERIES_RANGE_MS / DAY_MS} days.`, { from, to });
  }
  const stepMs = step ?? Math.max(1, Math.ceil((to - from) / 999 / MIN_SERIES_STEP_MS)) * MIN_SERIES_STEP_MS;
  const points = Math.floor((to - from) / stepMs) + 1;
  if (points > MAX_SERIES_POINTS) {
    const least = Math.ceil((to - from) / (MAX_SERIES_POINTS - 1) / MIN_SERIES_STEP_MS) * MIN_SERIES_STEP_MS;
    throw new XopsError('XOPS_ERR_VALIDATION', `That is ${points} points; at most ${MAX_SERIES_POINTS} are served: use a step of at least ${least / 1000}s.`, { points });
  }
  return { from, to, stepMs };
}
