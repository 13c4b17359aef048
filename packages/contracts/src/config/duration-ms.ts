import type { DurationShorthand, DurationUnit } from './duration';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

// `m h d w` have one length. `M Q Y` do not (OpenSLO README § duration-shorthand leaves it open,
// https://github.com/OpenSLO/OpenSLO/issues/267): where a fixed length is needed (rolling windows,
// alert windows, time slices) a month is 30 days, a quarter 90 and a year 365, the lengths the
// SRE Workbook's "30-day window" and most tools assume. Calendar windows keep the real calendar.
const UNIT_MS: Readonly<Record<DurationUnit, number>> = {
  m: MINUTE_MS,
  h: 60 * MINUTE_MS,
  d: DAY_MS,
  w: 7 * DAY_MS,
  M: 30 * DAY_MS,
  Q: 90 * DAY_MS,
  Y: 365 * DAY_MS,
};

/**
 * The length of a duration-shorthand in milliseconds, with `1M` = 30 d, `1Q` = 90 d, `1Y` = 365 d.
 *
 * @example durationMs({ amount: 5, unit: 'm' }) // → 300 000
 */
export function durationMs(duration: DurationShorthand): number {
  return duration.amount * UNIT_MS[duration.unit];
}
