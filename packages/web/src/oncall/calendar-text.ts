import type { Span } from './calendar-days';

const DAY_FORMAT = new Intl.DateTimeFormat('en-GB', { weekday: 'short', day: 'numeric', month: 'short' });
const MONTH_FORMAT = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric' });
const pad = (n: number) => String(n).padStart(2, '0');

/** A day as a calendar column names it: `Mon 9 Mar`. */
export function dayLabel(at: number): string {
  return DAY_FORMAT.format(at);
}

/** A month as a calendar's caption names it: `March 2026`. */
export function monthLabel(at: number): string {
  return MONTH_FORMAT.format(at);
}

/** The browser's clock time of an instant: `09:30`. */
export function clockText(at: number): string {
  const date = new Date(at);
  return `${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

/** A stretch inside a day as `09:00–17:00`, its end at the day's end written `24:00`. */
export function spanInDayText(span: Span, day: Span): string {
  return `${clockText(span.from)}–${span.to >= day.to ? '24:00' : clockText(span.to)}`;
}

/** The browser's IANA time zone, e.g. `Europe/Berlin`; the calendar is drawn in it. */
export function browserTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
