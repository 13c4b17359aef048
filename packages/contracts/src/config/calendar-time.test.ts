import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isIanaTimeZone, parseCalendarStartTime } from './calendar-time';

describe('parseCalendarStartTime', () => {
  it('reads the README example', () => {
    expect(parseCalendarStartTime('2020-01-21 12:30:00')).toEqual({ year: 2020, month: 1, day: 21, hour: 12, minute: 30, second: 0 });
  });

  it('knows leap years: 29 February exists in 2024 and 2000, not in 2023 or 1900', () => {
    expect(parseCalendarStartTime('2024-02-29 00:00:00')).toBeDefined();
    expect(parseCalendarStartTime('2000-02-29 00:00:00')).toBeDefined();
    expect(parseCalendarStartTime('2023-02-29 00:00:00')).toBeUndefined();
    expect(parseCalendarStartTime('1900-02-29 00:00:00')).toBeUndefined();
  });

  it.each([
    '2020-01-21', '2020-01-21T12:30:00', '2020-01-21 12:30', '2020-13-01 00:00:00', '2020-04-31 00:00:00',
    '2020-00-10 00:00:00', '2020-01-00 00:00:00', '2020-01-21 24:00:00', '2020-01-21 12:60:00', '2020-01-21 12:30:60',
    '2020-01-21 12:30:00Z', ' 2020-01-21 12:30:00',
  ])('refuses %j', (text) => {
    expect(parseCalendarStartTime(text)).toBeUndefined();
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.string(), (text) => {
      parseCalendarStartTime(text);
    }));
  });
});

describe('isIanaTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'UTC', 'Etc/GMT+1', 'Asia/Kolkata'])('accepts %s', (name) => {
    expect(isIanaTimeZone(name)).toBe(true);
  });

  it.each(['', 'Mars/Olympus', '+01:00', 'GMT+1', 'Europe/Berlin ', '1'])('refuses %j', (name) => {
    expect(isIanaTimeZone(name)).toBe(false);
  });
});
