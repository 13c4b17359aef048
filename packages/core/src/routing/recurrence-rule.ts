import type { Result } from '../result';

/** An RRULE checked against RFC 5545 § 3.3.10, ready for the `rrule` library. */
export interface RecurrenceRule {
  /** The rule in upper case without `RRULE:` and without `UNTIL`, e.g. `FREQ=WEEKLY;BYDAY=SA`. */
  readonly parts: string;
  readonly frequency: Frequency;
  /** The last possible start: local ms (wall clock read as UTC), or epoch ms when `utc`. */
  readonly until?: { readonly time: number; readonly utc: boolean };
}

export type Frequency = 'HOURLY' | 'DAILY' | 'WEEKLY' | 'MONTHLY' | 'YEARLY';

const FREQUENCIES: readonly string[] = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const WEEKDAYS = '(MO|TU|WE|TH|FR|SA|SU)';
const UNTIL = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/;
// Cut-offs that keep a single rule's evaluation small: a maintenance window is not a cron job.
const MAX_COUNT = 100_000;
const MAX_INTERVAL = 10_000;

type PartCheck = (value: string) => string | undefined;

const integers = (min: number, max: number, signed: boolean): PartCheck => (value) => eachItem(value, (item) => {
  const match = (signed ? /^[+-]?(\d{1,3})$/ : /^(\d{1,3})$/).exec(item);
  const magnitude = Number(match?.[1]);
  return match !== null && magnitude >= min && magnitude <= max ? undefined : `\`${item}\` is not ${signed ? `±${min}…${max}` : `${min}…${max}`}`;
});

const CHECKS: Readonly<Record<string, PartCheck>> = {
  FREQ: (value) => {
    if (value === 'SECONDLY' || value === 'MINUTELY') return `FREQ=${value} repeats too often for a maintenance window: use HOURLY or longer`;
    return FREQUENCIES.includes(value) ? undefined : `FREQ must be one of ${FREQUENCIES.join(', ')}, not \`${value}\``;
  },
  UNTIL: (value) => (untilOf(value) === undefined ? `UNTIL \`${value}\` is not a date-time such as 20261231T235959Z` : undefined),
  COUNT: (value) => (/^[1-9]\d*$/.test(value) && Number(value) <= MAX_COUNT ? undefined : `COUNT must be a whole number from 1 to ${MAX_COUNT}, not \`${value}\``),
  INTERVAL: (value) => (/^[1-9]\d*$/.test(value) && Number(value) <= MAX_INTERVAL ? undefined : `INTERVAL must be a whole number from 1 to ${MAX_INTERVAL}, not \`${value}\``),
  BYSECOND: integers(0, 59, false),
  BYMINUTE: integers(0, 59, false),
  BYHOUR: integers(0, 23, false),
  BYDAY: (value) => eachItem(value, (item) => {
    const match = new RegExp(`^(?:[+-]?(\\d{1,2}))?${WEEKDAYS}$`).exec(item);
    const ordinal = match?.[1] === undefined ? 1 : Number(match[1]);
    return match !== null && ordinal >= 1 && ordinal <= 53 ? undefined : `\`${item}\` is not a weekday such as MO, SA or 1MO (the first Monday)`;
  }),
  BYMONTHDAY: integers(1, 31, true),
  BYYEARDAY: integers(1, 366, true),
  BYWEEKNO: integers(1, 53, true),
  BYMONTH: integers(1, 12, false),
  BYSETPOS: integers(1, 366, true),
  WKST: (value) => (new RegExp(`^${WEEKDAYS}$`).test(value) ? undefined : `WKST must be a weekday such as MO, not \`${value}\``),
};

/**
 * Checks an RRULE (RFC 5545 § 3.3.10), e.g. `FREQ=WEEKLY;BYDAY=SA`, strictly: every part known
 * and given once, every value in range, FREQ present, not both UNTIL and COUNT, and the
 * combinations § 3.3.10 forbids refused (BYWEEKNO outside YEARLY, BYMONTHDAY with WEEKLY, …).
 * `RRULE:` in front and lower case are accepted. The first occurrence is not part of the rule
 * (no DTSTART): it is the window's `start`. The `rrule` library is lenient (it reads
 * `BYDAY=XX` as nothing at all), hence this check before it sees a rule.
 *
 * @example parseRecurrenceRule('FREQ=WEEKLY;BYDAY=SA') // → { ok: true, value: { parts: 'FREQ=WEEKLY;BYDAY=SA', frequency: 'WEEKLY' } }
 */
export function parseRecurrenceRule(text: string): Result<RecurrenceRule, string> {
  const body = text.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (body === '') return { ok: false, error: 'the rule is empty: give at least FREQ, e.g. FREQ=WEEKLY;BYDAY=SA' };
  if (/[\r\n]/.test(body)) return { ok: false, error: 'give one RRULE line, without DTSTART: the first occurrence is `start`' };
  const values = new Map<string, string>();
  for (const part of body.split(';')) {
    const equals = part.indexOf('=');
    const name = equals === -1 ? part : part.slice(0, equals);
    const check = CHECKS[name];
    if (check === undefined) return { ok: false, error: name === 'DTSTART' ? 'DTSTART is not part of the rule: the first occurrence is `start`' : `unknown RRULE part \`${part}\`: use ${Object.keys(CHECKS).join(', ')}` };
    if (equals === -1) return { ok: false, error: `\`${name}\` needs a value, e.g. ${name}=…` };
    if (values.has(name)) return { ok: false, error: `${name} is given twice` };
    const value = part.slice(equals + 1);
    const problem = check(value);
    if (problem !== undefined) return { ok: false, error: problem };
    values.set(name, value);
  }
  const frequency = values.get('FREQ');
  if (frequency === undefined) return { ok: false, error: 'FREQ is required, e.g. FREQ=WEEKLY' };
  const problem = combinationProblem(frequency, values);
  if (problem !== undefined) return { ok: false, error: problem };
  const untilText = values.get('UNTIL');
  values.delete('UNTIL');
  const parts = [...values].map(([name, value]) => `${name}=${value}`).join(';');
  const until = untilText === undefined ? undefined : untilOf(untilText);
  return { ok: true, value: { parts, frequency: toFrequency(frequency), ...(until === undefined ? {} : { until }) } };
}

// RFC 5545 § 3.3.10, the MUST and MUST NOT of the recur-rule-part descriptions.
function combinationProblem(frequency: string, values: ReadonlyMap<string, string>): string | undefined {
  if (values.has('UNTIL') && values.has('COUNT')) return 'give UNTIL or COUNT, not both';
  if (values.has('BYWEEKNO') && frequency !== 'YEARLY') return 'BYWEEKNO goes with FREQ=YEARLY only';
  if (values.has('BYYEARDAY') && ['DAILY', 'WEEKLY', 'MONTHLY'].includes(frequency)) return `BYYEARDAY does not go with FREQ=${frequency}`;
  if (values.has('BYMONTHDAY') && frequency === 'WEEKLY') return 'BYMONTHDAY does not go with FREQ=WEEKLY: use BYDAY';
  const numbered = (values.get('BYDAY') ?? '').split(',').some((item) => /\d/.test(item));
  if (numbered && !['MONTHLY', 'YEARLY'].includes(frequency)) return `a numbered BYDAY such as 1MO goes with FREQ=MONTHLY or YEARLY, not ${frequency}`;
  if (numbered && frequency === 'YEARLY' && values.has('BYWEEKNO')) return 'a numbered BYDAY does not go with BYWEEKNO';
  const byParts = [...values.keys()].filter((name) => name.startsWith('BY') && name !== 'BYSETPOS');
  if (values.has('BYSETPOS') && byParts.length === 0) return 'BYSETPOS needs another BY… part to pick from';
  return undefined;
}

function eachItem(value: string, check: (item: string) => string | undefined): string | undefined {
  for (const item of value.split(',')) {
    const problem = check(item);
    if (problem !== undefined) return item === '' ? 'a list has an empty item' : problem;
  }
  return undefined;
}

function untilOf(text: string): { time: number; utc: boolean } | undefined {
  const match = UNTIL.exec(text);
  if (match === null) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map(Number);
  if (year === undefined || month === undefined || day === undefined || hour === undefined || minute === undefined || second === undefined) return undefined;
  const time = Date.UTC(year, month - 1, day, hour, minute, second);
  const back = new Date(time);
  // Date.UTC rolls 31 April over to 1 May: a date that does not come back unchanged is not real.
  if (year < 1970 || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return { time, utc: match[7] === 'Z' };
}

function toFrequency(text: string): Frequency {
  switch (text) {
    case 'HOURLY': return 'HOURLY';
    case 'DAILY': return 'DAILY';
    case 'WEEKLY': return 'WEEKLY';
    case 'MONTHLY': return 'MONTHLY';
    default: return 'YEARLY';
  }
}
