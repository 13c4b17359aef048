/**
 * How fast a window spends the error budget: `(1 − SLI_w) / (1 − target)`. 1 spends exactly the
 * budget over the SLO window; 14.4 spends 2 % of a 30-day budget in one hour (SRE Workbook,
 * "Alerting on SLOs", table 5-4). Null when the window holds no events (or slices): no rate.
 *
 * @example burnRate(980, 1000, 0.999) // → 20 (a 2 % error ratio against a 0.1 % allowance)
 */
export function burnRate(good: number, total: number, target: number): number | null {
  if (!(total > 0)) return null;
  return (1 - good / total) / (1 - target);
}

/**
 * When the remaining budget runs out if the current burn rate holds: at burn rate b the budget of
 * a window of length W lasts W / b, so `remaining × W / b` is left. 0 when already spent, null
 * when nothing burns. An estimate: bad events that slide out of a rolling window give budget back.
 *
 * @example timeToExhaustionMs(0.5, 10, 30 * 86_400_000) // → 129_600_000 (36 h)
 */
export function timeToExhaustionMs(remaining: number, rate: number | null, windowMs: number): number | null {
  if (remaining <= 0) return 0;
  if (rate === null || !(rate > 0)) return null;
  return (remaining * windowMs) / rate;
}

/** The window whose burn rate projects the time to exhaustion: the last hour. */
export const EXHAUSTION_LOOKBACK_MS = 3_600_000;
