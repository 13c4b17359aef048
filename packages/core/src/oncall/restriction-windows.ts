import { toInstant, toLocalMs, type WallClock } from '../time/wall-clock';
import type { Restriction, TimeRange } from './schedule-definition';
import { unionOfRanges } from './time-range';

const MINUTE_MS = 60_000;
const DAY_MS = 1440 * MINUTE_MS;
const WEEK_MS = 7 * DAY_MS;
// Local time and real time differ by less than this (see time/wall-clock.ts), so a local span this
// much wider than the range holds every restriction window that touches the range.
const SLACK_MS = 26 * 3_600_000;

/**
 * When a layer with these restrictions may have someone on call within `range`: the union of
 * every daily and weekly window, placed on the wall clock of `clock` and clipped to the range.
 * No restrictions: the whole range.
 *
 * @example restrictionWindows([{ kind: 'daily', days: [1], startMinute: 540, endMinute: 1020 }], clock, range)
 *   // → every Monday 09:00–17:00 local inside range
 */
export function restrictionWindows(restrictions: readonly Restriction[], clock: WallClock, range: TimeRange): TimeRange[] {
  if (range.to <= range.from) return [];
  if (restrictions.length === 0) return [range];
  const localFrom = toLocalMs(clock, range.from) - SLACK_MS;
  const localTo = toLocalMs(clock, range.to) + SLACK_MS;
  const windows: TimeRange[] = [];
  const place = (localStart: number, localEnd: number): void => {
    if (localEnd <= localFrom || localStart >= localTo) return;
    // Edges the spring change skips are the jump, so a window inside the gap has no length.
    const from = Math.max(range.from, toInstant(clock, localStart, 'jump'));
    const to = Math.min(range.to, toInstant(clock, localEnd, 'jump'));
    if (to > from) windows.push({ from, to });
  };
  // Start a week early: a weekly window can begin up to a week before it ends.
  for (let day = Math.floor(localFrom / DAY_MS) * DAY_MS - WEEK_MS; day < localTo; day += DAY_MS) {
    const weekday = ((new Date(day).getUTCDay() + 6) % 7) + 1; // ISO: Monday 1 … Sunday 7
    for (const restriction of restrictions) {
      const { startMinute, endMinute } = restriction;
      if (restriction.kind === 'daily') {
        if (!restriction.days.some((d) => d === weekday)) continue;
        place(day + startMinute * MINUTE_MS, day + endMinute * MINUTE_MS + (endMinute <= startMinute ? DAY_MS : 0));
      } else if (weekday === 1) {
        place(day + startMinute * MINUTE_MS, day + endMinute * MINUTE_MS + (endMinute <= startMinute ? WEEK_MS : 0));
      }
    }
  }
  return unionOfRanges(windows);
}
