import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
// Wider than any change of a zone's UTC offset (Pacific/Apia skipped a whole day in 2011), so the
// offsets this far either side of a wall-clock time are those before and after a transition.
const SPREAD_MS = 26 * 3_600_000;

/**
 * The wall clock of `timeZone` at `instant` (epoch ms) as "local ms": the local date and time
 * read as if it were UTC, e.g. 09:00 in Berlin is `Date.UTC(…, 9, 0)`. Local ms is what RRULE
 * arithmetic runs on (RFC 5545 § 3.3.10 repeats wall-clock times). Throws a RangeError for a
 * zone the IANA database does not know: callers check zones first (`isTimeZone`).
 */
export function toWallClock(instant: number, timeZone: string): number {
  return instant + zoneOf(timeZone).offset(instant) * MINUTE_MS;
}

/**
 * The instant (epoch ms) at which the wall clock of `timeZone` shows `local` (local ms), by
 * RFC 5545 § 3.3.5: a time the clock shows twice (autumn) is its first occurrence, and a time it
 * skips (spring) is read with the offset from before the gap, so 02:30 on the day Berlin springs
 * forward is 03:30 CEST.
 *
 * @example fromWallClock(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin') // → Date.UTC(2026, 9, 25, 0, 30), 02:30 CEST
 */
export function fromWallClock(local: number, timeZone: string): number {
  const zone = zoneOf(timeZone);
  const offsets = [...new Set([zone.offset(local - SPREAD_MS), zone.offset(local), zone.offset(local + SPREAD_MS)])];
  const valid = offsets.map((offset) => local - offset * MINUTE_MS).filter((instant) => toWallClock(instant, timeZone) === local);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap the offset before it is the smaller one (clocks jump forward).
  return local - Math.min(...offsets) * MINUTE_MS;
}

/** True when the IANA database as luxon sees it knows `timeZone` (`Europe/Berlin`, `UTC`). */
export function isTimeZone(timeZone: string): boolean {
  return IANAZone.isValidZone(timeZone);
}

function zoneOf(timeZone: string): IANAZone {
  if (!IANAZone.isValidZone(timeZone)) throw new RangeError(`unknown time zone "${timeZone}"`);
  return IANAZone.create(timeZone);
}
