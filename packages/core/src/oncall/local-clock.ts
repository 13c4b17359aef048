import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
// Wider than any UTC offset change (Pacific/Apia skipped a whole day in 2011), so the offsets
// sampled this far either side of a wall-clock time are the ones before and after a transition.
const SPREAD_MS = 25 * 3_600_000;

/**
 * The wall clock of one IANA zone, as "local ms": the zone's local date and time read as if it
 * were UTC (`Date.UTC(year, month - 1, day, hour, minute)`). Arithmetic on local ms is calendar
 * arithmetic: adding 7 days keeps the time of day whatever DST does.
 */
export interface LocalClock {
  readonly zone: IANAZone;
}

/** The clock of `timeZone`, or `undefined` when the IANA database does not know it. */
export function localClock(timeZone: string): LocalClock | undefined {
  return IANAZone.isValidZone(timeZone) ? { zone: IANAZone.create(timeZone) } : undefined;
}

/** The wall-clock time (local ms) at `instant` (epoch ms). */
export function toLocalMs(clock: LocalClock, instant: number): number {
  return instant + clock.zone.offset(instant) * MINUTE_MS;
}

/**
 * The instant (epoch ms) at which the wall clock shows `local`. Like RFC 5545 § 3.3.5, a time
 * the clock shows twice (autumn) is its first occurrence; a time it skips (spring) becomes the
 * instant of the jump, so that later wall-clock times never map to earlier instants.
 *
 * @example toInstant(localClock('Europe/Berlin')!, Date.UTC(2026, 2, 29, 2, 30)) // → Date.UTC(2026, 2, 29, 1, 0)
 */
export function toInstant(clock: LocalClock, local: number): number {
  const { zone } = clock;
  const before = zone.offset(local - SPREAD_MS);
  const after = zone.offset(local + SPREAD_MS);
  // The same offset a day either side (the common case): no change near this time, one answer.
  // No zone has changed its offset twice within two days.
  if (before === after) return local - before * MINUTE_MS;
  const offsets = new Set([before, zone.offset(local), after]);
  const candidates = [...offsets].map((offset) => ({ offset, instant: local - offset * MINUTE_MS }));
  const valid = candidates.filter(({ offset, instant }) => zone.offset(instant) === offset).map(({ instant }) => instant);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap: the jump lies between the candidates; find it to the millisecond.
  let low = Math.min(...candidates.map(({ instant }) => instant));
  let high = Math.max(...candidates.map(({ instant }) => instant));
  const lowOffset = zone.offset(low);
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (zone.offset(middle) === lowOffset) low = middle;
    else high = middle;
  }
  return high;
}

/**
 * The instant of a wall-clock date and time in `timeZone` (month 1–12), with the rules of
 * `toInstant`; `undefined` for an unknown zone.
 *
 * @example instantOfLocalTime({ year: 2026, month: 3, day: 2, hour: 9, minute: 0 }, 'Europe/Berlin')
 *   // → Date.UTC(2026, 2, 2, 8, 0)
 */
export function instantOfLocalTime(
  time: { readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute: number; readonly second?: number },
  timeZone: string,
): number | undefined {
  const clock = localClock(timeZone);
  if (clock === undefined) return undefined;
  return toInstant(clock, Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second ?? 0));
}
