import { DateTime, IANAZone } from 'luxon';
import type { Result } from '../result';
import type { CalendarWindow, TimeWindow } from './slo-definition';

/** The span of an SLO window in epoch ms, half-open: `[from, to)`. */
export interface WindowBounds {
  readonly from: number;
  readonly to: number;
}

const LUXON_UNIT = {
  minute: 'minutes', hour: 'hours', day: 'days', week: 'weeks', month: 'months', quarter: 'quarters', year: 'years',
} as const;

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

// Average lengths, only to guess which period `now` falls in before the exact calendar check.
const AVERAGE_MS: Readonly<Record<CalendarWindow['unit'], number>> = {
  minute: 60_000, hour: HOUR_MS, day: DAY_MS, week: 7 * DAY_MS,
  month: 30.44 * DAY_MS, quarter: 91.31 * DAY_MS, year: 365.25 * DAY_MS,
};

// The longest a unit can be in local time: a day across the autumn DST change is 25 h.
const LONGEST_MS: Readonly<Record<CalendarWindow['unit'], number>> = {
  minute: 60_000, hour: HOUR_MS, day: 25 * HOUR_MS, week: 7 * DAY_MS + HOUR_MS,
  month: 31 * DAY_MS + HOUR_MS, quarter: 92 * DAY_MS + HOUR_MS, year: 366 * DAY_MS + HOUR_MS,
};

/**
 * The window an SLO is judged over at `now`.
 *
 * - Rolling: `[now − duration, now)`.
 * - Calendar: the period that contains `now`. Periods are `count × unit` long and repeat from
 *   `startTime` (wall-clock time in `timeZone`), forwards and backwards. Days, weeks, months,
 *   quarters and years are calendar units in local time, so a day across a DST change lasts
 *   23 h or 25 h and a month is a calendar month (March 2026 in Europe/Berlin: 743 h); minutes
 *   and hours are exact durations. `to` is the end of the period: the elapsed part is `[from, now)`.
 *
 * Throws a RangeError for a calendar window with an unknown zone or an unreadable `startTime`:
 * definitions are checked before they reach the engine (see `checkTimeWindow`).
 *
 * @example windowBounds({ kind: 'calendar', unit: 'month', count: 1, startTime: '2026-01-01T00:00:00',
 *   timeZone: 'Europe/Berlin' }, Date.parse('2026-03-15T12:00:00Z'))
 *   // → { from: Date.parse('2026-02-28T23:00:00Z'), to: Date.parse('2026-03-31T22:00:00Z') }
 */
export function windowBounds(window: TimeWindow, now: number): WindowBounds {
  if (window.kind === 'rolling') return { from: now - window.durationMs, to: now };
  const anchor = calendarAnchor(window);
  if (!anchor.ok) throw new RangeError(anchor.error);
  const unit = LUXON_UNIT[window.unit];
  const periodStart = (k: number): number => anchor.value.plus({ [unit]: k * window.count }).toMillis();
  let k = Math.floor((now - anchor.value.toMillis()) / (AVERAGE_MS[window.unit] * window.count));
  while (periodStart(k) > now) k--;
  while (periodStart(k + 1) <= now) k++;
  return { from: periodStart(k), to: periodStart(k + 1) };
}

/** The longest the window can be, in ms: the rolling duration, or the longest calendar period (DST included). */
export function longestWindowMs(window: TimeWindow): number {
  return window.kind === 'rolling' ? window.durationMs : LONGEST_MS[window.unit] * window.count;
}

/** Epoch ms of the calendar anchor (`startTime` in `timeZone`); 0 for a rolling window. */
export function windowAnchorMs(window: TimeWindow): number {
  if (window.kind === 'rolling') return 0;
  const anchor = calendarAnchor(window);
  return anchor.ok ? anchor.value.toMillis() : 0;
}

/** Whether `windowBounds` can work with this window; the error says what is wrong. */
export function checkTimeWindow(window: TimeWindow): Result<TimeWindow, string> {
  if (window.kind === 'rolling') {
    return Number.isFinite(window.durationMs) && window.durationMs > 0
      ? { ok: true, value: window }
      : { ok: false, error: `a rolling window needs a positive duration, not ${window.durationMs} ms` };
  }
  if (!Number.isInteger(window.count) || window.count < 1) {
    return { ok: false, error: `a calendar window needs a whole number of ${window.unit}s ≥ 1, not ${window.count}` };
  }
  const anchor = calendarAnchor(window);
  return anchor.ok ? { ok: true, value: window } : anchor;
}

function calendarAnchor(window: CalendarWindow): Result<DateTime, string> {
  if (!IANAZone.isValidZone(window.timeZone)) return { ok: false, error: `unknown time zone "${window.timeZone}"` };
  const anchor = DateTime.fromISO(window.startTime, { zone: window.timeZone });
  return anchor.isValid
    ? { ok: true, value: anchor }
    : { ok: false, error: `startTime "${window.startTime}" is not a local time YYYY-MM-DDTHH:mm:ss` };
}
