import { describe, expect, it } from 'vitest';
import type { CalendarWindow } from './slo-definition';
import { checkTimeWindow, longestWindowMs, windowBounds } from './window-bounds';

const HOUR = 3_600_000;
const at = (iso: string): number => Date.parse(iso);
const berlin = (unit: CalendarWindow['unit'], count = 1, startTime = '2026-01-01T00:00:00'): CalendarWindow =>
  ({ kind: 'calendar', unit, count, startTime, timeZone: 'Europe/Berlin' });

describe('windowBounds', () => {
  it('gives a rolling window as [now − duration, now)', () => {
    expect(windowBounds({ kind: 'rolling', durationMs: 30 * 24 * HOUR }, 3_000_000_000_000))
      .toEqual({ from: 3_000_000_000_000 - 2_592_000_000, to: 3_000_000_000_000 });
  });

  it('gives March 2026 in Berlin as 743 hours: CET at its start, CEST at its end', () => {
    // 1 March 00:00 CET (UTC+1) = 28 Feb 23:00 UTC; 1 April 00:00 CEST (UTC+2) = 31 March 22:00 UTC.
    const bounds = windowBounds(berlin('month'), at('2026-03-15T12:00:00Z'));
    expect(bounds).toEqual({ from: at('2026-02-28T23:00:00Z'), to: at('2026-03-31T22:00:00Z') });
    expect((bounds.to - bounds.from) / HOUR).toBe(31 * 24 - 1);
  });

  it('makes a calendar day 23 h on the spring change and 25 h on the autumn change', () => {
    const spring = windowBounds(berlin('day'), at('2026-03-29T10:00:00Z'));
    expect(spring).toEqual({ from: at('2026-03-28T23:00:00Z'), to: at('2026-03-29T22:00:00Z') });
    const autumn = windowBounds(berlin('day'), at('2026-10-25T10:00:00Z'));
    expect(autumn).toEqual({ from: at('2026-10-24T22:00:00Z'), to: at('2026-10-25T23:00:00Z') });
    expect((spring.to - spring.from) / HOUR).toBe(23);
    expect((autumn.to - autumn.from) / HOUR).toBe(25);
  });

  it('keeps calendar hours exact across a DST change', () => {
    // 2026-03-29 02:00 CET does not exist: the hour after 01:00 CET (00:00 UTC) ends at 01:00 UTC.
    expect(windowBounds(berlin('hour', 1, '2026-03-29T00:00:00'), at('2026-03-29T00:30:00Z')))
      .toEqual({ from: at('2026-03-29T00:00:00Z'), to: at('2026-03-29T01:00:00Z') });
  });

  it('starts a period at its first instant and ends it just before the next', () => {
    const start = at('2026-02-28T23:00:00Z');
    expect(windowBounds(berlin('month'), start).from).toBe(start);
    expect(windowBounds(berlin('month'), start - 1).to).toBe(start);
  });

  it('repeats multi-unit periods from the anchor, backwards too', () => {
    // Two-month periods from 1 Jan 2026: Jan–Feb, Mar–Apr, …; and before the anchor Nov–Dec 2025.
    expect(windowBounds(berlin('month', 2), at('2026-04-30T12:00:00Z')))
      .toEqual({ from: at('2026-02-28T23:00:00Z'), to: at('2026-04-30T22:00:00Z') });
    expect(windowBounds(berlin('month', 2), at('2025-12-24T12:00:00Z')))
      .toEqual({ from: at('2025-10-31T23:00:00Z'), to: at('2025-12-31T23:00:00Z') });
  });

  it('counts months from a month-end anchor without drifting', () => {
    // Anchor 31 Jan: + 1 month is 28 Feb (clamped), + 2 months is 31 March again (luxon adds from the anchor).
    const bounds = windowBounds({ kind: 'calendar', unit: 'month', count: 1, startTime: '2026-01-31T00:00:00', timeZone: 'UTC' }, at('2026-03-05T00:00:00Z'));
    expect(bounds).toEqual({ from: at('2026-02-28T00:00:00Z'), to: at('2026-03-31T00:00:00Z') });
  });

  it('aligns weeks and quarters to their anchor in the zone', () => {
    const week: CalendarWindow = { kind: 'calendar', unit: 'week', count: 1, startTime: '2026-01-05T00:00:00', timeZone: 'America/New_York' };
    // Monday 2 March 2026 00:00 EST = 05:00 UTC; Monday 9 March 00:00 EDT (US change on 8 March) = 04:00 UTC.
    expect(windowBounds(week, at('2026-03-05T00:00:00Z'))).toEqual({ from: at('2026-03-02T05:00:00Z'), to: at('2026-03-09T04:00:00Z') });
    expect(windowBounds(berlin('quarter'), at('2026-05-01T00:00:00Z'))).toEqual({ from: at('2026-03-31T22:00:00Z'), to: at('2026-06-30T22:00:00Z') });
  });

  it('throws on a window that checkTimeWindow rejects', () => {
    expect(() => windowBounds({ ...berlin('day'), timeZone: 'Mars/Olympus' }, 0)).toThrow(RangeError);
  });
});

describe('checkTimeWindow', () => {
  it('says what is wrong', () => {
    expect(checkTimeWindow({ ...berlin('day'), timeZone: 'Mars/Olympus' })).toEqual({ ok: false, error: 'unknown time zone "Mars/Olympus"' });
    expect(checkTimeWindow({ ...berlin('day'), startTime: '2026-13-01T00:00:00' }).ok).toBe(false);
    expect(checkTimeWindow({ ...berlin('day'), count: 0 }).ok).toBe(false);
    expect(checkTimeWindow({ kind: 'rolling', durationMs: 0 }).ok).toBe(false);
    expect(checkTimeWindow(berlin('month'))).toEqual({ ok: true, value: berlin('month') });
  });
});

describe('longestWindowMs', () => {
  it('allows for the longest calendar unit', () => {
    expect(longestWindowMs(berlin('month'))).toBe((31 * 24 + 1) * HOUR);
    expect(longestWindowMs(berlin('day', 2))).toBe(50 * HOUR);
    expect(longestWindowMs({ kind: 'rolling', durationMs: 5 })).toBe(5);
  });
});
