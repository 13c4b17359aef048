import type { Restriction } from '@xops/core';
import { z } from 'zod';
import type { ConfigProblem } from '../config-object';
import { withRule } from '../config-rule';
import { ownField } from '../plain-object';
import { parseTimeOfDay, parseWeekdays, parseWeekTime } from './time-of-day';

const ALL_DAYS = [1, 2, 3, 4, 5, 6, 7] as const;
const TIME_HELP = 'write HH:MM in 24-hour time, e.g. "09:00", or a day and a time for a weekly range, e.g. "friday 18:00"';

const dayItemSchema = z.string().superRefine((text, ctx) => {
  if (parseWeekdays(text) === undefined) {
    ctx.addIssue({ code: 'custom', message: `\`${text}\` is not a day: use monday … sunday (or mon … sun), or a range such as monday:friday` });
  }
});

/**
 * zod schema for one restriction of a layer: a range of each day (`from: "09:00"`, `to: "17:00"`,
 * optional `days: [monday:friday]`) or of each week (`from: "friday 18:00"`, `to: "monday 08:00"`).
 * An end at or before the start ends the next day (or week).
 */
export const restrictionSchema = withRule(
  z.strictObject({
    days: z.array(dayItemSchema).min(1).optional().describe('the days a daily range starts on, e.g. [monday:friday]; leave it out for every day'),
    from: z.string().describe('when the range starts, e.g. "09:00", or "friday 18:00" for a weekly range'),
    to: z.string().describe('when the range ends, e.g. "17:00", or "monday 08:00" for a weekly range'),
  }),
  restrictionProblems,
);
/** One restriction of a layer once checked. */
export type RestrictionSpec = z.infer<typeof restrictionSchema>;

/** The restriction as `core` takes it; the spec must have passed `restrictionSchema`. */
export function compileRestriction(spec: RestrictionSpec): Restriction | undefined {
  const daily = { from: parseTimeOfDay(spec.from), to: parseTimeOfDay(spec.to) };
  if (daily.from !== undefined && daily.to !== undefined) {
    const days = spec.days === undefined ? [...ALL_DAYS] : [...new Set(spec.days.flatMap((item) => parseWeekdays(item) ?? []))].sort((a, b) => a - b);
    return { kind: 'daily', days, startMinute: daily.from, endMinute: daily.to };
  }
  const from = parseWeekTime(spec.from);
  const to = parseWeekTime(spec.to);
  return from === undefined || to === undefined ? undefined : { kind: 'weekly', startMinute: from, endMinute: to };
}

function restrictionProblems(value: unknown): ConfigProblem[] {
  const from = ownField(value, 'from');
  const to = ownField(value, 'to');
  const problems: ConfigProblem[] = [];
  const form = (text: unknown, field: string): 'daily' | 'weekly' | undefined => {
    if (typeof text !== 'string') return undefined;
    if (parseTimeOfDay(text) !== undefined) return 'daily';
    if (parseWeekTime(text) !== undefined) return 'weekly';
    problems.push({ path: [field], message: `\`${field}\` \`${text}\` is not a time: ${TIME_HELP}` });
    return undefined;
  };
  const fromForm = form(from, 'from');
  const toForm = form(to, 'to');
  if (fromForm === undefined || toForm === undefined) return problems;
  if (typeof from === 'string' && from.endsWith('24:00')) {
    return [{ path: ['from'], message: '`from` cannot be 24:00: a range starts from 00:00 to 23:59' }];
  }
  if (fromForm !== toForm) {
    return [{
      path: ['to'],
      message: fromForm === 'weekly'
        ? '`from` names a day, so `to` needs one too, e.g. "monday 08:00"'
        : '`from` is a time of day, so `to` must be one too, e.g. "17:00"; for a weekly range give both a day, e.g. from "friday 18:00" to "monday 08:00"',
    }];
  }
  const start = fromForm === 'daily' ? parseTimeOfDay(String(from)) : parseWeekTime(String(from));
  const end = fromForm === 'daily' ? parseTimeOfDay(String(to)) : parseWeekTime(String(to));
  if (start === end) {
    problems.push({ path: [], message: `the range from "${String(from)}" to "${String(to)}" has no length: give it one, or leave out \`restrictions\` to be on call all the time` });
  }
  if (fromForm === 'weekly' && ownField(value, 'days') !== undefined) {
    problems.push({ path: ['days'], message: '`days` is for ranges of each day; a weekly range names its days in `from` and `to`: leave `days` out' });
  }
  return problems;
}
