/** A wall-clock date and time without a zone, as OpenSLO calendar windows write it. */
export interface CalendarStartTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
}

const START_TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})$/;

/**
 * Parses an OpenSLO calendar `startTime`, `YYYY-MM-DD HH:MM:SS` in 24-hour time without a zone
 * (README § SLO: `startTime: 2020-01-21 12:30:00`); `undefined` when it is not a real date and time.
 */
export function parseCalendarStartTime(text: string): CalendarStartTime | undefined {
  const match = START_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number);
  if (year === undefined || month === undefined || day === undefined
    || hour === undefined || minute === undefined || second === undefined) return undefined;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  return { year, month, day, hour, minute, second };
}

/**
 * True when `name` is a time zone of the IANA database as this runtime knows it (`Europe/Berlin`,
 * `UTC`). Asks `Intl.DateTimeFormat`, which browsers and Node both carry; offsets like `+01:00` are refused.
 */
export function isIanaTimeZone(name: string): boolean {
  if (!/^[A-Za-z]/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0; // Gregorian rule
  return month === 2 && leap ? 29 : (DAYS_IN_MONTH[month - 1] ?? 0);
}
