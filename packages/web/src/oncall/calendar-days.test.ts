import { describe, expect, it } from 'vitest';
import { dayHours, dayOf, isToday, monthGridDays, shiftAnchor, weekDays } from './calendar-days';

// Local times on purpose: the calendar is drawn in the browser's zone, whatever it is where the tests run.
const local = (year: number, month: number, day: number, hour = 0) => new Date(year, month, day, hour).getTime();

describe('weekDays', () => {
  it('gives Monday to Sunday of the week holding the instant, midnight to midnight', () => {
    // Wednesday 2026-03-11, 15:00.
    const days = weekDays(local(2026, 2, 11, 15));
    expect(days).toHaveLength(7);
    expect(days[0]).toEqual({ from: local(2026, 2, 9), to: local(2026, 2, 10) });
    expect(days[6]).toEqual({ from: local(2026, 2, 15), to: local(2026, 2, 16) });
  });

  it('takes a Sunday as the end of its week, and crosses month ends', () => {
    const days = weekDays(local(2026, 2, 1, 23));
    expect(days[0]?.from).toBe(local(2026, 1, 23));
    expect(days[6]?.from).toBe(local(2026, 2, 1));
  });
});

describe('monthGridDays', () => {
  it('covers whole weeks from the Monday before the 1st to the Sunday after the last day', () => {
    // March 2026: the 1st is a Sunday, the 31st a Tuesday.
    const days = monthGridDays(2026, 2);
    expect(days).toHaveLength(42);
    expect(days[0]?.from).toBe(local(2026, 1, 23));
    expect(days[6]?.from).toBe(local(2026, 2, 1));
    expect(days[41]?.from).toBe(local(2026, 3, 5));
  });

  it('needs four weeks only for a February starting on a Monday', () => {
    const days = monthGridDays(2027, 1);
    expect(days).toHaveLength(28);
    expect(days[0]?.from).toBe(local(2027, 1, 1));
    expect(days[27]?.to).toBe(local(2027, 2, 1));
  });
});

describe('dayHours', () => {
  it('cuts a day into 24 hours, the last ending at the day end', () => {
    const hours = dayHours(dayOf(local(2026, 2, 11, 9)));
    expect(hours).toHaveLength(24);
    expect(hours[0]).toEqual({ from: local(2026, 2, 11, 0), to: local(2026, 2, 11, 1) });
    expect(hours[9]).toEqual({ from: local(2026, 2, 11, 9), to: local(2026, 2, 11, 10) });
    expect(hours[23]).toEqual({ from: local(2026, 2, 11, 23), to: local(2026, 2, 12) });
  });
});

describe('shiftAnchor', () => {
  it('moves by weeks', () => {
    expect(shiftAnchor(local(2026, 2, 11, 15), 'week', 1)).toBe(local(2026, 2, 18, 12));
    expect(shiftAnchor(local(2026, 2, 11, 15), 'week', -2)).toBe(local(2026, 1, 25, 12));
  });

  it('moves by months, keeping the day where the month has it', () => {
    expect(shiftAnchor(local(2026, 0, 31, 8), 'month', 1)).toBe(local(2026, 1, 28, 12));
    expect(shiftAnchor(local(2026, 0, 15, 8), 'month', -1)).toBe(local(2025, 11, 15, 12));
  });
});

describe('isToday', () => {
  it('holds for the day whose span holds the instant, its end excluded', () => {
    const day = dayOf(local(2026, 2, 11, 9));
    expect(isToday(day, local(2026, 2, 11, 0))).toBe(true);
    expect(isToday(day, local(2026, 2, 11, 23))).toBe(true);
    expect(isToday(day, local(2026, 2, 12))).toBe(false);
    expect(isToday(day, local(2026, 2, 10, 23))).toBe(false);
  });
});
