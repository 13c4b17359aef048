import { describe, expect, it } from 'vitest';
import { instantOfLocalTime, localClock, toInstant, toLocalMs } from './local-clock';

const berlin = localClock('Europe/Berlin')!;

describe('local clock', () => {
  it('reads the wall clock of a zone, summer and winter', () => {
    // Europe/Berlin is UTC+1 in winter (CET) and UTC+2 from 2026-03-29 01:00Z to 2026-10-25 01:00Z (CEST).
    expect(toLocalMs(berlin, Date.UTC(2026, 0, 5, 8))).toBe(Date.UTC(2026, 0, 5, 9));
    expect(toLocalMs(berlin, Date.UTC(2026, 6, 6, 7))).toBe(Date.UTC(2026, 6, 6, 9));
    expect(toInstant(berlin, Date.UTC(2026, 0, 5, 9))).toBe(Date.UTC(2026, 0, 5, 8));
    expect(toInstant(berlin, Date.UTC(2026, 6, 6, 9))).toBe(Date.UTC(2026, 6, 6, 7));
  });

  it('maps a time the spring change skips to the instant of the jump', () => {
    // 2026-03-29: at 02:00 CET (01:00Z) clocks jump to 03:00 CEST, so 02:00–02:59 never shows.
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 2, 0))).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 2, 30))).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 3, 0))).toBe(Date.UTC(2026, 2, 29, 1, 0));
    expect(toInstant(berlin, Date.UTC(2026, 2, 29, 3, 30))).toBe(Date.UTC(2026, 2, 29, 1, 30));
  });

  it('takes the first of two equal times in autumn (RFC 5545 § 3.3.5)', () => {
    // 2026-10-25: at 03:00 CEST (01:00Z) clocks go back to 02:00 CET; 02:30 shows at 00:30Z and at 01:30Z.
    expect(toInstant(berlin, Date.UTC(2026, 9, 25, 2, 30))).toBe(Date.UTC(2026, 9, 25, 0, 30));
    expect(toInstant(berlin, Date.UTC(2026, 9, 25, 3, 0))).toBe(Date.UTC(2026, 9, 25, 2, 0));
  });

  it('places a wall-clock date in a zone, and knows no invented zone', () => {
    expect(instantOfLocalTime({ year: 2026, month: 3, day: 2, hour: 9, minute: 0 }, 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 2, 8));
    // New York is UTC−4 in summer (EDT).
    expect(instantOfLocalTime({ year: 2026, month: 7, day: 1, hour: 9, minute: 30, second: 15 }, 'America/New_York')).toBe(Date.UTC(2026, 6, 1, 13, 30, 15));
    expect(instantOfLocalTime({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'UTC')).toBe(Date.UTC(2026, 6, 1, 9));
    expect(instantOfLocalTime({ year: 2026, month: 7, day: 1, hour: 9, minute: 0 }, 'Mars/Olympus')).toBeUndefined();
  });
});
