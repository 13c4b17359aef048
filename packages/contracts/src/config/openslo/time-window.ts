import { z } from 'zod';
import { isIanaTimeZone, parseCalendarStartTime } from '../calendar-time';
import { withRule } from '../config-rule';
import { durationShorthandSchema } from '../duration';
import { ownField } from '../plain-object';

/** zod schema for `calendar` of a calendar-aligned window: a zone-less `startTime` and an IANA `timeZone`. */
export const calendarSchema = z.strictObject({
  startTime: z.string().superRefine((text, ctx) => {
    if (parseCalendarStartTime(text) === undefined) {
      ctx.addIssue({ code: 'custom', message: `startTime \`${text}\` is not a date and time: write "YYYY-MM-DD HH:MM:SS" in 24-hour time without a zone, e.g. "2024-01-01 00:00:00"` });
    }
  }).describe('when the first window starts, "YYYY-MM-DD HH:MM:SS", e.g. "2024-01-01 00:00:00"'),
  timeZone: z.string().superRefine((name, ctx) => {
    if (!isIanaTimeZone(name)) {
      ctx.addIssue({ code: 'custom', message: `timeZone \`${name}\` is not a time zone of the IANA database: use a name such as Europe/Berlin, America/New_York or UTC` });
    }
  }).describe('an IANA time zone name, e.g. Europe/Berlin or UTC'),
});

/**
 * zod schema for the one item of an SLO's `timeWindow`: rolling `{duration, isRolling: true}` or
 * calendar-aligned `{duration, calendar, isRolling: false}` (`isRolling` may be left out with a calendar).
 */
export const timeWindowSchema = withRule(
  z.strictObject({
    duration: durationShorthandSchema({ noun: 'window' }).describe('the length of the window, e.g. 28d or 1M'),
    isRolling: z.boolean().optional(),
    calendar: calendarSchema.optional(),
  }),
  (value) => {
    if (typeof value !== 'object' || value === null) return [];
    const isRolling = ownField(value, 'isRolling');
    const calendar = ownField(value, 'calendar');
    if (calendar !== undefined && isRolling === true) {
      return [{ path: ['isRolling'], message: 'a calendar-aligned window cannot be rolling: set `isRolling: false`, or remove `calendar` for a rolling window' }];
    }
    if (calendar === undefined && isRolling === false) {
      return [{ path: ['calendar'], message: '`calendar` is required when `isRolling` is false: give its startTime and timeZone, or set `isRolling: true` for a rolling window' }];
    }
    if (calendar === undefined && isRolling === undefined) {
      return [{ path: ['isRolling'], message: '`isRolling` is required: `isRolling: true` for a rolling window, or add `calendar` (startTime, timeZone) for a calendar-aligned one' }];
    }
    return [];
  },
);
/** The one time window of an SLO once checked. */
export type TimeWindow = z.infer<typeof timeWindowSchema>;
