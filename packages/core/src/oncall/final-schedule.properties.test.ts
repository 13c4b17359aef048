import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { instantOfLocalTime, toLocalMs, wallClock } from '../time/wall-clock';
import { finalSchedule, whoIsOnCall } from './final-schedule';
import { layerShifts } from './layer-shifts';
import type { Restriction, ScheduleDefinition, ScheduleLayer, ScheduleOverride, TimeRange, Weekday } from './schedule-definition';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
// Around the spring changes of Europe and the US and the autumn change of Australia/Lord_Howe (30 min).
const T0 = Date.UTC(2026, 2, 20);
const ZONES = ['UTC', 'Europe/Berlin', 'America/New_York', 'Australia/Lord_Howe', 'Asia/Kolkata', 'America/Santiago'];
const PEOPLE = ['ana', 'ben', 'cem', 'dan'];

const userArb = fc.constantFrom(...PEOPLE);
const weekdaysArb = fc.subarray<Weekday>([1, 2, 3, 4, 5, 6, 7], { minLength: 1 });
const restrictionArb: fc.Arbitrary<Restriction> = fc.oneof(
  fc.record({ kind: fc.constant('daily' as const), days: weekdaysArb, startMinute: fc.integer({ min: 0, max: 1439 }), endMinute: fc.integer({ min: 0, max: 1440 }) }),
  fc.record({ kind: fc.constant('weekly' as const), startMinute: fc.integer({ min: 0, max: 10_079 }), endMinute: fc.integer({ min: 0, max: 10_080 }) }),
).filter((restriction) => restriction.startMinute !== restriction.endMinute);
const layerArb = (name: string): fc.Arbitrary<ScheduleLayer> => fc.record({
  users: fc.array(userArb, { minLength: 1, maxLength: 4 }),
  start: fc.integer({ min: -20 * 96, max: 20 * 96 }).map((quarters) => T0 + quarters * 15 * MINUTE),
  length: fc.option(fc.integer({ min: 1, max: 30 * 24 }).map((hours) => hours * HOUR), { nil: undefined }),
  turnLengthMs: fc.oneof(fc.constantFrom(HOUR, 8 * HOUR, 12 * HOUR, DAY, 7 * DAY), fc.integer({ min: 4, max: 96 }).map((quarters) => quarters * 15 * MINUTE)),
  restrictions: fc.array(restrictionArb, { maxLength: 2 }),
}).map(({ length, ...layer }) => ({ name, ...layer, ...(length === undefined ? {} : { end: layer.start + length }) }));
const overrideArb: fc.Arbitrary<ScheduleOverride> = fc.record({
  user: userArb,
  from: fc.integer({ min: -10 * DAY, max: 20 * DAY }).map((offset) => T0 + offset),
  length: fc.integer({ min: 1, max: 5 * DAY }),
}).map(({ user, from, length }) => ({ user, from, to: from + length }));
const scheduleArb: fc.Arbitrary<ScheduleDefinition> = fc.record({
  timeZone: fc.constantFrom(...ZONES),
  layers: fc.integer({ min: 0, max: 3 }).chain((count) => fc.tuple(...Array.from({ length: count }, (_, i) => layerArb(`layer-${i + 1}`)))),
  overrides: fc.array(overrideArb, { maxLength: 4 }),
}).map((schedule) => ({ name: 'random', ...schedule }));
const rangeArb: fc.Arbitrary<TimeRange> = fc.record({
  from: fc.integer({ min: -5 * DAY, max: 5 * DAY }).map((offset) => T0 + offset),
  length: fc.integer({ min: 0, max: 14 * DAY }),
}).map(({ from, length }) => ({ from, to: from + length }));

const computed = (schedule: ScheduleDefinition, range: TimeRange) => {
  const result = finalSchedule(schedule, range);
  if (!result.ok) throw new Error(result.error);
  return result.value;
};

describe('final schedule properties', () => {
  it('never overlaps, and with its gaps covers the range exactly', () => {
    fc.assert(fc.property(scheduleArb, rangeArb, (schedule, range) => {
      const { entries, gaps } = computed(schedule, range);
      expect(entries).toEqual([...entries].sort((a, b) => a.from - b.from));
      const pieces = [...entries, ...gaps].sort((a, b) => a.from - b.from);
      let cursor = range.from;
      for (const piece of pieces) {
        expect(piece.from).toBe(cursor); // no overlap, no hole
        expect(piece.to).toBeGreaterThan(piece.from);
        cursor = piece.to;
      }
      expect(cursor).toBe(range.to);
    }), { numRuns: 150 });
  });

  it('lets the last override that covers an instant decide who is on call then', () => {
    fc.assert(fc.property(scheduleArb, rangeArb, (schedule, range) => {
      const { entries } = computed(schedule, range);
      for (const override of schedule.overrides) {
        for (const at of [override.from, Math.floor((override.from + override.to) / 2), override.to - 1]) {
          if (at < range.from || at >= range.to) continue;
          const winner = schedule.overrides.findLast((o) => o.from <= at && at < o.to);
          const entry = entries.find((e) => e.from <= at && at < e.to);
          expect(entry?.user).toBe(winner?.user);
          expect(entry?.source).toEqual({ kind: 'override' });
        }
      }
    }), { numRuns: 150 });
  });

  it('puts on call the last override, else the highest layer with someone, at any instant', () => {
    fc.assert(fc.property(scheduleArb, rangeArb, fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (schedule, range, fraction) => {
      fc.pre(range.to > range.from);
      const at = range.from + Math.floor((range.to - range.from) * fraction);
      // The rule, stated directly: one instant, each layer on its own.
      const layerUsers = schedule.layers.map((layer) => {
        const shifts = layerShifts(layer, schedule.timeZone, { from: at, to: at + 1 });
        return shifts.ok ? shifts.value[0]?.user : undefined;
      });
      const expected = schedule.overrides.findLast((o) => o.from <= at && at < o.to)?.user ?? layerUsers.findLast((user) => user !== undefined);
      const entry = computed(schedule, range).entries.find((e) => e.from <= at && at < e.to);
      expect(entry?.user).toBe(expected);
      expect(whoIsOnCall(schedule, at)).toEqual({ ok: true, value: expected });
    }), { numRuns: 100 });
  });

  it('hands a daily or weekly rotation off at the same wall-clock time in every zone', () => {
    const caseArb = fc.record({
      timeZone: fc.constantFrom(...ZONES),
      day: fc.integer({ min: -30, max: 30 }),
      hour: fc.integer({ min: 5, max: 23 }), // clear of the 00:00–04:00 changes of these zones
      days: fc.constantFrom(1, 2, 7),
    });
    fc.assert(fc.property(caseArb, ({ timeZone, day, hour, days }) => {
      const date = new Date(T0 + day * DAY);
      const start = instantOfLocalTime({ year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate(), hour, minute: 0 }, timeZone, 'jump')!;
      const layer: ScheduleLayer = { name: 'rotation', users: ['ana', 'ben'], start, turnLengthMs: days * DAY, restrictions: [] };
      const result = layerShifts(layer, timeZone, { from: start, to: start + 60 * DAY });
      if (!result.ok) throw new Error(result.error);
      const clock = wallClock(timeZone)!;
      for (const shift of result.value) {
        expect(new Date(toLocalMs(clock, shift.from)).getUTCHours()).toBe(hour);
        expect((toLocalMs(clock, shift.from) - toLocalMs(clock, start)) % (days * DAY)).toBe(0);
      }
    }), { numRuns: 100 });
  });
});
