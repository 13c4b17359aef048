/** A span of time `[from, to)`, epoch ms. */
export interface Span {
  readonly from: number;
  readonly to: number;
}

/** The day holding `at` in the browser's zone: `[midnight, next midnight)`, 23 or 25 hours on a clock change. */
export function dayOf(at: number): Span {
  const date = new Date(at);
  return localDay(date.getFullYear(), date.getMonth(), date.getDate());
}

/** The seven days of the week holding `at`, Monday first (ISO 8601 weeks), in the browser's zone. */
export function weekDays(at: number): Span[] {
  const date = new Date(at);
  const sinceMonday = (date.getDay() + 6) % 7;
  return Array.from({ length: 7 }, (_unused, index) => localDay(date.getFullYear(), date.getMonth(), date.getDate() - sinceMonday + index));
}

/**
 * The days of a month's calendar grid: whole weeks, Monday first, from the week holding the 1st
 * to the week holding the last day (28 to 42 days). `month` counts from 0, as `Date` does.
 */
export function monthGridDays(year: number, month: number): Span[] {
  const first = new Date(year, month, 1);
  const last = new Date(year, month + 1, 0);
  const lead = (first.getDay() + 6) % 7;
  const trail = 6 - ((last.getDay() + 6) % 7);
  return Array.from({ length: lead + last.getDate() + trail }, (_unused, index) => localDay(year, month, 1 - lead + index));
}

/**
 * The hours of `day` as its clock shows them, `00:00` to `23:00`, each to the next hour (the last
 * to the day's end). On the day clocks go forward the skipped hour is an empty span.
 */
export function dayHours(day: Span): Span[] {
  const date = new Date(day.from);
  const hour = (h: number) => new Date(date.getFullYear(), date.getMonth(), date.getDate(), h).getTime();
  return Array.from({ length: 24 }, (_unused, h) => {
    const from = Math.min(hour(h), day.to);
    return { from, to: h === 23 ? day.to : Math.max(from, hour(h + 1)) };
  });
}

/** True when `day` holds `now` (default: this instant): the calendar marks today. */
export function isToday(day: Span, now = Date.now()): boolean {
  return day.from <= now && now < day.to;
}

/** Moves `at` by whole weeks or months of the calendar, keeping the day (clamped to the month's length). */
export function shiftAnchor(at: number, view: 'week' | 'month', steps: number): number {
  const date = new Date(at);
  if (view === 'week') return new Date(date.getFullYear(), date.getMonth(), date.getDate() + 7 * steps, 12).getTime();
  const target = new Date(date.getFullYear(), date.getMonth() + steps, 1, 12);
  const length = new Date(target.getFullYear(), target.getMonth() + 1, 0).getDate();
  target.setDate(Math.min(date.getDate(), length));
  return target.getTime();
}

function localDay(year: number, month: number, day: number): Span {
  return { from: new Date(year, month, day).getTime(), to: new Date(year, month, day + 1).getTime() };
}
