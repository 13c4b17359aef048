import { instantSchema } from './instant';

/** The last instant before the year 10000: far enough for any schedule, and a date JavaScript can still print. */
export const LATEST_INSTANT = Date.UTC(9999, 11, 31, 23, 59, 59, 999);

/**
 * `instantSchema`, refusing instants after the year 9999: ranges are computed from them
 * (a week ahead, a year around) and must stay dates `toISOString` can write.
 */
export function boundedInstantSchema(now: () => number = Date.now) {
  return instantSchema(now).refine((ms) => ms <= LATEST_INSTANT, 'must be before the year 10000');
}
