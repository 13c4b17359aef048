import { describe, expect, it } from 'vitest';
import { finalSchedule, whoIsOnCall } from './final-schedule';
import type { FinalSchedule, ScheduleDefinition, ScheduleLayer, TimeRange } from './schedule-definition';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = Date.UTC;
const WEEKDAYS = [1, 2, 3, 4, 5] as const;

const final = (schedule: ScheduleDefinition, range: TimeRange): FinalSchedule => {
  const result = finalSchedule(schedule, range);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const onCall = (schedule: ScheduleDefinition, at: number): string | undefined => {
  const result = whoIsOnCall(schedule, at);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const fromLayer = (layer: string) => ({ kind: 'layer', layer }) as const;
const override = { kind: 'override' } as const;

// Weekly, handing off Monday 09:00 Europe/Berlin from Mon 2026-03-16 (09:00 CET = 08:00Z).
const weekly: ScheduleLayer = {
  name: 'weekly', users: ['ana', 'ben', 'cem'], start: utc(2026, 2, 16, 8), turnLengthMs: 7 * DAY, restrictions: [],
};

describe('finalSchedule', () => {
  it('follows one weekly layer across the spring change', () => {
    const schedule: ScheduleDefinition = { name: 'primary', timeZone: 'Europe/Berlin', layers: [weekly], overrides: [] };
    // 09:00 CEST on Mon 30 Mar is 07:00Z: ben's turn is 167 h.
    expect(final(schedule, { from: utc(2026, 2, 16, 8), to: utc(2026, 3, 6, 7) })).toEqual({
      range: { from: utc(2026, 2, 16, 8), to: utc(2026, 3, 6, 7) },
      entries: [
        { from: utc(2026, 2, 16, 8), to: utc(2026, 2, 23, 8), user: 'ana', source: fromLayer('weekly') },
        { from: utc(2026, 2, 23, 8), to: utc(2026, 2, 30, 7), user: 'ben', source: fromLayer('weekly') },
        { from: utc(2026, 2, 30, 7), to: utc(2026, 3, 6, 7), user: 'cem', source: fromLayer('weekly') },
      ],
      gaps: [],
    });
  });

  it('puts a weekday 09:00–17:00 layer over a 24/7 layer, which keeps nights and weekends', () => {
    // Summer, CEST = UTC+2, so 09:00–17:00 local is 07:00Z–15:00Z.
    // 24/7: daily turns from Mon 1 Jun 09:00 (07:00Z): ana 1 Jun, ben 2, ana 3, ben 4, ana 5, ben 6, ana 7, ben 8.
    // Business hours: weekly turns from the same instant: cem until Mon 8 Jun 07:00Z, then dan.
    const schedule: ScheduleDefinition = {
      name: 'primary',
      timeZone: 'Europe/Berlin',
      layers: [
        { name: 'around-the-clock', users: ['ana', 'ben'], start: utc(2026, 5, 1, 7), turnLengthMs: DAY, restrictions: [] },
        {
          name: 'business-hours', users: ['cem', 'dan'], start: utc(2026, 5, 1, 7), turnLengthMs: 7 * DAY,
          restrictions: [{ kind: 'daily', days: WEEKDAYS, startMinute: 9 * 60, endMinute: 17 * 60 }],
        },
      ],
      overrides: [],
    };
    // From Fri 5 Jun 00:00 local (4 Jun 22:00Z) to Tue 9 Jun 00:00 local (8 Jun 22:00Z).
    expect(final(schedule, { from: utc(2026, 5, 4, 22), to: utc(2026, 5, 8, 22) }).entries).toEqual([
      { from: utc(2026, 5, 4, 22), to: utc(2026, 5, 5, 7), user: 'ben', source: fromLayer('around-the-clock') }, // Thu's turn
      { from: utc(2026, 5, 5, 7), to: utc(2026, 5, 5, 15), user: 'cem', source: fromLayer('business-hours') }, // Friday 09–17
      { from: utc(2026, 5, 5, 15), to: utc(2026, 5, 6, 7), user: 'ana', source: fromLayer('around-the-clock') }, // rest of Fri's turn
      { from: utc(2026, 5, 6, 7), to: utc(2026, 5, 7, 7), user: 'ben', source: fromLayer('around-the-clock') }, // Saturday: no business hours
      { from: utc(2026, 5, 7, 7), to: utc(2026, 5, 8, 7), user: 'ana', source: fromLayer('around-the-clock') }, // Sunday
      { from: utc(2026, 5, 8, 7), to: utc(2026, 5, 8, 15), user: 'dan', source: fromLayer('business-hours') }, // Monday 09–17, dan's week
      { from: utc(2026, 5, 8, 15), to: utc(2026, 5, 8, 22), user: 'ben', source: fromLayer('around-the-clock') },
    ]);
    expect(onCall(schedule, utc(2026, 5, 5, 12))).toBe('cem');
    expect(onCall(schedule, utc(2026, 5, 6, 12))).toBe('ben');
  });

  it('lets an override inside a shift win, and gives the shift back after it', () => {
    // ana has Mon 16 Mar 08:00Z to Mon 23 Mar 08:00Z; dan covers Wed 18 Mar 18:00 to Thu 19 Mar 08:00 CET
    // (17:00Z to 07:00Z). Where two overrides overlap, the later wins: eve takes Thu 02:00Z–03:00Z from dan.
    const schedule: ScheduleDefinition = {
      name: 'primary', timeZone: 'Europe/Berlin', layers: [weekly],
      overrides: [
        { user: 'dan', from: utc(2026, 2, 18, 17), to: utc(2026, 2, 19, 7) },
        { user: 'eve', from: utc(2026, 2, 19, 2), to: utc(2026, 2, 19, 3) },
      ],
    };
    expect(final(schedule, { from: utc(2026, 2, 16, 8), to: utc(2026, 2, 23, 8) }).entries).toEqual([
      { from: utc(2026, 2, 16, 8), to: utc(2026, 2, 18, 17), user: 'ana', source: fromLayer('weekly') },
      { from: utc(2026, 2, 18, 17), to: utc(2026, 2, 19, 2), user: 'dan', source: override },
      { from: utc(2026, 2, 19, 2), to: utc(2026, 2, 19, 3), user: 'eve', source: override },
      { from: utc(2026, 2, 19, 3), to: utc(2026, 2, 19, 7), user: 'dan', source: override },
      { from: utc(2026, 2, 19, 7), to: utc(2026, 2, 23, 8), user: 'ana', source: fromLayer('weekly') },
    ]);
    expect(onCall(schedule, utc(2026, 2, 18, 16, 59))).toBe('ana');
    expect(onCall(schedule, utc(2026, 2, 18, 17))).toBe('dan');
    expect(onCall(schedule, utc(2026, 2, 19, 7))).toBe('ana');
  });

  it('swaps two turns with two overrides', () => {
    // ben takes ana's week and ana takes ben's: the final schedule shows the swap, the layer is untouched.
    const schedule: ScheduleDefinition = {
      name: 'primary', timeZone: 'Europe/Berlin', layers: [weekly],
      overrides: [
        { user: 'ben', from: utc(2026, 2, 16, 8), to: utc(2026, 2, 23, 8) },
        { user: 'ana', from: utc(2026, 2, 23, 8), to: utc(2026, 2, 30, 7) },
      ],
    };
    expect(final(schedule, { from: utc(2026, 2, 16, 8), to: utc(2026, 3, 6, 7) }).entries.map((e) => e.user)).toEqual(['ben', 'ana', 'cem']);
  });

  it('reports a gap where nobody is on call', () => {
    // Business hours only (cem's week, then dan's), and a 24/7 layer that ends Fri 5 Jun 12:00Z.
    const schedule: ScheduleDefinition = {
      name: 'primary',
      timeZone: 'Europe/Berlin',
      layers: [
        { name: 'old-rotation', users: ['ana'], start: utc(2026, 5, 1, 7), end: utc(2026, 5, 5, 12), turnLengthMs: 7 * DAY, restrictions: [] },
        {
          name: 'business-hours', users: ['cem', 'dan'], start: utc(2026, 5, 1, 7), turnLengthMs: 7 * DAY,
          restrictions: [{ kind: 'daily', days: WEEKDAYS, startMinute: 9 * 60, endMinute: 17 * 60 }],
        },
      ],
      overrides: [],
    };
    // Fri 5 Jun: ana until 07:00Z, cem 07:00Z–15:00Z (over ana's last hours), then nobody until Mon 8 Jun 07:00Z.
    expect(final(schedule, { from: utc(2026, 5, 5, 0), to: utc(2026, 5, 8, 10) })).toEqual({
      range: { from: utc(2026, 5, 5, 0), to: utc(2026, 5, 8, 10) },
      entries: [
        { from: utc(2026, 5, 5, 0), to: utc(2026, 5, 5, 7), user: 'ana', source: fromLayer('old-rotation') },
        { from: utc(2026, 5, 5, 7), to: utc(2026, 5, 5, 15), user: 'cem', source: fromLayer('business-hours') },
        { from: utc(2026, 5, 8, 7), to: utc(2026, 5, 8, 10), user: 'dan', source: fromLayer('business-hours') },
      ],
      gaps: [{ from: utc(2026, 5, 5, 15), to: utc(2026, 5, 8, 7) }],
    });
    expect(onCall(schedule, utc(2026, 5, 6, 12))).toBeUndefined();
  });

  it('merges an empty schedule into one gap, and an empty range into nothing', () => {
    const empty: ScheduleDefinition = { name: 'empty', timeZone: 'UTC', layers: [], overrides: [] };
    expect(final(empty, { from: 0, to: DAY })).toEqual({ range: { from: 0, to: DAY }, entries: [], gaps: [{ from: 0, to: DAY }] });
    expect(final(empty, { from: DAY, to: DAY })).toEqual({ range: { from: DAY, to: DAY }, entries: [], gaps: [] });
  });

  it('fails as a value, with every problem of the schedule at once', () => {
    const broken: ScheduleDefinition = {
      name: 'broken', timeZone: 'Europe/Berln',
      layers: [weekly, { ...weekly, end: weekly.start - 1, restrictions: [{ kind: 'daily', days: [], startMinute: 60, endMinute: 60 }] }],
      overrides: [{ user: 'ana', from: 10, to: 10 }],
    };
    expect(finalSchedule(broken, { from: 0, to: DAY })).toEqual({
      ok: false,
      error: 'schedule "broken": time zone "Europe/Berln" is not in the IANA database; layer "weekly": the name is taken by an earlier layer; '
        + 'layer "weekly": must end after it starts; layer "weekly": restriction 1: starts where it ends: it has no length; override 1: must end after it starts',
    });
    expect(finalSchedule({ ...broken, timeZone: 'UTC', layers: [], overrides: [] }, { from: DAY, to: 0 })).toEqual({ ok: false, error: `[${DAY}, 0) is not a time range` });
  });
});
