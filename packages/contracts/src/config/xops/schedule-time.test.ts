import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { validateConfigDocument } from '../validate-config-document';
import { parseScheduleTime, scheduleTimeInstant } from './schedule-time';
import { parseTimeOfDay, parseWeekdays, parseWeekTime } from './time-of-day';

describe('schedule times', () => {
  it('reads wall-clock times in the zone and exact instants with an offset', () => {
    // Europe/Berlin: CET (UTC+1) in March before the 29th.
    expect(scheduleTimeInstant('2026-03-02T09:00', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 2, 8));
    expect(scheduleTimeInstant('2026-03-02T09:00:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 2, 8, 0, 30));
    expect(scheduleTimeInstant('2026-03-02T09:00Z', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 2, 9));
    expect(scheduleTimeInstant('2026-03-02T09:00-05:30', 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 2, 14, 30));
    expect(scheduleTimeInstant('2026-03-02T09:00', 'Mars/Olympus')).toBeUndefined();
    for (const text of ['2026-02-29T09:00', '2026-03-02T24:00', '2026-03-02 09:00', '2026-03-02T09:00+15:00', '2026-03-02']) {
      expect(parseScheduleTime(text)).toBeUndefined();
    }
  });

  it('reads times of day, week times and days', () => {
    expect([parseTimeOfDay('00:00'), parseTimeOfDay('09:30'), parseTimeOfDay('24:00'), parseTimeOfDay('24:01'), parseTimeOfDay('9:00')]).toEqual([0, 570, 1440, undefined, undefined]);
    // Minutes after Monday 00:00: Friday 18:00 = 4 × 1440 + 1080.
    expect([parseWeekTime('friday 18:00'), parseWeekTime('Mon 08:00'), parseWeekTime('sunday 24:00'), parseWeekTime('fri')]).toEqual([6840, 480, 10_080, undefined]);
    expect(parseWeekdays('monday:friday')).toEqual([1, 2, 3, 4, 5]);
    expect(parseWeekdays('fri:mon')).toEqual([5, 6, 7, 1]);
    expect(parseWeekdays('Saturday')).toEqual([6]);
    expect([parseWeekdays('mo'), parseWeekdays('monday:'), parseWeekdays('a:b:c')]).toEqual([undefined, undefined, undefined]);
  });

  it('never throws on any input, whatever the on-call kind', () => {
    const kinds = fc.constantFrom('Team', 'Schedule', 'EscalationPolicy');
    fc.assert(fc.property(kinds, fc.anything(), (kind, spec) => {
      validateConfigDocument({ apiVersion: 'xops.dev/v1', kind, metadata: { name: 'x' }, spec });
    }), { numRuns: 300 });
    fc.assert(fc.property(fc.string(), (text) => {
      parseScheduleTime(text);
      parseWeekdays(text);
      parseWeekTime(text);
    }));
  });
});
