import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseRecurrenceRule } from './recurrence-rule';

const error = (text: string): string => {
  const result = parseRecurrenceRule(text);
  if (result.ok) throw new Error(`${text} parsed`);
  return result.error;
};

describe('parseRecurrenceRule', () => {
  it('accepts RFC 5545 rules, with or without RRULE: and in any case, keeping UNTIL apart', () => {
    expect(parseRecurrenceRule('FREQ=WEEKLY;BYDAY=SA')).toEqual({ ok: true, value: { parts: 'FREQ=WEEKLY;BYDAY=SA', frequency: 'WEEKLY' } });
    expect(parseRecurrenceRule('RRULE:freq=monthly;byday=1mo,-1fr;interval=2')).toEqual({ ok: true, value: { parts: 'FREQ=MONTHLY;BYDAY=1MO,-1FR;INTERVAL=2', frequency: 'MONTHLY' } });
    expect(parseRecurrenceRule('FREQ=DAILY;UNTIL=20261231T230000Z')).toEqual({ ok: true, value: { parts: 'FREQ=DAILY', frequency: 'DAILY', until: { time: Date.UTC(2026, 11, 31, 23), utc: true } } });
    expect(parseRecurrenceRule('FREQ=DAILY;UNTIL=20260601T020000')).toMatchObject({ ok: true, value: { until: { time: Date.UTC(2026, 5, 1, 2), utc: false } } });
    expect(parseRecurrenceRule('FREQ=YEARLY;BYWEEKNO=20;BYDAY=MO')).toMatchObject({ ok: true });
    expect(parseRecurrenceRule('FREQ=MONTHLY;BYDAY=MO,TU,WE,TH,FR;BYSETPOS=-1')).toMatchObject({ ok: true });
    expect(parseRecurrenceRule('FREQ=HOURLY;INTERVAL=6;COUNT=10;WKST=SU')).toMatchObject({ ok: true });
  });

  it('refuses unknown parts, repeats and bad values, naming them', () => {
    expect(error('')).toBe('the rule is empty: give at least FREQ, e.g. FREQ=WEEKLY;BYDAY=SA');
    expect(error('BYDAY=MO')).toBe('FREQ is required, e.g. FREQ=WEEKLY');
    expect(error('FREQ=WEEKLY;BYDAY=XX')).toBe('`XX` is not a weekday such as MO, SA or 1MO (the first Monday)');
    expect(error('FREQ=FORTNIGHTLY')).toBe('FREQ must be one of HOURLY, DAILY, WEEKLY, MONTHLY, YEARLY, not `FORTNIGHTLY`');
    expect(error('FREQ=MINUTELY')).toBe('FREQ=MINUTELY repeats too often for a maintenance window: use HOURLY or longer');
    expect(error('FREQ=WEEKLY;FOO=1')).toBe('unknown RRULE part `FOO=1`: use FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST');
    expect(error('FREQ=WEEKLY;FREQ=DAILY')).toBe('FREQ is given twice');
    expect(error('FREQ=WEEKLY;INTERVAL=0')).toBe('INTERVAL must be a whole number from 1 to 10000, not `0`');
    expect(error('FREQ=WEEKLY;INTERVAL=abc')).toBe('INTERVAL must be a whole number from 1 to 10000, not `ABC`');
    expect(error('FREQ=DAILY;BYHOUR=24')).toBe('`24` is not 0…23');
    expect(error('FREQ=MONTHLY;BYMONTHDAY=0')).toBe('`0` is not ±1…31');
    expect(error('FREQ=WEEKLY;BYDAY=MO,,TU')).toBe('a list has an empty item');
    expect(error('FREQ=WEEKLY;')).toBe('unknown RRULE part ``: use FREQ, UNTIL, COUNT, INTERVAL, BYSECOND, BYMINUTE, BYHOUR, BYDAY, BYMONTHDAY, BYYEARDAY, BYWEEKNO, BYMONTH, BYSETPOS, WKST');
    expect(error('FREQ')).toBe('`FREQ` needs a value, e.g. FREQ=…');
    expect(error('FREQ=DAILY;UNTIL=20260231T000000Z')).toBe('UNTIL `20260231T000000Z` is not a date-time such as 20261231T235959Z');
    expect(error('FREQ=DAILY;UNTIL=20260301')).toBe('UNTIL `20260301` is not a date-time such as 20261231T235959Z');
  });

  it('refuses the combinations RFC 5545 § 3.3.10 forbids', () => {
    expect(error('FREQ=DAILY;COUNT=3;UNTIL=20261231T000000Z')).toBe('give UNTIL or COUNT, not both');
    expect(error('FREQ=MONTHLY;BYWEEKNO=1')).toBe('BYWEEKNO goes with FREQ=YEARLY only');
    expect(error('FREQ=WEEKLY;BYMONTHDAY=1')).toBe('BYMONTHDAY does not go with FREQ=WEEKLY: use BYDAY');
    expect(error('FREQ=DAILY;BYYEARDAY=100')).toBe('BYYEARDAY does not go with FREQ=DAILY');
    expect(error('FREQ=WEEKLY;BYDAY=1MO')).toBe('a numbered BYDAY such as 1MO goes with FREQ=MONTHLY or YEARLY, not WEEKLY');
    expect(error('FREQ=YEARLY;BYWEEKNO=1;BYDAY=1MO')).toBe('a numbered BYDAY does not go with BYWEEKNO');
    expect(error('FREQ=MONTHLY;BYSETPOS=1')).toBe('BYSETPOS needs another BY… part to pick from');
  });

  it('keeps the first occurrence out of the rule', () => {
    expect(error('DTSTART=20260101T000000Z;FREQ=DAILY')).toBe('DTSTART is not part of the rule: the first occurrence is `start`');
    expect(error('DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY')).toBe('give one RRULE line, without DTSTART: the first occurrence is `start`');
  });

  it('never throws, whatever the text', () => {
    fc.assert(fc.property(fc.string({ maxLength: 60 }), (text) => {
      expect(typeof parseRecurrenceRule(text).ok).toBe('boolean');
    }), { numRuns: 500 });
  });
});
