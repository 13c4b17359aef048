import { instantOfLocalTime } from '@xops/core';
import { z } from 'zod';

/** A date and time as a schedule writes it: wall-clock fields, and the UTC offset when one is given. */
export interface ScheduleTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
  readonly second: number;
  /** Minutes east of UTC from a `Z` or `+02:00` suffix; none: local to the schedule's time zone. */
  readonly offsetMinutes?: number;
}

// ISO 8601 as people write it: seconds optional, and an offset for an exact instant.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:\d{2})?$/;

/**
 * Parses `2026-03-02T09:00` (wall-clock time in the schedule's zone), `2026-03-02T08:00:00Z` or
 * `2026-03-02T09:00+01:00` (exact instants); `undefined` when it is not a real date and time.
 */
export function parseScheduleTime(text: string): ScheduleTime | undefined {
  const match = DATE_TIME.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute] = match.slice(1, 6).map(Number);
  const second = Number(match[6] ?? 0);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined) return undefined;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  const suffix = match[7];
  if (suffix === undefined) return { year, month, day, hour, minute, second };
  if (suffix === 'Z') return { year, month, day, hour, minute, second, offsetMinutes: 0 };
  const sign = suffix.startsWith('-') ? -1 : 1;
  const [offsetHours, offsetMinutes] = suffix.slice(1).split(':').map(Number);
  if (offsetHours === undefined || offsetMinutes === undefined || offsetHours > 14 || offsetMinutes > 59) return undefined;
  return { year, month, day, hour, minute, second, offsetMinutes: sign * (offsetHours * 60 + offsetMinutes) };
}

/**
 * The instant (epoch ms) of a schedule time: exact with an offset, else the wall-clock time in
 * `timeZone` (a time the clocks skip becomes the jump, a time shown twice its first showing).
 * `undefined` when the text does not parse or the zone is unknown.
 *
 * @example scheduleTimeInstant('2026-03-02T09:00', 'Europe/Berlin') // → Date.UTC(2026, 2, 2, 8)
 */
export function scheduleTimeInstant(text: string, timeZone: string): number | undefined {
  const time = parseScheduleTime(text);
  if (time === undefined) return undefined;
  if (time.offsetMinutes === undefined) return instantOfLocalTime(time, timeZone, 'jump');
  return Date.UTC(time.year, time.month - 1, time.day, time.hour, time.minute, time.second) - time.offsetMinutes * 60_000;
}

/** zod schema for a schedule time; `noun` names the field in messages. */
export function scheduleTimeSchema(noun: string) {
  return z.string().superRefine((text, ctx) => {
    if (parseScheduleTime(text) === undefined) {
      ctx.addIssue({
        code: 'custom',
        message: `${noun} \`${text}\` is not a date and time: write YYYY-MM-DDTHH:MM in the schedule's time zone, e.g. "2026-03-02T09:00", or add an offset for an exact instant, e.g. "2026-03-02T08:00Z"`,
      });
    }
  });
}
