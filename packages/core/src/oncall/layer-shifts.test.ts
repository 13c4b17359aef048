import { describe, expect, it } from 'vitest';
import { layerShifts, MAX_TURNS_PER_LAYER } from './layer-shifts';
import type { ScheduleLayer, Shift } from './schedule-definition';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;
const utc = Date.UTC;
const BERLIN = 'Europe/Berlin';

const layer = (overrides: Partial<ScheduleLayer>): ScheduleLayer =>
  ({ name: 'primary', users: ['ana', 'ben', 'cem'], start: utc(2026, 2, 16, 8), turnLengthMs: WEEK, restrictions: [], ...overrides });
const shifts = (value: ScheduleLayer, from: number, to: number, timeZone = BERLIN): Shift[] => {
  const result = layerShifts(value, timeZone, { from, to });
  if (!result.ok) throw new Error(result.error);
  return result.value;
};
const hours = (list: readonly Shift[]): number[] => list.map((shift) => (shift.to - shift.from) / HOUR);

describe('layerShifts: rotation', () => {
  // A weekly rotation handing off at Monday 09:00 Europe/Berlin, first turn Monday 2026-03-16.
  // Berlin is UTC+1 (CET) until 2026-03-29 and from 2026-10-25, UTC+2 (CEST) between.
  it('keeps a weekly handoff at Monday 09:00 local across the spring change: that turn lasts 167 h', () => {
    // 09:00 CET = 08:00Z; 09:00 CEST = 07:00Z. Turn 1 runs from Mon 23 Mar 08:00Z to Mon 30 Mar 07:00Z:
    // 7 × 24 h less the hour the clocks skip on Sun 29 Mar.
    const list = shifts(layer({}), utc(2026, 2, 16, 8), utc(2026, 3, 6, 7));
    expect(list).toEqual([
      { from: utc(2026, 2, 16, 8), to: utc(2026, 2, 23, 8), user: 'ana' },
      { from: utc(2026, 2, 23, 8), to: utc(2026, 2, 30, 7), user: 'ben' },
      { from: utc(2026, 2, 30, 7), to: utc(2026, 3, 6, 7), user: 'cem' },
    ]);
    expect(hours(list)).toEqual([168, 167, 168]);
  });

  it('keeps it across the autumn change: that turn lasts 169 h', () => {
    // Mon 16 Mar → Mon 19 Oct is 217 days = 31 turns, so turn 31 (31 mod 3 = 1: ben) starts
    // Mon 19 Oct 09:00 CEST (07:00Z) and ends Mon 26 Oct 09:00 CET (08:00Z), across the extra
    // hour of Sun 25 Oct. Turn 30 is ana's, turn 32 cem's.
    const list = shifts(layer({}), utc(2026, 9, 12, 7), utc(2026, 10, 2, 8));
    expect(list).toEqual([
      { from: utc(2026, 9, 12, 7), to: utc(2026, 9, 19, 7), user: 'ana' },
      { from: utc(2026, 9, 19, 7), to: utc(2026, 9, 26, 8), user: 'ben' },
      { from: utc(2026, 9, 26, 8), to: utc(2026, 10, 2, 8), user: 'cem' },
    ]);
    expect(hours(list)).toEqual([168, 169, 168]);
  });

  it('clips turns to the range and gives nobody before the start or after the end', () => {
    expect(shifts(layer({}), utc(2026, 2, 25), utc(2026, 2, 31))).toEqual([
      { from: utc(2026, 2, 25), to: utc(2026, 2, 30, 7), user: 'ben' },
      { from: utc(2026, 2, 30, 7), to: utc(2026, 2, 31), user: 'cem' },
    ]);
    expect(shifts(layer({}), utc(2026, 2, 1), utc(2026, 2, 16, 8))).toEqual([]);
    expect(shifts(layer({ end: utc(2026, 2, 18) }), utc(2026, 2, 1), utc(2026, 2, 20))).toEqual([
      { from: utc(2026, 2, 16, 8), to: utc(2026, 2, 18), user: 'ana' },
    ]);
  });

  it('keeps 12-hour handoffs at 09:00 and 21:00 local: the night of the spring change lasts 11 h', () => {
    // Sat 28 Mar 09:00 CET = 08:00Z; 21:00 CET = 20:00Z; Sun 29 Mar 09:00 CEST = 07:00Z; 21:00 CEST = 19:00Z.
    const list = shifts(layer({ users: ['ana', 'ben'], start: utc(2026, 2, 28, 8), turnLengthMs: 12 * HOUR }), utc(2026, 2, 28, 8), utc(2026, 2, 29, 19));
    expect(list).toEqual([
      { from: utc(2026, 2, 28, 8), to: utc(2026, 2, 28, 20), user: 'ana' },
      { from: utc(2026, 2, 28, 20), to: utc(2026, 2, 29, 7), user: 'ben' },
      { from: utc(2026, 2, 29, 7), to: utc(2026, 2, 29, 19), user: 'ana' },
    ]);
  });

  it('hands off at the jump when the handoff time does not exist that day', () => {
    // Daily at 02:30: Fri 27 Mar 02:30 CET = 01:30Z. On Sun 29 Mar 02:30 never shows (02:00 CET
    // jumps to 03:00 CEST at 01:00Z), so that handoff happens at 01:00Z; Mon 30 Mar 02:30 CEST = 00:30Z.
    const list = shifts(layer({ start: utc(2026, 2, 27, 1, 30), turnLengthMs: DAY }), utc(2026, 2, 27, 1, 30), utc(2026, 2, 31, 0, 30));
    expect(list).toEqual([
      { from: utc(2026, 2, 27, 1, 30), to: utc(2026, 2, 28, 1, 30), user: 'ana' },
      { from: utc(2026, 2, 28, 1, 30), to: utc(2026, 2, 29, 1), user: 'ben' },
      { from: utc(2026, 2, 29, 1), to: utc(2026, 2, 30, 0, 30), user: 'cem' },
      { from: utc(2026, 2, 30, 0, 30), to: utc(2026, 2, 31, 0, 30), user: 'ana' },
    ]);
    expect(hours(list)).toEqual([24, 23.5, 23.5, 24]);
  });
});

describe('layerShifts: restrictions', () => {
  it('keeps only the nights of an overnight daily restriction', () => {
    // 22:00–06:00 every day, CEST (UTC+2): each night is 20:00Z–04:00Z. Range Mon 1 Jun 00:00 to Wed 3 Jun 00:00 local.
    const nights = layer({ users: ['ana'], start: utc(2026, 4, 31, 22), restrictions: [{ kind: 'daily', days: [1, 2, 3, 4, 5, 6, 7], startMinute: 22 * 60, endMinute: 6 * 60 }] });
    expect(shifts(nights, utc(2026, 4, 31, 22), utc(2026, 5, 2, 22))).toEqual([
      { from: utc(2026, 4, 31, 22), to: utc(2026, 5, 1, 4), user: 'ana' }, // Sunday night's end
      { from: utc(2026, 5, 1, 20), to: utc(2026, 5, 2, 4), user: 'ana' },
      { from: utc(2026, 5, 2, 20), to: utc(2026, 5, 2, 22), user: 'ana' },
    ]);
  });

  it('keeps the weekend of a weekly restriction from Friday 18:00 to Monday 08:00, whoever has each turn', () => {
    // Minutes after Monday 00:00: Friday 18:00 = 4 × 1440 + 1080 = 6840, Monday 08:00 = 480 (the next week).
    // Daily turns from Mon 1 Jun 08:00 CEST (06:00Z): ana, ben, ana, ben, ana (Fri 5), ben (Sat 6), ana (Sun 7).
    const weekend = layer({ users: ['ana', 'ben'], start: utc(2026, 5, 1, 6), turnLengthMs: DAY, restrictions: [{ kind: 'weekly', startMinute: 6840, endMinute: 480 }] });
    expect(shifts(weekend, utc(2026, 5, 1, 6), utc(2026, 5, 8, 6))).toEqual([
      { from: utc(2026, 5, 5, 16), to: utc(2026, 5, 6, 6), user: 'ana' },
      { from: utc(2026, 5, 6, 6), to: utc(2026, 5, 7, 6), user: 'ben' },
      { from: utc(2026, 5, 7, 6), to: utc(2026, 5, 8, 6), user: 'ana' },
    ]);
  });
});

describe('layerShifts: failures', () => {
  it('fails as a value for an unknown zone, a bad layer or too many turns', () => {
    expect(layerShifts(layer({}), 'Mars/Olympus', { from: 0, to: 1 })).toEqual({ ok: false, error: 'time zone "Mars/Olympus" is not in the IANA database' });
    expect(layerShifts(layer({ users: [], turnLengthMs: 0 }), BERLIN, { from: 2, to: 1 })).toEqual({
      ok: false, error: 'layer "primary": has nobody in its rotation; a turn of 0 ms is not a positive whole number of ms; [2, 1) is not a time range',
    });
    // One-minute turns over 200 days: 288 000 turns.
    expect(layerShifts(layer({ turnLengthMs: MINUTE }), BERLIN, { from: utc(2026, 3, 1), to: utc(2026, 3, 1) + 200 * DAY })).toEqual({
      ok: false, error: `layer "primary": more than ${MAX_TURNS_PER_LAYER} turns in the range; ask for a shorter range`,
    });
  });
});
