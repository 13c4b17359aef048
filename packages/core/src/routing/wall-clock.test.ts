import { describe, expect, it } from 'vitest';
import { fromWallClock, isTimeZone, toWallClock } from './wall-clock';

describe('wall clock', () => {
  it('reads the local time of an instant', () => {
    expect(toWallClock(Date.UTC(2026, 0, 15, 12), 'Europe/Berlin')).toBe(Date.UTC(2026, 0, 15, 13));
    expect(toWallClock(Date.UTC(2026, 6, 15, 12), 'Europe/Berlin')).toBe(Date.UTC(2026, 6, 15, 14));
    expect(toWallClock(Date.UTC(2026, 6, 15, 12), 'America/New_York')).toBe(Date.UTC(2026, 6, 15, 8));
  });

  it('places a local time that happens once', () => {
    expect(fromWallClock(Date.UTC(2026, 2, 7, 2), 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 7, 1));
    expect(fromWallClock(Date.UTC(2026, 3, 4, 2), 'Europe/Berlin')).toBe(Date.UTC(2026, 3, 4, 0));
    expect(fromWallClock(Date.UTC(2026, 3, 4, 2), 'UTC')).toBe(Date.UTC(2026, 3, 4, 2));
  });

  it('takes the first of a time the clock shows twice (RFC 5545 § 3.3.5)', () => {
    // 25 Oct 2026: Berlin goes from 03:00 CEST back to 02:00 CET; 02:30 happens at 00:30Z and 01:30Z.
    expect(fromWallClock(Date.UTC(2026, 9, 25, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2026, 9, 25, 0, 30));
    // 1 Nov 2026: New York's 01:30 happens at 05:30Z (EDT) and 06:30Z (EST).
    expect(fromWallClock(Date.UTC(2026, 10, 1, 1, 30), 'America/New_York')).toBe(Date.UTC(2026, 10, 1, 5, 30));
  });

  it('reads a skipped time with the offset from before the gap (RFC 5545 § 3.3.5)', () => {
    // 29 Mar 2026: Berlin jumps from 02:00 CET to 03:00 CEST; 02:30 CET is 01:30Z, shown as 03:30 CEST.
    expect(fromWallClock(Date.UTC(2026, 2, 29, 2, 30), 'Europe/Berlin')).toBe(Date.UTC(2026, 2, 29, 1, 30));
    expect(fromWallClock(Date.UTC(2026, 2, 8, 2, 30), 'America/New_York')).toBe(Date.UTC(2026, 2, 8, 7, 30));
  });

  it('knows IANA zones and no others', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => toWallClock(0, 'Mars/Olympus')).toThrow(RangeError);
  });
});
