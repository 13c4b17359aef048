import { IANAZone } from 'luxon';

const MINUTE_MS = 60_000;
// Wider than any change of a zone's UTC offset (Pacific/Apia skipped a whole day in 2011), so the
// offsets this far either side of a wall-clock time are those before and after a transition.
const SPREAD_MS = 26 * 3_600_000;

/**
 * The wall clock of one IANA zone. Times on it are "local ms": the zone's local date and time
 * read as if it were UTC (`Date.UTC(year, month - 1, day, hour, minute)`), so 09:00 in Berlin is
 * `Date.UTC(…, 9, 0)`. Arithmetic on local ms is calendar arithmetic: adding 7 days keeps the
 * time of day whatever DST does, and RRULEs repeat wall-clock times on it (RFC 5545 § 3.3.10).
 */
export interface WallClock {
  readonly zone: IANAZone;
}

/**
 * How `toInstant` places a wall-clock time that a spring change skips, such as 02:30 on
 * 29 Mar 2026 in Berlin, where clocks jump from 02:00 CET (01:00Z) to 03:00 CEST:
 * - `'shift-forward'`: RFC 5545 § 3.3.5, read with the offset from before the gap, so it moves
 *   later by the gap's length: 02:30 CET, shown as 03:30 CEST (01:30Z). Maintenance windows use it.
 * - `'jump'`: the instant of the jump (01:00Z), so a later wall-clock time never maps to an
 *   earlier instant and a span inside the gap has no length. On-call handoffs use it.
 */
export type SkippedTime = 'shift-forward' | 'jump';

/** The wall clock of `timeZone` (`Europe/Berlin`, `UTC`), or `undefined` when the IANA database does not know it. */
export function wallClock(timeZone: string): WallClock | undefined {
  return IANAZone.isValidZone(timeZone) ? { zone: IANAZone.create(timeZone) } : undefined;
}

/** The wall-clock time (local ms) at `instant` (epoch ms). */
export function toLocalMs(clock: WallClock, instant: number): number {
  return instant + clock.zone.offset(instant) * MINUTE_MS;
}

/**
 * The instant (epoch ms) at which the wall clock shows `local` (local ms). By RFC 5545 § 3.3.5 a
 * time the clock shows twice (autumn) is its first occurrence; a time it skips (spring) is placed
 * by `skipped`.
 *
 * @example toInstant(wallClock('Europe/Berlin')!, Date.UTC(2026, 9, 25, 2, 30), 'jump') // → Date.UTC(2026, 9, 25, 0, 30), 02:30 CEST
 * @example toInstant(wallClock('Europe/Berlin')!, Date.UTC(2026, 2, 29, 2, 30), 'shift-forward') // → Date.UTC(2026, 2, 29, 1, 30)
 * @example toInstant(wallClock('Europe/Berlin')!, Date.UTC(2026, 2, 29, 2, 30), 'jump') // → Date.UTC(2026, 2, 29, 1, 0)
 */
export function toInstant(clock: WallClock, local: number, skipped: SkippedTime): number {
  const { zone } = clock;
  const before = zone.offset(local - SPREAD_MS);
  const after = zone.offset(local + SPREAD_MS);
  // The same offset a day either side (the common case): no change near this time, one answer.
  // No zone has changed its offset twice within two days (none in luxon's data from 1969 to 2045).
  if (before === after) return local - before * MINUTE_MS;
  const offsets = [...new Set([before, zone.offset(local), after])];
  const candidates = offsets.map((offset) => ({ offset, instant: local - offset * MINUTE_MS }));
  const valid = candidates.filter(({ offset, instant }) => zone.offset(instant) === offset).map(({ instant }) => instant);
  if (valid.length > 0) return Math.min(...valid);
  // In a gap the offset before it is the smaller one (clocks jump forward).
  if (skipped === 'shift-forward') return local - Math.min(...offsets) * MINUTE_MS;
  // The jump lies between the candidates; find it to the millisecond.
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
 * The instant of a wall-clock date and time in `timeZone` (month 1–12), placed as `toInstant`
 * places it; `undefined` for an unknown zone.
 *
 * @example instantOfLocalTime({ year: 2026, month: 3, day: 2, hour: 9, minute: 0 }, 'Europe/Berlin', 'jump')
 *   // → Date.UTC(2026, 2, 2, 8, 0)
 */
export function instantOfLocalTime(
  time: { readonly year: number; readonly month: number; readonly day: number; readonly hour: number; readonly minute: number; readonly second?: number },
  timeZone: string,
  skipped: SkippedTime,
): number | undefined {
  const clock = wallClock(timeZone);
  if (clock === undefined) return undefined;
  return toInstant(clock, Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second ?? 0), skipped);
}
