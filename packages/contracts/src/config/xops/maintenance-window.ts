import { parseRecurrenceRule } from '@xops/core';
import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { isIanaTimeZone } from '../calendar-time';
import { descriptionSchema } from '../description';
import { objectNameSchema } from '../object-name';
import { isPlainObject, ownField } from '../plain-object';
import { prometheusDurationSchema } from '../prometheus-duration';
import { alertMatchersSchema } from './alert-matcher';

const LOCAL_START = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/** True for a wall-clock date and time without an offset that exists on the calendar: `2026-03-07T02:00` or `…T02:00:00`. */
export function isLocalDateTime(text: string): boolean {
  const match = LOCAL_START.exec(text);
  if (match === null) return false;
  const [year, month, day, hour, minute, second] = match.slice(1).map((part) => Number(part ?? 0));
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) return false;
  const date = new Date(Date.UTC(year, month - 1, day));
  return year >= 1970 && date.getUTCMonth() === month - 1 && date.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59;
}

const startSchema = z.string().superRefine((text, ctx) => {
  if (isLocalDateTime(text)) return;
  const offset = /(Z|[+-]\d{2}:?\d{2})$/.test(text);
  ctx.addIssue({
    code: 'custom',
    message: offset
      ? `start \`${text}\` has an offset: write the local date and time without it, e.g. 2026-03-07T02:00, and the zone in timeZone`
      : `start \`${text}\` is not a local date and time such as 2026-03-07T02:00 (quote it in YAML)`,
  });
}).describe('the first occurrence, local date and time in timeZone, e.g. "2026-03-07T02:00"');

const rruleSchema = z.string().superRefine((text, ctx) => {
  const rule = parseRecurrenceRule(text);
  if (!rule.ok) ctx.addIssue({ code: 'custom', message: `rrule \`${text}\`: ${rule.error}` });
}).describe('an RFC 5545 recurrence rule, e.g. FREQ=WEEKLY;BYDAY=SA; without it the window happens once');

/**
 * zod schema for the `spec` of a MaintenanceWindow (xops.dev/v1): planned work during which the
 * alerts of some services do not page. From `start` (local time in `timeZone`, UTC unless given)
 * for `duration`, repeated by `rrule` (RFC 5545, e.g. `FREQ=WEEKLY;BYDAY=SA`). It covers alerts
 * whose `service` label is one of `services` and that match every one of `matchers`; at least
 * one of the two is needed. `suppress: pages` (the default) still notifies channels and tickets
 * at low urgency; `suppress: all` notifies no one.
 */
export const maintenanceWindowSpecSchema = withRule(
  z.strictObject({
    description: descriptionSchema.optional(),
    services: z.array(objectNameSchema()).max(100).optional().describe('the services whose alerts (label service) the window covers, e.g. [checkout]'),
    matchers: alertMatchersSchema.optional().describe('label matchers the covered alerts match too, e.g. [\'env="prod"\']'),
    start: startSchema,
    timeZone: z.string().superRefine((name, ctx) => {
      if (!isIanaTimeZone(name)) ctx.addIssue({ code: 'custom', message: `timeZone \`${name}\` is not a time zone of the IANA database: use a name such as Europe/Berlin or UTC` });
    }).optional(),
    duration: prometheusDurationSchema({ noun: 'duration', min: 60_000, max: 31 * 86_400_000 }).describe('how long each occurrence lasts, e.g. 2h'),
    rrule: rruleSchema.optional(),
    suppress: z.enum(['pages', 'all']).optional().describe('pages (the default): no one is woken, channels and tickets still hear; all: no one hears'),
  }),
  (value): ConfigProblem[] => {
    if (!isPlainObject(value)) return [];
    const filled = (key: string): boolean => {
      const list = ownField(value, key);
      return Array.isArray(list) && list.length > 0;
    };
    return filled('services') || filled('matchers')
      ? []
      : [{ path: [], message: 'say which alerts the window covers: `services` (e.g. [checkout]), `matchers`, or both' }];
  },
);
/** The `spec` of a MaintenanceWindow once checked. */
export type MaintenanceWindowSpec = z.infer<typeof maintenanceWindowSpecSchema>;
