import { describe, expect, it } from 'vitest';
import { instantOfLocalTime, toInstant, toLocalMs, wallClock, type SkippedTime } from './wall-clock';

// Europe/Berlin is UTC+1 in winter (CET) and UTC+2 from 2026-03-29 01:00Z to 2026-10-25 01:00Z (CEST).
// America/New_York is UTC−5 (EST), and UTC−4 (EDT) from 2026-03-08 07:00Z to 2026-11-01 06:00Z.
const berlin = wallClock('Europe/Berlin')!;
const newYork = wallClock('America/New_York')!;
const utc = wallClock('UTC')!;
const RULES: readonly SkippedTime[] = ['shift-forward', 'jump'];

describe('wall clock', () => {
  it('reads the wall clock of a zone, summer and winter', () => {
    expect(toLocalMs(berlin, Date.UTC(2026, 0, 5, 8))).toBe(Date.UTC(2026, 0, 5, 9));
    expect(toLocalMs(berlin, Date.UTC(2026, 0, 15, 12))).toBe(Date.UTC(2026, 0, 15, 13));
    expect(toLocalMs(berlin, Date.UTC(2026, 6, 6, 7))).toBe(Date.UTC(2026, 6, 6, 9));
    expect(toLocalMs(berlin, Date.UTC(2026, 6, 15, 12))).toBe(Date.UTC(2026, 6, 15, 14));
    expect(toLocalMs(newYork, Date.UTC(2026, 6, 15, 12))).toBe(Date.UTC(2026, 6, 15, 8));
  });

  it.each(RULES)('places a local time that happens once (%s)', (rule) => {
    expect(toInstant(berlin, Date.UTC(2026, 0, 5, 9), rule)).toBe(Date.UTC(2026, 0, 5, 8));
    expect(toInstant(berlin, Date.UTC(2026, 2, 7, 2), rule)).toBe(Date.UTC(2026, 2, 7, 1));
    expect(toInstant(berlin, Date.UTC(2026, 3, 4, 2), rule)).toBe(Date.UTC(2026, 3, 4, 0));
    expect(toInstant(berlin, Date.UTC(2026, 6, 6, 9), rule)).toBe(Date.UTC(2026, 6, 6, 7));
    expect(toInstant(utc, Date.UTC(2026, 3, 4, 2), rule)).toBe(Date.UTC(2026, 3, 4, 2));
  });

  it.each(RULES)('takes the first of a time the clock shows twice in autumn (RFC 5545 § 3.3.5, %s)', (rule) => {
    // 2026-10-25: at 03:00 CEST (01:00Z) Berlin goes back to 02:00 CET; 02:30 shows at 00:30Z and at 01:30Z.
    expect(toInstant(berlin, Date.UTC(2026, 9, 25, 2, 30), rule)).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(toInstant(berlin, Date.UTC(2026, 9, 25, 3, 0), rule)).toBe(Date.UTC(2026, 9, 25, 2, 0));
    // 2026-11-01: New York's 01:30 shows at 05:30Z (EDT) and at 06:30Z (EST).
    expect(toInstant(newYork, Date.UTC(2026, 10, 1, 1, 30), rule)).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it("shifts a time the spring change skips forward by the gap's length (RFC 5545 § 3.3.5, 'shift-forward')", () => {
    // 2026-03-29: at 02:00 CET (01:00Z) Berlin jumps to 03:00 CEST; 02:30 CET is 01:30Z, shown as 03:30 CEST.
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 2, 30), 'shift-forward')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    // 2026-03-08: at 02:00 EST (07:00Z) New York jumps to 03:00 EDT; 02:30 EST is 07:30Z.
    expect(toInstant(newYork, Date.UTC(2026, 2, 8, 2, 30), 'shift-forward')).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it("maps a time the spring change skips to the instant of the jump ('jump')", () => {
    // 2026-03-29: 02:00–02:59 never shows in Berlin; the clock reads 03:00 CEST at 01:00Z.
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 2, 0), 'jump')).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 2, 30), 'jump')).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 3, 0), 'jump')).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 3, 30), 'jump')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(toInstant(newYork, Date.UTC(2026, 2, 8, 2, 30), 'jump')).toBe(Date.UTC(2026, 2, 8, 7, 0));
  });

  it('places a wall-clock date in a zone, and knows no invented zone', () => {
    expect(instantOfLocalTime({ year: 2026, month: 3, day: 2, hour: 9, minute: 0 }, 'Europe/Berlin', 'jump')).toBe(Date.UTC(2026, 2, 2, 8));
    // New York is UTC−4 in summer (EDT).
    expect(instantOfLocalTime({ year: 2026, month: 7, day: 1, hour: 9, minute: 30, second: 15 }, 'America/New_York', 'jump')).toBe(Date.UTC(2026, 6, 1, 13, 30, 15));
    expect(instantOfLocalTime({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'UTC', 'jump')).toBe(Date.UTC(2026, 6, 1, 9));
    expect(instantOfLocalTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin', 'jump')).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(instantOfLocalTime({ year: 2026, month: 3, day: 29, hour: 2, minute: 30 }, 'Europe/Berlin', 'shift-forward')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(instantOfLocalTime({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Mars/Olympus', 'jump')).toBeUndefined();
  });

  it('knows IANA zones and no others', () => {
    expect(wallClock('Europe/Berlin')).toBeDefined();
    expect(wallClock('UTC')).toBeDefined();
    expect(wallClock('Mars/Olympus')).toBeUndefined();
  });
});
